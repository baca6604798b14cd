// Fills the free blocks of the kernels' memory with NaN bytes, so a result that a pooled call
// failed to write (or to copy back) cannot pass by reusing what an earlier call left there.
import { getRuntime } from '../../src/wasm/runtime.js';

/** Every free block of at least 64 bytes below the current end of memory, filled with 0xff. */
export function poisonFreeMemory(): void {
  const { arena, memory } = getRuntime();
  const end = memory.buffer.byteLength;
  const taken: number[] = [];
  for (const size of [1 << 20, 1 << 14, 1 << 10, 64]) {
    for (;;) {
      const at = arena.alloc('poison', 'poison', size);
      if (at + size > end) {
        arena.release(at);
        break;
      }
      taken.push(at);
      new Uint8Array(memory.buffer, at, size).fill(0xff);
    }
  }
  taken.forEach((at) => arena.release(at));
}
