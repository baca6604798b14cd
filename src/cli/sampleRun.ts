// The run behind `unmasking sample`: draws the rows with sample(), times the sampling call alone,
// writes them with --out, and sets their empirical KL beside the exact values: KL(p || q) of the
// sampler's output law q (q_mix for random order, by samplerDistribution) and the expected KL
// E_S KL(p || q_S) of the sizes (at temperature 1). All values in `units`.
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { kl } from '../divergences.js';
import { MemoryLimitError } from '../errors.js';
import type { Joint } from '../Joint.js';
import { samplerDistribution } from '../samplerDistribution.js';
import type { UnmaskingPolicy } from '../sampling/policy.js';
import { empiricalKL } from '../sampling/empirical.js';
import { sample, type SampleResult } from '../sampling/sample.js';
import { expectedKL } from '../schedules/expectedKL.js';
import * as schedules from '../schedules/index.js';
import { DEFAULT_STEPS } from './args.js';
import { FAMILIES } from './families.js';
import { writeProblem } from './files.js';
import { progressBar } from './progress.js';
import type { SampleCommand } from './sampleArgs.js';
import { mixtureFits } from './study.js';
import type { Units } from './units.js';
import { UsageError } from './UsageError.js';

/** Rows per chunk written to a .csv file. */
const CSV_ROWS = 16384;

/**
 * The expected KL needs the entropy profile, (q+1)^n cell visits: computed when that is at most
 * this (about a second), unless --schedule optimal needs the profile anyway.
 */
export const PROFILE_CELLS = 3 ** 17;

/** Why the exact law q is missing: its lattices or work are beyond MIXTURE_LIMITS. */
export type Missing = 'too large';

/** Everything `unmasking sample` reports. */
export interface SampleRun {
  q: number;
  n: number;
  units: Units;
  policy: UnmaskingPolicy;
  threshold: number | null;
  temperature: number;
  /** The family named by --schedule, or null for --sizes and the threshold policy. */
  schedule: string | null;
  /** The step sizes, or null for the threshold policy (as many steps as it needs). */
  sizes: number[] | null;
  count: number;
  seed: bigint;
  /** Where the conditionals came from, the lattice's size in cells, and why the table was used. */
  conditionals: { source: 'lattice' | 'table'; latticeCells: number; reason: 'auto' | 'asked' };
  /** Table conditionals: sum over steps of q^m (1 + m), m masked at the step's start; null otherwise. */
  tableWorkPerRow: number | null;
  samplesPerSecond: number;
  kl: {
    /** KL(p̂ || p) of the rows' empirical law p̂; +Infinity if a row has p(x) = 0. */
    empiricalToP: number;
    /** KL(p̂ || q), null when q is not computed. */
    empiricalToQ: number | null;
    /** (support of q - 1) / (2N): the mean of both empirical KLs beyond their limits; null without q. */
    bias: number | null;
    /** Cells with q(x) > 0; null without q. */
    support: number | null;
    /** KL(p || q), exact; null when not computed (see missing). */
    exact: number | null;
    /** KL(q || p), exact: the limit of KL(p̂ || p) as N grows; null when not computed. */
    exactReverse: number | null;
    /** E_S KL(p || q_S) of the sizes in random order; null for the threshold policy or too large. */
    expected: number | null;
  };
  /** Why kl.expected is null: no fixed sizes (threshold), or the profile is too large; else null. */
  expectedMissing: 'no sizes' | 'too large' | null;
  /** Why kl.exact is null, or null when it is there. */
  missing: Missing | null;
  /** Rows with p(x) = 0. */
  outsideSupport: number;
  /** The file written by --out (absolute path), or null. */
  out: { path: string; format: 'bin' | 'csv'; bytes: number } | null;
  /** Milliseconds: table, sampling call, exact q and expected KL, writing --out, all. */
  timingMs: { table: number; sample: number; exact: number; write: number; total: number };
}

/** The sizes of the run, checked against n. */
function resolveSizes(command: SampleCommand, joint: Joint): { schedule: string | null; sizes: number[] | null } {
  const { n } = joint;
  const choice = command.sizes;
  if (choice === null) return { schedule: null, sizes: null };
  if (choice.kind === 'sizes') {
    const sum = choice.sizes.reduce((a, b) => a + b, 0);
    if (sum !== n) throw new UsageError(`--sizes must sum to n = ${n} (the number of positions); received ${choice.sizes.join(',')} (sum ${sum})`);
    return { schedule: null, sizes: [...choice.sizes] };
  }
  const K = choice.steps ?? Math.min(DEFAULT_STEPS, n);
  if (K > n) throw new UsageError(`-K must be an integer from 1 to n = ${n} (the number of positions); received ${K}`);
  const family = FAMILIES.find((f) => f.name === choice.name);
  const sizes = family === undefined ? schedules.optimal(joint.profile(), K).sizes : family.sizes(n, K);
  return { schedule: choice.name, sizes };
}

/** Sum over the steps of q^m (1 + m), m the positions still masked when the step starts. */
function tableWork(q: number, n: number, sizes: readonly number[]): number {
  let masked = n;
  let work = 0;
  for (const s of sizes) {
    work += q ** masked * (1 + masked);
    masked -= s;
  }
  return work;
}

/** Writes the rows (count x n symbols) as raw bytes (.bin) or CSV with a header; returns the bytes written. */
function writeRows(path: string, format: 'bin' | 'csv', rows: Uint8Array | Uint16Array, n: number): number {
  let fd: number | undefined;
  let bytes = 0;
  const put = (chunk: Uint8Array | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let at = 0; at < data.byteLength; ) at += writeSync(fd as number, data, at);
    bytes += data.byteLength;
  };
  try {
    fd = openSync(path, 'w');
    if (format === 'bin') {
      if (rows instanceof Uint8Array) {
        put(rows);
      } else {
        const bytesLE = new Uint8Array(rows.length * 2);
        const view = new DataView(bytesLE.buffer);
        rows.forEach((v, i) => view.setUint16(2 * i, v, true));
        put(bytesLE);
      }
    } else {
      put(Array.from({ length: n }, (_, i) => `x${i}`).join(',') + '\n');
      // Rows are assembled byte by byte (ASCII digits, ',' and '\n') into a reused buffer.
      const chunk = new Uint8Array(CSV_ROWS * n * 6);
      let at = 0;
      for (let row = 0; row < rows.length; row += n) {
        for (let i = row; i < row + n; i++) {
          const v = rows[i];
          if (v < 10) {
            chunk[at++] = 48 + v;
          } else {
            const digits = String(v);
            for (let k = 0; k < digits.length; k++) chunk[at++] = digits.charCodeAt(k);
          }
          chunk[at++] = 44; // ','
        }
        chunk[at - 1] = 10; // '\n' in place of the row's last ','
        if (at > chunk.length - 6 * n) {
          put(chunk.subarray(0, at));
          at = 0;
        }
      }
      put(chunk.subarray(0, at));
    }
  } catch (error) {
    throw new UsageError(`cannot write the samples "${path}": ${writeProblem(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return bytes;
}

/**
 * Runs `unmasking sample` on the table `load` builds (disposed before returning).
 * @throws UsageError for sizes or K that do not fit n, a lattice that does not fit with
 * --conditionals lattice, too many rows to keep with --out, or a file that cannot be written.
 */
export function runSample(command: SampleCommand, load: () => Joint): SampleRun {
  const start = performance.now();
  const joint = load();
  let output: Joint | undefined;
  try {
    const { q, n } = joint;
    const loaded = performance.now();
    const { units, policy, threshold, temperature, count, seed, out } = command;
    const divisor = Math.log(units.base);
    const { schedule, sizes } = resolveSizes(command, joint);
    const symbolBytes = q <= 256 ? 1 : 2;
    if (out !== null && q > 65536) throw new UsageError(`--out writes each symbol in at most 2 bytes, so q must be <= 65536; q = ${q}`);
    if (out !== null && count * n * symbolBytes > 2 ** 32) {
      throw new UsageError(`--count: at most ${Math.floor(2 ** 32 / (n * symbolBytes))} rows of n = ${n} fit in memory with --out; received ${count}`);
    }

    // The sampling call alone is timed.
    const progress = progressBar('sampling', 'rows');
    const began = performance.now();
    let result: SampleResult;
    try {
      result = sample(joint, {
        ...(sizes === null ? {} : { sizes }),
        policy,
        ...(threshold === null ? {} : { threshold }),
        temperature,
        count,
        seed,
        output: out === null ? 'counts' : 'both',
        conditionals: command.conditionals,
        onProgress: (done, total) => progress.update(done, total),
      });
    } catch (error) {
      if (error instanceof MemoryLimitError && command.conditionals === 'lattice') {
        throw UsageError.from(error, '--conditionals lattice') as UsageError;
      }
      throw error;
    } finally {
      progress.finish();
    }
    const sampled = performance.now();

    const path = out === null ? null : resolve(out.path);
    const written =
      out === null || path === null ? null : { path, format: out.format, bytes: writeRows(path, out.format, result.samples as Uint8Array | Uint16Array, n) };
    const wrote = performance.now();

    const counts = result.counts as Float64Array;
    const p = joint.probabilities();
    let outsideSupport = 0;
    for (let x = 0; x < counts.length; x++) if (p[x] === 0) outsideSupport += counts[x];
    const empiricalToP = outsideSupport > 0 ? Infinity : empiricalKL(joint, { counts }, units.options);

    // The exact law q of the output (from the mask lattice) when it fits.
    let missing: Missing | null = mixtureFits(q, n, sizes, policy) ? null : 'too large';
    if (missing === null) {
      try {
        output = samplerDistribution(joint, { ...(sizes === null ? {} : { sizes }), policy, ...(threshold === null ? {} : { threshold }), temperature });
      } catch (error) {
        if (!(error instanceof MemoryLimitError)) throw error;
        missing = 'too large';
      }
    }
    const qTable = output?.probabilities();
    const support = qTable === undefined ? null : qTable.reduce((s, v) => s + (v > 0 ? 1 : 0), 0);
    let expected: number | null = null;
    let expectedMissing: SampleRun['expectedMissing'] = sizes === null ? 'no sizes' : null;
    if (sizes !== null && ((q + 1) ** n <= PROFILE_CELLS || schedule === 'optimal')) {
      try {
        expected = expectedKL(joint.profile(), sizes).total / divisor;
      } catch (error) {
        if (!(error instanceof MemoryLimitError)) throw error;
      }
    }
    if (sizes !== null && expected === null) expectedMissing = 'too large';
    const done = performance.now();
    return {
      q,
      n,
      units,
      policy,
      threshold,
      temperature,
      schedule,
      sizes,
      count,
      seed,
      conditionals: { source: result.conditionals, latticeCells: (q + 1) ** n, reason: command.conditionals === 'table' ? 'asked' : 'auto' },
      tableWorkPerRow: result.conditionals === 'table' && sizes !== null ? tableWork(q, n, sizes) : null,
      samplesPerSecond: count / ((sampled - began) / 1000),
      kl: {
        empiricalToP,
        empiricalToQ: output === undefined ? null : empiricalKL(output, { counts }, units.options),
        bias: support === null ? null : (support - 1) / (2 * count) / divisor,
        support,
        exact: output === undefined ? null : kl(joint, output, units.options),
        exactReverse: output === undefined ? null : kl(output, joint, units.options),
        expected,
      },
      expectedMissing,
      missing,
      outsideSupport,
      out: written,
      timingMs: { table: loaded - start, sample: sampled - began, exact: done - wrote, write: wrote - sampled, total: done - start },
    };
  } finally {
    output?.dispose();
    joint.dispose();
  }
}
