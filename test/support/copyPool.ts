// A pool whose "workers" do not share the kernels' memory: each has a memory of its own,
// filled with NaN bytes, into which a call's CallMemory reads are copied before it runs and
// from which its writes are copied back a macrotask later (so calls of one batch overlap, as on
// real workers). A call that reads a byte not listed in its reads, or lists writes it did not
// make (copying back stale bytes over another call's), or runs before what it reads was
// written, gives wrong numbers: it checks the copy fallback's contract on the main thread.
import { Pool } from '../../src/pool/Pool.js';
import type { CallMemory } from '../../src/pool/port.js';
import { getRuntime } from '../../src/wasm/runtime.js';

interface CopyWorker {
  readonly memory: WebAssembly.Memory;
  readonly exports: Record<string, (...args: (number | bigint)[]) => unknown>;
}

const PAGE = 65536;

export class CopyPool extends Pool {
  readonly #workers: CopyWorker[];
  #turn = 0;

  constructor(threads: number) {
    super(threads, () => ({ post: () => {}, keepAlive: () => {}, terminate: async () => {}, interruptible: false }));
    const { module } = getRuntime();
    this.#workers = Array.from({ length: threads }, () => {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
      const { exports } = new WebAssembly.Instance(module, { env: { memory } });
      new Uint8Array(memory.buffer, (exports.heapBase as () => number)()).fill(0xff);
      return { memory, exports: exports as unknown as CopyWorker['exports'] };
    });
  }

  override async call(name: string, args: readonly (number | bigint)[], memory?: CallMemory): Promise<unknown> {
    if (memory === undefined) throw new Error(`CopyPool: ${name} was called without a CallMemory`);
    const worker = this.#workers[this.#turn++ % this.#workers.length];
    const main = getRuntime().memory;
    const have = worker.memory.buffer.byteLength;
    if (have < main.buffer.byteLength) {
      worker.memory.grow((main.buffer.byteLength - have) / PAGE);
      new Uint8Array(worker.memory.buffer, have).fill(0xff);
    }
    const from = new Uint8Array(main.buffer);
    const mine = new Uint8Array(worker.memory.buffer);
    for (const { at, bytes } of memory.reads) mine.set(from.subarray(at, at + bytes), at);
    const result = worker.exports[name](...args);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const to = new Uint8Array(getRuntime().memory.buffer);
    for (const { at, bytes } of memory.writes) to.set(new Uint8Array(worker.memory.buffer).subarray(at, at + bytes), at);
    return result;
  }
}
