// Linear memory is laid out by the facade (src/wasm/arena.ts): kernels take pointers and sizes
// and never allocate. Everything the facade places lives at or above heapBase().

/** First byte above the module's static data, 64-byte aligned. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~<usize>63;
}
