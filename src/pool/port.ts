// What the pool needs from a worker, whatever runs it (Node worker_threads or browser Web
// Workers): start it on the kernels' module, post a kernel call, hear its reply or the worker's
// death, hold the process open only while busy, stop.

/** A byte range of the kernels' memory. */
export interface MemoryRange {
  readonly at: number;
  readonly bytes: number;
}

/**
 * What a kernel call reads from and writes to the kernels' memory. Workers that share the main
 * thread's memory need none of it; workers that cannot (a browser page that is not
 * cross-origin isolated) get the reads copied in before the call and send the writes back.
 * A write range is copied back whole: a range the call writes only in part must be a read too
 * (so its other bytes go back unchanged). Each range must lie in one block of the arena (else
 * it is copied on every call). Scratch the call writes before reading, and never needs after,
 * is neither.
 */
export interface CallMemory {
  readonly reads: readonly MemoryRange[];
  readonly writes: readonly MemoryRange[];
}

/** Bytes to write at `at` in a worker's own memory before a call. */
export interface CopyIn {
  readonly at: number;
  readonly data: ArrayBuffer;
}

/**
 * A kernel call: exports[name](...args) in the worker. Workers on their own memory also get
 * `bytes` (grow the memory to the main thread's size, so every block's address exists),
 * `copyIn` (written before the call) and `copyOut` (ranges sent back after it).
 */
export interface KernelCall {
  readonly name: string;
  readonly args: readonly (number | bigint)[];
  readonly bytes?: number;
  readonly copyIn?: readonly CopyIn[];
  readonly copyOut?: readonly MemoryRange[];
}

/**
 * A worker's answer to one call (`copied` holds the copyOut ranges' bytes, in order), or its
 * first message, `ready`, once it has started.
 */
export type KernelReply =
  | { readonly result: unknown; readonly copied?: readonly ArrayBuffer[] }
  | { readonly error: string }
  | { readonly ready: true };

/**
 * The first message a worker gets: the compiled kernels, and the main thread's shared memory
 * to instantiate them on, or (workers on their own memory) the memory's maximum in pages.
 * `lock`: the Web Lock a browser worker on the shared memory holds while it lives.
 */
export type WorkerInit =
  | { readonly module: WebAssembly.Module; readonly memory: WebAssembly.Memory; readonly lock?: string }
  | { readonly module: WebAssembly.Module; readonly maximumPages: number };

/** Callbacks a worker reports to: one reply per call, or one failure when it dies. */
export interface PortHandlers {
  reply(message: KernelReply): void;
  fail(reason: string): void;
}

/** One running worker. */
export interface WorkerPort {
  /** Posts a call, transferring `transfer` (the copyIn buffers). */
  post(call: KernelCall, transfer: ArrayBuffer[]): void;
  /** Whether this worker keeps the process (or page) alive: true while it runs a call. */
  keepAlive(on: boolean): void;
  /**
   * Stops the worker; no handler is called afterwards. When `interruptible`, the Promise
   * resolves only once the worker can no longer write to the main thread's memory.
   */
  terminate(): Promise<void>;
  /**
   * Whether terminate() is safe while a call runs: the worker is known to have stopped when
   * terminate() resolves (Node), or never wrote to the main thread's memory (own memory).
   */
  readonly interruptible: boolean;
}

/** Starts a worker on the kernels' module and memory. */
export type SpawnWorker = (handlers: PortHandlers) => WorkerPort;
