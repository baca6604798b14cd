// The public entry to worker pools: Node worker_threads, or browser Web Workers, on the shared
// memory when the environment allows posting it to a worker, on copies otherwise.
import { ArgumentRangeError, ArgumentTypeError, WorkerUnsupportedError, describe } from '../errors.js';
import { requireInteger, requireOptions } from '../internal/validate.js';
import { MAX_MEMORY_BYTES, PAGE_BYTES } from '../wasm/arena.js';
import { getRuntime } from '../wasm/runtime.js';
import { browserSpawner, hasWebWorkers } from './browserWorker.js';
import { nodeSpawner, nodeWorkerThreads } from './nodeWorker.js';
import { Pool, type PoolSharing } from './Pool.js';
import type { WorkerInit } from './port.js';

/** Options of createPool(). */
export interface PoolOptions {
  /** Number of workers (default: the available cores; navigator.hardwareConcurrency in browsers). */
  threads?: number;
  /**
   * 'auto' (default): share the main thread's memory where a worker can be sent it (Node, and
   * cross-origin isolated pages), copies otherwise. 'copies': always copies (slower, more
   * memory; the same results). 'shared': share, or throw where the page cannot.
   */
  sharing?: 'auto' | PoolSharing;
}

/** At most this many workers. */
const MAX_THREADS = 256;

/** The one warning per page about copies. */
const COPIES_WARNING =
  'unmasking: this page is not cross-origin isolated, so pool workers cannot share WebAssembly memory: each worker ' +
  'gets copies of the tables it reads (more memory and time; the same results). Serve the page with the headers ' +
  '`Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp` to share it.';
let warnedOfCopies = false;

/**
 * Starts `threads` workers running the kernels, for heavy calls that then return a Promise:
 * `sample(joint, { ..., pool })`, `joint.subsetEntropies({ pool })`, `joint.profile({ pool })`,
 * `joint.buildLattice({ pool })`, `samplerDistribution(joint, { ..., pool })`.
 * Their results equal those without a pool, bit for bit, whatever the thread count or sharing.
 * Node (>= 20.16) uses worker_threads, browsers Web Workers (from a Blob URL: no extra file).
 * Workers share the main thread's WebAssembly memory (zero copy) in Node and on pages that are
 * cross-origin isolated (served with `Cross-Origin-Opener-Policy: same-origin` and
 * `Cross-Origin-Embedder-Policy: require-corp`). Elsewhere a page cannot send its memory to a
 * worker, so each worker gets its own memory, and each call copies in what it reads (a table
 * or lattice once per worker and job, then kept while unchanged) and copies back what it
 * writes; `pool.sharing` says which, and the first such pool of a page warns once on the
 * console. Every pooled call takes `signal` (an AbortSignal: the Promise rejects with its
 * reason once the workers running a piece have been stopped and can no longer write; no new
 * piece starts) and `onProgress(done, total)`. End the pool with `await pool.close()`; idle workers
 * do not keep a Node process alive.
 * @throws WorkerUnsupportedError where neither worker_threads nor Web Workers exist, or a
 *   worker cannot be started (a Content-Security-Policy without `worker-src blob:`);
 *   ArgumentRangeError for `sharing: 'shared'` on a page that is not cross-origin isolated.
 * @example const pool = createPool({ threads: 2 }); await sample(p, { sizes: [4, 4, 4, 4], count: 1e6, seed: 1, pool }); await pool.close();
 */
export function createPool(options?: PoolOptions): Pool {
  const fn = 'createPool';
  const o = requireOptions(fn, options);
  const sharing = o.sharing ?? 'auto';
  if (sharing !== 'auto' && sharing !== 'shared' && sharing !== 'copies') {
    throw new ArgumentRangeError({ fn, argument: 'options.sharing', expected: '"auto", "shared" or "copies"', received: describe(sharing) });
  }
  const threads = nodeWorkerThreads();
  const browser = threads === undefined && hasWebWorkers();
  if (threads === undefined && !browser) throw new WorkerUnsupportedError(fn, 'this environment has neither');
  const count = o.threads === undefined ? defaultThreads(threads !== undefined) : requireInteger(fn, 'options.threads', o.threads, 1, MAX_THREADS);
  // Posting a shared memory to a worker needs cross-origin isolation in browsers; Node always allows it.
  const canShare = threads !== undefined || globalThis.crossOriginIsolated === true;
  if (sharing === 'shared' && !canShare) {
    throw new ArgumentRangeError({
      fn, argument: 'options.sharing',
      expected: '"auto" or "copies" on a page that is not cross-origin isolated (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp to share memory)',
      received: '"shared"',
    });
  }
  const mode: PoolSharing = sharing === 'copies' || !canShare ? 'copies' : 'shared';
  if (sharing === 'auto' && mode === 'copies' && !warnedOfCopies) {
    warnedOfCopies = true;
    console.warn(COPIES_WARNING);
  }
  const { module, memory } = getRuntime();
  const init: WorkerInit = mode === 'shared' ? { module, memory } : { module, maximumPages: MAX_MEMORY_BYTES / PAGE_BYTES };
  try {
    return new Pool(count, threads !== undefined ? nodeSpawner(threads, init) : browserSpawner(init), mode);
  } catch (error) {
    // A page whose Content-Security-Policy forbids blob: workers may refuse at once.
    throw new WorkerUnsupportedError(fn, `starting a worker failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}

/** The available cores: os.availableParallelism() in Node, navigator.hardwareConcurrency in browsers. */
function defaultThreads(node: boolean): number {
  if (node) {
    const os = (globalThis as unknown as { process: { getBuiltinModule(id: 'os'): typeof import('node:os') } }).process.getBuiltinModule('os');
    return Math.min(os.availableParallelism(), MAX_THREADS);
  }
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Math.min(Math.max(1, cores ?? 1), MAX_THREADS);
}

/** Checks that `value` is a Pool made by createPool() and returns it. */
export function requirePool(fn: string, argument: string, value: unknown): Pool {
  if (!(value instanceof Pool)) throw new ArgumentTypeError({ fn, argument, expected: 'a Pool from createPool()', received: describe(value) });
  return value;
}
