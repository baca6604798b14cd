// A fixed set of workers running kernel calls on the shared memory, one call per worker at a
// time, first come first served. A worker that dies rejects its call and is replaced.
import type { CallMemory, KernelCall, KernelReply, SpawnWorker, WorkerPort } from './port.js';

interface Job {
  readonly call: KernelCall;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  port: WorkerPort;
  job?: Job;
}

/** Worker threads sharing the kernels' memory; make one with createPool(), end it with close(). */
export class Pool {
  /** Number of workers. */
  readonly threads: number;
  readonly #spawn: SpawnWorker;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #closed = false;

  /** @internal Use createPool(). */
  constructor(threads: number, spawn: SpawnWorker) {
    this.threads = threads;
    this.#spawn = spawn;
    for (let i = 0; i < threads; i++) this.#slots.push(this.#start(i));
  }

  /**
   * @internal Runs exports[name](...args) in the next free worker; rejects if it throws or dies.
   * `memory` says which bytes the call reads and writes (used when workers hold copies).
   */
  call(name: string, args: readonly (number | bigint)[], memory?: CallMemory): Promise<unknown> {
    void memory;
    if (this.#closed) return Promise.reject(new Error('unmasking pool: closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ call: { name, args }, resolve, reject });
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
    };
    return slot;
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (slot.job !== undefined) continue;
      const job = this.#queue.shift() as Job;
      slot.job = job;
      slot.port.keepAlive(true);
      slot.port.post(job.call);
    }
  }

  #settle(slot: Slot, message: KernelReply): void {
    const job = slot.job;
    if (job === undefined) return;
    slot.job = undefined;
    slot.port.keepAlive(false);
    if ('error' in message) job.reject(new Error(`unmasking pool: ${job.call.name} failed in a worker: ${message.error}`));
    else job.resolve(message.result);
    this.#dispatch();
  }

  #replace(index: number, slot: Slot, reason: string): void {
    if (this.#closed) return;
    slot.job?.reject(new Error(`unmasking pool: a worker died${slot.job ? ` running ${slot.job.call.name}` : ''} (${reason}); it was replaced`));
    this.#slots[index] = this.#start(index);
    this.#dispatch();
  }
}
