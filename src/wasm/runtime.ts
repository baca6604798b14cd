// Loads the kernels: the .wasm bytes are inlined as base64 at build time
// (scripts/embed-wasm.mjs), so the same code runs in Node, browsers and bundlers with no fs or
// fetch. `ready()` compiles asynchronously; any synchronous call made before it instantiates
// synchronously (fine in Node and on Chromium's main thread for a module this small).
import { wasmBase64 } from '../generated/kernels.wasm.js';
import { WasmUnsupportedError } from '../errors.js';
import { Arena } from './arena.js';
import type { KernelExports } from './exports.js';

/** The instantiated kernels and the allocator over their memory. */
export interface Runtime {
  readonly kernels: KernelExports;
  readonly arena: Arena;
}

let runtime: Runtime | undefined;
let loading: Promise<Runtime> | undefined;

function wasmBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(wasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function checkSupport(bytes: Uint8Array<ArrayBuffer>): void {
  if (typeof WebAssembly !== 'object') throw new WasmUnsupportedError('WebAssembly is not available in this environment');
  if (!WebAssembly.validate(bytes)) throw new WasmUnsupportedError('this engine rejects the SIMD kernels');
}

function start(instance: WebAssembly.Instance): Runtime {
  const kernels = instance.exports as unknown as KernelExports;
  runtime = { kernels, arena: new Arena(kernels.memory, kernels.heapBase()) };
  return runtime;
}

/** Compiles and instantiates the WebAssembly kernels. Call once before synchronous use in browsers. */
export function ready(): Promise<void> {
  if (runtime !== undefined) return Promise.resolve();
  loading ??= (async () => {
    const bytes = wasmBytes();
    checkSupport(bytes);
    const { instance } = await WebAssembly.instantiate(bytes.buffer);
    return runtime ?? start(instance);
  })();
  return loading.then(() => undefined);
}

/** The kernels, instantiating them synchronously if ready() has not finished yet. */
export function getRuntime(): Runtime {
  if (runtime !== undefined) return runtime;
  const bytes = wasmBytes();
  checkSupport(bytes);
  return start(new WebAssembly.Instance(new WebAssembly.Module(bytes)));
}
