// The options every pooled run takes besides its own: the pool, a signal to stop it and a
// progress callback, checked at the facade.
import { ArgumentTypeError, describe } from '../errors.js';
import { requirePool } from './createPool.js';
import type { Pool } from './Pool.js';

/** Options of a call run by a pool's workers. */
export interface PoolRunOptions {
  /** Workers from createPool(). */
  pool: Pool;
  /**
   * Stops the run: checked before each piece of work is handed to a worker; the Promise then
   * rejects with signal.reason once the pieces already running have returned (the pool stays usable).
   */
  signal?: AbortSignal;
  /** Called as pieces of work finish, with (work done, total work) in the call's own units; the last call has done = total. */
  onProgress?: (done: number, total: number) => void;
}

/** PoolRunOptions, checked. */
export interface PoolRun {
  readonly pool: Pool;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Checks the pool, signal and onProgress of `options`. */
export function requirePoolRun(fn: string, options: Partial<PoolRunOptions>): PoolRun {
  const pool = requirePool(fn, 'options.pool', options.pool);
  const { signal, onProgress } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new ArgumentTypeError({ fn, argument: 'options.signal', expected: 'an AbortSignal or undefined', received: describe(signal) });
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new ArgumentTypeError({ fn, argument: 'options.onProgress', expected: 'a function or undefined', received: describe(onProgress) });
  }
  return { pool, signal, onProgress };
}
