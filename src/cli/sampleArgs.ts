// The options of `unmasking sample`, each checked on its own; the checks that need the table
// (sizes summing to n, K <= n) happen in sampleRun.ts once it is loaded.
import type { UnmaskingPolicy } from '../sampling/policy.js';
import { FAMILIES } from './families.js';
import { parseDecimal } from './decimal.js';
import type { Source } from './source.js';
import type { Units } from './units.js';
import { UsageError } from './UsageError.js';

/** Rows drawn when --count is not given. */
export const DEFAULT_COUNT = 100_000;

/** The seed when --seed is not given. */
export const DEFAULT_SEED = 1n;

/** The schedule family when neither --schedule nor --sizes is given (MaskGIT's). */
export const DEFAULT_SCHEDULE = 'cosine';

/** The values of --schedule: the families of `unmasking schedules`, then the optimum for K steps. */
export const SCHEDULE_NAMES: readonly string[] = [...FAMILIES.map((f) => f.name), 'optimal'];

const POLICIES: readonly UnmaskingPolicy[] = ['random', 'confidence', 'margin', 'entropy', 'threshold'];

/** Where the conditionals come from (sample()'s options.conditionals). */
export type ConditionalsChoice = 'auto' | 'lattice' | 'table';

/** The step sizes of a run: a named family at K steps (null: min(4, n)), or sizes given outright. */
export type SizesChoice =
  | { readonly kind: 'schedule'; readonly name: string; readonly steps: number | null }
  | { readonly kind: 'sizes'; readonly sizes: readonly number[] };

/** `unmasking sample`: draw rows with the unmasking sampler and compare them with p and q. */
export interface SampleCommand {
  readonly kind: 'sample';
  readonly source: Source;
  readonly units: Units;
  readonly json: boolean;
  /** The sizes; null for the threshold policy, which takes as many steps as it needs. */
  readonly sizes: SizesChoice | null;
  readonly policy: UnmaskingPolicy;
  /** T of the threshold policy, else null. */
  readonly threshold: number | null;
  readonly temperature: number;
  readonly count: number;
  /** In [0, 2^64). */
  readonly seed: bigint;
  /** Where to write the rows, or null. */
  readonly out: { readonly path: string; readonly format: 'bin' | 'csv' } | null;
  readonly conditionals: ConditionalsChoice;
}

/** --count N: an integer from 1 to 2^53 - 1. */
export function parseCount(text: string): number {
  const count = parseDecimal(text);
  if (count === undefined || !Number.isSafeInteger(count) || count < 1) {
    throw new UsageError(`--count must be an integer >= 1 (the number of rows); received "${text}"`);
  }
  return count;
}

/** --seed S: a decimal integer in [0, 2^64), kept exact as a BigInt. */
export function parseSeed(text: string): bigint {
  const seed = /^\+?\d+$/.test(text) ? BigInt(text.replace('+', '')) : -1n;
  if (seed < 0n || seed >= 1n << 64n) throw new UsageError(`--seed must be an integer in [0, 2^64); received "${text}"`);
  return seed;
}

/** --temperature T: a finite number > 0 (1 samples the exact conditionals). */
export function parseTemperature(text: string): number {
  const T = parseDecimal(text);
  if (T === undefined || !(Number.isFinite(T) && T > 0)) {
    throw new UsageError(`--temperature must be a number > 0 (1 draws from the exact conditionals); received "${text}"`);
  }
  return T;
}

/** --threshold T: a number in [0, 1]. */
export function parseThreshold(text: string): number {
  const T = parseDecimal(text);
  if (T === undefined || !(T >= 0 && T <= 1)) throw new UsageError(`--threshold must be a number in [0, 1]; received "${text}"`);
  return T;
}

/** --sizes LIST: comma-separated integers >= 1 (that they sum to n is checked with the table). */
export function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((part) => parseDecimal(part.trim()));
  if (sizes.some((s) => s === undefined || !Number.isInteger(s) || s < 1)) {
    throw new UsageError(`--sizes must be integers >= 1 separated by commas, summing to n, as 4,4,4; received "${text}"`);
  }
  return sizes as number[];
}

/** --schedule NAME, ignoring case: one of SCHEDULE_NAMES, returned in its canonical spelling. */
export function parseScheduleName(text: string): string {
  const name = SCHEDULE_NAMES.find((s) => s.toLowerCase() === text.trim().toLowerCase());
  if (name === undefined) throw new UsageError(`--schedule: unknown schedule "${text}"; known: ${SCHEDULE_NAMES.join(', ')}`);
  return name;
}

/** --policy NAME, ignoring case; `threshold=T` is accepted for --policy threshold --threshold T. */
export function parseSamplePolicy(text: string): { policy: UnmaskingPolicy; threshold: number | null } {
  const [name, value, ...rest] = text.split('=');
  const policy = POLICIES.find((p) => p === name.trim().toLowerCase());
  if (policy === undefined || (value !== undefined && policy !== 'threshold') || rest.length > 0) {
    throw new UsageError(`--policy: unknown policy "${text}"; known: ${POLICIES.join(', ')} (with --threshold T)`);
  }
  return { policy, threshold: value === undefined ? null : parseThreshold(value.trim()) };
}

/** --out FILE: its format from the extension, .bin or .csv (any case). */
export function parseOut(path: string): { path: string; format: 'bin' | 'csv' } {
  const extension = /\.(bin|csv)$/i.exec(path)?.[1].toLowerCase();
  if (extension === undefined) {
    throw new UsageError(`--out must name a .bin file (raw symbols) or a .csv file; received "${path}"`);
  }
  return { path, format: extension as 'bin' | 'csv' };
}

/** --conditionals auto|lattice|table. */
export function parseConditionals(text: string): ConditionalsChoice {
  const choice = text.trim().toLowerCase();
  if (choice !== 'auto' && choice !== 'lattice' && choice !== 'table') {
    throw new UsageError(`--conditionals must be auto, lattice or table; received "${text}"`);
  }
  return choice;
}
