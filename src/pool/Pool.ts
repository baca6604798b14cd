// A fixed set of workers running kernel calls, one call per worker at a time, first come first
// served, on the shared memory or (sharing 'copies') each on a memory of its own, with copies of
// what each call reads and writes (copies.ts). A worker that dies rejects its call and is
// replaced, unless it died before it started (a page whose Content-Security-Policy forbids blob:
// workers, say): then every call rejects, rather than workers being started again and again.
// A call whose AbortSignal aborts is dropped from the queue, or stops its worker.
import { getRuntime } from '../wasm/runtime.js';
import { copyBack, type Held, withCopies } from './copies.js';
import type { CallMemory, KernelCall, KernelReply, SpawnWorker, WorkerPort } from './port.js';

/** How a pool's workers see the kernels' memory: the main thread's own, or copies. */
export type PoolSharing = 'shared' | 'copies';

interface Job {
  readonly call: KernelCall;
  readonly memory?: CallMemory;
  readonly signal?: AbortSignal;
  /** Set when the signal aborted while the call ran in a worker that could not be stopped. */
  aborted: boolean;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  port: WorkerPort;
  job?: Job;
  /** What a worker on its own memory holds (sharing 'copies'). */
  held: Held;
  /** Whether the worker said it started. */
  ready: boolean;
}

/** Worker threads running the kernels; make one with createPool(), end it with close(). */
export class Pool {
  /** Number of workers. */
  readonly threads: number;
  /**
   * 'shared': the workers run on the main thread's memory (Node, cross-origin isolated pages);
   * 'copies': each on its own memory, sent copies of what each call reads and writes.
   */
  readonly sharing: PoolSharing;
  readonly #spawn: SpawnWorker;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #closed = false;
  /** Why workers cannot start here, once one died before it started. */
  #broken?: Error;

  /** @internal Use createPool(). */
  constructor(threads: number, spawn: SpawnWorker, sharing: PoolSharing = 'shared') {
    this.threads = threads;
    this.sharing = sharing;
    this.#spawn = spawn;
    for (let i = 0; i < threads; i++) this.#slots.push(this.#start(i));
  }

  /**
   * @internal Runs exports[name](...args) in the next free worker; rejects if it throws or dies,
   * or with `signal.reason` when the signal aborts. `memory` says which bytes the call reads and
   * writes (copied when workers hold copies; a call without it copies nothing). An aborted call
   * waiting for a worker is dropped at once; a running one stops its worker (which is replaced)
   * and rejects once that worker can no longer write (WorkerPort.interruptible), or, where that
   * cannot be known (browser workers on the shared memory without Web Locks), rejects when the
   * call returns.
   */
  call(name: string, args: readonly (number | bigint)[], memory?: CallMemory, signal?: AbortSignal): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('unmasking pool: closed'));
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => this.#abort(job);
      const done = () => signal?.removeEventListener('abort', onAbort);
      const job: Job = {
        call: { name, args },
        ...(memory && { memory }),
        ...(signal && { signal }),
        aborted: false,
        resolve: (result) => (done(), resolve(result)),
        reject: (error) => (done(), reject(error)),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  /** Stops every worker, then rejects the calls still pending. Resolves once the workers are gone. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all(this.#slots.map((slot) => slot.port.terminate()));
    const closed = new Error('unmasking pool: closed');
    for (const job of this.#queue.splice(0)) job.reject(closed);
    for (const slot of this.#slots) slot.job?.reject(closed);
  }

  #start(index: number): Slot {
    const slot: Slot = {
      port: this.#spawn({
        reply: (message) => this.#settle(slot, message),
        fail: (reason) => this.#replace(index, slot, reason),
      }),
      held: new Map(),
      ready: false,
    };
    return slot;
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (slot.job !== undefined) continue;
      const job = this.#queue.shift() as Job;
      let message: { call: KernelCall; transfer: ArrayBuffer[] } = { call: job.call, transfer: [] };
      try {
        if (this.sharing === 'copies') {
          const { memory, arena } = getRuntime();
          message = withCopies(job.call, job.memory, slot.held, memory, arena);
        }
      } catch (error) {
        // A range outside the memory: the call cannot be sent.
        job.reject(error);
        continue;
      }
      slot.job = job;
      slot.port.keepAlive(true);
      slot.port.post(message.call, message.transfer);
    }
  }

  #settle(slot: Slot, message: KernelReply): void {
    if ('ready' in message) {
      slot.ready = true;
      return;
    }
    const job = slot.job;
    if (job === undefined) return;
    slot.job = undefined;
    slot.port.keepAlive(false);
    if ('error' in message) {
      slot.held.clear();
      job.reject(job.aborted ? job.signal?.reason : new Error(`unmasking pool: ${job.call.name} failed in a worker: ${message.error}`));
    } else if (job.aborted) job.reject(job.signal?.reason);
    else {
      if (this.sharing === 'copies') {
        const { memory, arena } = getRuntime();
        copyBack(job.memory?.writes ?? [], message.copied ?? [], slot.held, memory, arena);
      }
      job.resolve(message.result);
    }
    this.#dispatch();
  }

  #abort(job: Job): void {
    const queued = this.#queue.indexOf(job);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      job.reject(job.signal?.reason);
      return;
    }
    const index = this.#slots.findIndex((slot) => slot.job === job);
    if (index < 0) return;
    const slot = this.#slots[index];
    if (!slot.port.interruptible) {
      job.aborted = true;
      return;
    }
    slot.job = undefined;
    this.#slots[index] = this.#start(index);
    this.#dispatch();
    // Its blocks may be freed once the worker can no longer write them.
    const stopped = () => job.reject(job.signal?.reason);
    slot.port.terminate().then(stopped, stopped);
  }

  #replace(index: number, slot: Slot, reason: string): void {
    if (this.#closed) return;
    if (!slot.ready) {
      this.#broken = new Error(
        `unmasking pool: a worker could not start (${reason}); no call can run (in a page, the Content-Security-Policy must allow blob: workers: worker-src blob:)`,
      );
      slot.job?.reject(this.#broken);
      slot.job = undefined;
      for (const job of this.#queue.splice(0)) job.reject(this.#broken);
      return;
    }
    const job = slot.job;
    job?.reject(job.aborted ? job.signal?.reason : new Error(`unmasking pool: a worker died running ${job.call.name} (${reason}); it was replaced`));
    this.#slots[index] = this.#start(index);
    this.#dispatch();
  }
}
