// The options of `unmasking decompose`, each checked on its own (--modes against q^n once the
// table is loaded).
import { parseDecimal } from './decimal.js';
import type { Source } from './source.js';
import type { Units } from './units.js';
import { UsageError } from './UsageError.js';

/** `unmasking decompose`: KL(p || p^(k)) and the connected information of each order k. */
export interface DecomposeCommand {
  readonly kind: 'decompose';
  readonly source: Source;
  readonly units: Units;
  readonly json: boolean;
  /** IPF tolerance, or null for decompose()'s default. */
  readonly tolerance: number | null;
  /** Most IPF sweeps per order, or null for decompose()'s default. */
  readonly maxIterations: number | null;
  /** How many log-linear modes to keep in the mode selection, or null for none. */
  readonly modes: number | null;
  /** Fit the kept modes' parameters by maximum likelihood (selectModes' options.refit). */
  readonly refit: boolean;
}

/** --tolerance T: a number > 0. */
export function parseTolerance(text: string): number {
  const t = parseDecimal(text);
  if (t === undefined || !(t > 0 && t < Infinity)) {
    throw new UsageError(`--tolerance must be a number > 0 (the largest accepted marginal mismatch); received "${text}"`);
  }
  return t;
}

/** --max-iterations N: an integer >= 1. */
export function parseMaxIterations(text: string): number {
  const N = parseDecimal(text);
  if (N === undefined || !Number.isSafeInteger(N) || N < 1) {
    throw new UsageError(`--max-iterations must be an integer >= 1 (IPF sweeps per order); received "${text}"`);
  }
  return N;
}

/** --modes M: an integer >= 0 (at most q^n - 1, checked with the table). */
export function parseModes(text: string): number {
  const M = parseDecimal(text);
  if (M === undefined || !Number.isSafeInteger(M) || M < 0) {
    throw new UsageError(`--modes must be an integer from 0 to q^n - 1 (log-linear parameters to keep); received "${text}"`);
  }
  return M;
}
