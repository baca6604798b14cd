// Units of the results: nats (natural log, the default), bits (base 2) or any base b > 0, b != 1.
import type { MeasureOptions } from '../internal/validate.js';
import { UsageError } from './UsageError.js';
import { parseDecimal } from './decimal.js';

/** A logarithm base and its label. */
export interface Units {
  /** The base: Math.E for nats. */
  readonly base: number;
  /** `nats`, `bits` or `log base b`. */
  readonly label: string;
  /** The measure options that give results in these units. */
  readonly options: MeasureOptions;
}

/** Natural logarithms, the package's default. */
export const NATS: Units = { base: Math.E, label: 'nats', options: {} };

/**
 * Units for a --base value: `e` for nats, or a number b > 0, b != 1 (2 gives bits).
 * @throws UsageError for anything else.
 * @example parseBase('2').label // 'bits'
 */
export function parseBase(text: string): Units {
  if (text === 'e') return NATS;
  const base = parseDecimal(text) ?? NaN;
  if (!(Number.isFinite(base) && base > 0 && base !== 1)) {
    throw new UsageError(`--base must be e or a number > 0 other than 1 (2 for bits); received "${text}"`);
  }
  if (base === Math.E) return NATS;
  return { base, label: base === 2 ? 'bits' : `log base ${base}`, options: { base } };
}
