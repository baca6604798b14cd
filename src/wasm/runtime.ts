// Loads the kernels: the .wasm bytes are inlined as base64 at build time
// (scripts/embed-wasm.mjs), so the same code runs in Node, browsers and bundlers with no fs or
// fetch. `ready()` compiles asynchronously; any synchronous call made before it instantiates
// synchronously (fine in Node and on Chromium's main thread for a module this small).
//
// One module, built with threads (asconfig.json), imports one shared memory that this runtime
// creates: every worker of a pool (src/pool/) instantiates the same compiled module on the same
// memory, so tables and results are seen by all of them without copies. The memory declares its
// 4 GiB maximum up front, as a shared memory must; that reserves address space only (Node 20
// and Chromium 156 both construct it, grow it to 4 GiB, and Chromium does so without
// cross-origin isolation, where only posting it to a worker needs COOP/COEP).
import { wasmBase64 } from '../generated/kernels.wasm.js';
import { WasmUnsupportedError } from '../errors.js';
import { Arena, MAX_MEMORY_BYTES, PAGE_BYTES } from './arena.js';
import type { KernelExports } from './exports.js';

/** The compiled kernels, their shared memory, the main thread's instance and the allocator. */
export interface Runtime {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;
  readonly arena: Arena;
}

/** Pages the module's memory import asks for at least (asconfig.json initialMemory). */
const INITIAL_PAGES = 1;

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
  if (!WebAssembly.validate(bytes)) throw new WasmUnsupportedError('this engine rejects the SIMD and threads kernels');
}

/** The memory the kernels import: shared, 1 page to start, 4 GiB at most. */
function sharedMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAX_MEMORY_BYTES / PAGE_BYTES, shared: true });
}

function start(module: WebAssembly.Module, memory: WebAssembly.Memory, instance: WebAssembly.Instance): Runtime {
  const kernels = instance.exports as unknown as KernelExports;
  // Every instantiation rewrites the module's data segments, all below heapBase(): the arena
  // starts above them, so a worker starting up never touches a table.
  runtime = { module, memory, kernels, arena: new Arena(memory, kernels.heapBase()) };
  return runtime;
}

/** Compiles and instantiates the WebAssembly kernels. Call once before synchronous use in browsers. */
export function ready(): Promise<void> {
  if (runtime !== undefined) return Promise.resolve();
  loading ??= (async () => {
    const bytes = wasmBytes();
    checkSupport(bytes);
    const memory = sharedMemory();
    const { module, instance } = await WebAssembly.instantiate(bytes.buffer, { env: { memory } });
    return runtime ?? start(module, memory, instance);
  })();
  return loading.then(() => undefined);
}

/** The kernels, instantiating them synchronously if ready() has not finished yet. */
export function getRuntime(): Runtime {
  if (runtime !== undefined) return runtime;
  const bytes = wasmBytes();
  checkSupport(bytes);
  const module = new WebAssembly.Module(bytes);
  const memory = sharedMemory();
  return start(module, memory, new WebAssembly.Instance(module, { env: { memory } }));
}
