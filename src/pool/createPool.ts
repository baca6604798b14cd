// The public entry to worker pools.
import { ArgumentTypeError, describe } from '../errors.js';
import { requireInteger, requireOptions } from '../internal/validate.js';
import { getRuntime } from '../wasm/runtime.js';
import { nodeSpawner, nodeWorkerThreads } from './nodeWorker.js';
import { Pool } from './Pool.js';

/** Options of createPool(). */
export interface PoolOptions {
  /** Number of workers (default: the available cores). */
  threads?: number;
}

/** At most this many workers. */
const MAX_THREADS = 256;

/**
 * Starts `threads` workers that run the kernels on the same shared WebAssembly memory as the
 * main thread, so tables are shared without copies. Pass the pool to a heavy call
 * (`sample(joint, { ..., pool })`, `joint.subsetEntropies({ pool })`, `joint.profile({ pool })`,
 * `joint.buildLattice({ pool })`, `samplerDistribution(joint, { ..., pool })` then return a
 * Promise) for the same results as without it, bit for bit, whatever the thread count; the last
 * two also take `signal` and `onProgress` (PoolRunOptions). End it with `await pool.close()`.
 * Idle workers do not keep a Node process alive.
 * Node >= 20.16 only for now (worker_threads); browser Web Workers are to come.
 * @example const pool = createPool({ threads: 2 }); await sample(p, { sizes: [4, 4, 4, 4], count: 1e6, seed: 1, pool }); await pool.close();
 */
export function createPool(options?: PoolOptions): Pool {
  const fn = 'createPool';
  const o = requireOptions(fn, options);
  const threads = nodeWorkerThreads();
  if (threads === undefined) throw new Error(`${fn}: worker pools need Node >= 20.16 (worker_threads); browser workers are not supported yet`);
  const os = (globalThis as unknown as { process: { getBuiltinModule(id: 'os'): typeof import('node:os') } }).process.getBuiltinModule('os');
  const count = o.threads === undefined ? os.availableParallelism() : requireInteger(fn, 'options.threads', o.threads, 1, MAX_THREADS);
  const { module, memory } = getRuntime();
  return new Pool(count, nodeSpawner(threads, module, memory));
}

/** Checks that `value` is a Pool made by createPool() and returns it. */
export function requirePool(fn: string, argument: string, value: unknown): Pool {
  if (!(value instanceof Pool)) throw new ArgumentTypeError({ fn, argument, expected: 'a Pool from createPool()', received: describe(value) });
  return value;
}
