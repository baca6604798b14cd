// The options every pooled run takes besides its own: the pool, a signal to stop it and a
// progress callback, checked at the facade.
import { requireCallback, requireSignal } from '../internal/validate.js';
import { requirePool } from './createPool.js';
import type { Pool } from './Pool.js';

/** Options of a call run by a pool's workers. */
export interface PoolRunOptions {
  /** Workers from createPool(). */
  pool: Pool;
  /**
   * Stops the run: no new piece of work starts, and the Promise rejects with signal.reason once
   * the pieces running have stopped (see createPool); the pool stays usable.
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
  const signal = requireSignal(fn, 'options.signal', options.signal);
  const onProgress = requireCallback<(done: number, total: number) => void>(fn, 'options.onProgress', options.onProgress);
  return { pool, signal, onProgress };
}
