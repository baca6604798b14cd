// What the pool needs from a worker, whatever runs it (Node worker_threads now; browser Web
// Workers later): post a kernel call, hear its reply or the worker's death, hold the process
// open only while busy, stop.

/** A kernel call: exports[name](...args) in the worker. */
export interface KernelCall {
  readonly name: string;
  readonly args: readonly (number | bigint)[];
}

/** A byte range of the kernels' memory. */
export interface MemoryRange {
  readonly at: number;
  readonly bytes: number;
}

/**
 * What a kernel call reads from and writes to the kernels' memory. Workers that share the main
 * thread's memory need none of it; workers that cannot (a browser page that is not
 * cross-origin isolated) get the reads copied in before the call and send the writes back.
 */
export interface CallMemory {
  readonly reads: readonly MemoryRange[];
  readonly writes: readonly MemoryRange[];
}

/** A worker's answer to one call. */
export type KernelReply = { readonly result: unknown } | { readonly error: string };

/** Callbacks a worker reports to: one reply per call, or one failure when it dies. */
export interface PortHandlers {
  reply(message: KernelReply): void;
  fail(reason: string): void;
}

/** One running worker. */
export interface WorkerPort {
  post(call: KernelCall): void;
  /** Whether this worker keeps the process (or page) alive: true while it runs a call. */
  keepAlive(on: boolean): void;
  /** Stops the worker; no handler is called afterwards. */
  terminate(): Promise<void>;
}

/** Starts a worker on the kernels' module and shared memory. */
export type SpawnWorker = (handlers: PortHandlers) => WorkerPort;
