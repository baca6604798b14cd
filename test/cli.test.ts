// The `unmasking` command, run as users run it: `node dist/cli.js ...` (build first with
// `npm run build`). Expected values are closed forms or brute force computed here, never
// captured output. Every run has a temporary working directory, so no report.html is left in
// the repository.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedKL, kl, models, sample, samplerDistribution, schedules } from '../src/index.js';
import { chiSquareQuantile } from './support/chiSquare.js';
import { rowsCorrelations, rowsEntropy } from './support/rowsBruteForce.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const LN2 = Math.log(2);
/** Binary entropy in nats. */
const hb = (f: number) => -(f * Math.log(f) + (1 - f) * Math.log(1 - f));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: readonly string[], input?: string, nodeOptions: readonly string[] = [], cwd: string = dir): Run {
  const result = spawnSync(process.execPath, [...nodeOptions, CLI, ...args], { encoding: 'utf8', input, cwd });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new empty directory inside the test's temporary directory. */
function emptyDir(): string {
  return mkdtempSync(join(dir, 'run-'));
}

/** Runs the CLI with --json and returns the parsed output, failing on a non-zero exit. */
function json(args: readonly string[], input?: string): Output {
  const run = cli([...args, '--json'], input);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Output;
}

/** The fields every command's JSON starts with: where the table came from, its shape, the unit. */
interface SourceFields {
  model: string | null;
  input: string | null;
  description: string;
  q: number;
  n: number;
  base: number;
  units: string;
}

interface Output extends SourceFields {
  measures: Record<string, number> & { marginalEntropies: number[]; leaveOneOutEntropies: number[] };
  profile: { h: number[]; D: number[] };
  timingMs: { table: number; measures: number; total: number };
}

function expectClose(got: number, want: number, tolerance = 1e-12): void {
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(tolerance);
}

function expectAllClose(got: readonly number[], want: readonly number[], tolerance = 1e-12): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expectClose(g, want[i], tolerance));
}

/** The rows of the report's table that follows the line starting with `heading`. */
function tableAfter(report: string, heading: string): string[][] {
  const lines = report.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  expect(start, `no "${heading}" in the report`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === '') break;
    rows.push(line.trim().split(/\s+/));
  }
  return rows;
}

/**
 * Brute force over the 2^(rows*cols) spin states of an open-boundary Ising grid,
 * p(s) ∝ exp(J Σ_bonds s_a s_b + h Σ_i s_i): the joint entropy and the mean marginal entropy.
 */
function isingGrid(rows: number, cols: number, J: number, h: number): { H: number; meanMarginal: number } {
  const n = rows * cols;
  const spin = (state: number, i: number) => ((state >> i) & 1 ? 1 : -1);
  const weights = Array.from({ length: 2 ** n }, (_, state) => {
    let energy = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        energy += h * spin(state, i);
        if (c + 1 < cols) energy += J * spin(state, i) * spin(state, i + 1);
        if (r + 1 < rows) energy += J * spin(state, i) * spin(state, i + cols);
      }
    }
    return Math.exp(energy);
  });
  const Z = weights.reduce((a, b) => a + b, 0);
  const p = weights.map((w) => w / Z);
  const H = -p.reduce((sum, x) => sum + x * Math.log(x), 0);
  let marginals = 0;
  for (let i = 0; i < n; i++) {
    const up = p.reduce((sum, x, state) => sum + (spin(state, i) === 1 ? x : 0), 0);
    marginals += hb(up);
  }
  return { H, meanMarginal: marginals / n };
}

let dir: string;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  dir = mkdtempSync(join(tmpdir(), 'unmasking-cli-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function tempFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('unmasking with no arguments', () => {
  let run: Run;
  let cwd: string;
  beforeAll(() => {
    cwd = emptyDir();
    run = cli([], undefined, [], cwd);
  });

  it('exits 0 and writes nothing to stderr', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('names the default model, the shape and the units', () => {
    expect(run.stdout).toContain('ising2d:3x4,J=0.3,h=0.05');
    expect(run.stdout).toContain('2-D Ising model on a 3×4 grid');
    expect(run.stdout).toContain('q = 2 symbols, n = 12 positions, 4096 cells');
    expect(run.stdout).toMatch(/units\s+nats/);
  });

  it('ends with a sampler run whose rows agree with the exact law q_mix (within 5 times the chi-square bias)', () => {
    expect(run.stdout).toContain('the unmasking sampler, 100000 rows');
    const [, empirical, bias] = /KL\(p̂‖q_mix\)\s+([\d.]+)\s+about 0 \+ bias ([\d.]+)/.exec(run.stdout) ?? [];
    expect(Number(bias)).toBeGreaterThan(0);
    expect(Number(empirical)).toBeLessThan(5 * Number(bias));
  });

  it('reports every measure by name', () => {
    for (const name of [
      'entropy',
      'marginal H(X_i)',
      'leave-one-out H(X_−i)',
      'total correlation',
      'dual total correlation',
      'O-information',
      'S-information',
      'co-information',
      'residual entropy',
      'TSE complexity',
    ]) {
      expect(run.stdout).toContain(name);
    }
  });

  it('has a profile table of n + 1 = 13 rows j = 0..12, D(j) on all but the last', () => {
    const rows = tableAfter(run.stdout, 'Entropy profile');
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: 13 }, (_, j) => String(j)));
    expect(rows.map((row) => row.length)).toEqual([...Array(12).fill(3), 2]);
  });

  it('has one per-position row for each of the 12 positions', () => {
    const rows = tableAfter(run.stdout, 'Per position');
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
  });

  it('prints H, h(1) and h(12) equal to a brute-force sum over the 4096 states (10 decimals)', () => {
    const { H, meanMarginal } = isingGrid(3, 4, 0.3, 0.05);
    const entropyRow = run.stdout.split('\n').find((line) => line.trim().startsWith('entropy'));
    expectClose(Number(entropyRow?.trim().split(/\s+/).at(-1)), H, 1e-9);
    const profile = tableAfter(run.stdout, 'Entropy profile');
    expectClose(Number(profile[1][1]), meanMarginal, 1e-9);
    expectClose(Number(profile[12][1]), H, 1e-9);
  });

  it('says how long it took, in ms', () => {
    expect(run.stdout).toMatch(/Computed in \d+(\.\d+)? ms/);
  });

  it('then runs the schedules study with K = 4 on the same model, every family in the table', () => {
    const study = run.stdout.slice(run.stdout.indexOf('Schedule families'));
    expect(run.stdout.indexOf('Entropy profile')).toBeLessThan(run.stdout.indexOf('Schedule families, K = 4 steps (nats)'));
    for (const family of ['constant (LLaDA)', 'linear', 'logLinear', 'cosine (MaskGIT)', 'cosineFront (MDLM)', 'cosineBack (dllm)', 'dream', 'optimal']) {
      expect(study).toContain(family);
    }
    expect(study).toContain('Adaptive policies');
    expect(study).toContain('Adapted schedules');
  });

  it('ends with the words dataset: its TC, DTC, profile and best schedules for K = 2..5', () => {
    const words = run.stdout.slice(run.stdout.lastIndexOf('dataset  words'));
    expect(run.stdout.indexOf('the unmasking sampler')).toBeLessThan(run.stdout.lastIndexOf('dataset  words'));
    expect(words).toContain('q = 26 symbols, n = 5 positions, 11881376 cells; sparse, support 12578 rows');
    for (const name of ['total correlation', 'dual total correlation']) expect(words).toContain(name);
    expect(tableAfter(words, 'Entropy profile').map((row) => row[0])).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(tableAfter(words, 'Best schedules').map((row) => row[0])).toEqual(['2', '3', '4', '5']);
    expectClose(Number(tableAfter(words, 'Entropy profile')[5][1]), Math.log(12578), 1e-9);
  });

  it('writes report.html in the working directory and says so', () => {
    const path = join(cwd, 'report.html');
    expect(run.stdout).toContain(`Report written to ${path}`);
    expect(readFileSync(path, 'utf8')).toContain('<svg');
    expect(readFileSync(path, 'utf8')).toContain('<h2>Data: the words dataset</h2>');
  });
});

describe('unmasking measures --json', () => {
  it('parity:2x6 in nats: H = 5 ln 2, TC = ln 2, DTC = 5 ln 2 and the rest of the closed forms', () => {
    const out = json(['measures', '--model', 'parity:2x6']);
    expect([out.q, out.n, out.units, out.model, out.input]).toEqual([2, 6, 'nats', 'parity:2x6', null]);
    expectClose(out.base, Math.E);
    const m = out.measures;
    expectClose(m.entropy, 5 * LN2);
    expectClose(m.totalCorrelation, LN2);
    expectClose(m.dualTotalCorrelation, 5 * LN2);
    expectClose(m.oInformation, -4 * LN2);
    expectClose(m.sInformation, 6 * LN2);
    // -Σ_{A≠∅} (-1)^|A| H(X_A) with H(X_A) = min(|A|, 5) ln 2 gives (-1)^n ln 2.
    expectClose(m.coinformation, LN2);
    expectClose(m.residualEntropy, 0);
    expectClose(m.tseComplexity, 2.5 * LN2);
    expectAllClose(m.marginalEntropies, Array(6).fill(LN2));
    expectAllClose(m.leaveOneOutEntropies, Array(6).fill(5 * LN2));
    expectAllClose(out.profile.h, [0, 1, 2, 3, 4, 5, 5].map((j) => j * LN2));
    expectAllClose(out.profile.D, [1, 1, 1, 1, 1, 0].map((d) => d * LN2));
  });

  it('copies:2x4 in bits: H = 1, TC = 3, DTC = 1', () => {
    const out = json(['measures', '--model', 'copies:2x4', '--base', '2']);
    expect(out.units).toBe('bits');
    expect(out.base).toBe(2);
    const m = out.measures;
    expectClose(m.entropy, 1);
    expectClose(m.totalCorrelation, 3);
    expectClose(m.dualTotalCorrelation, 1);
    expectClose(m.oInformation, 2);
    expectClose(m.sInformation, 4);
    expectClose(m.coinformation, 1);
    expectClose(m.residualEntropy, 0);
    expectClose(m.tseComplexity, 1.5);
    expectAllClose(out.profile.h, [0, 1, 1, 1, 1]);
    expectAllClose(out.profile.D, [1, 0, 0, 0]);
  });

  it('uniform:2x5: H = 5 ln 2 and every dependence measure 0', () => {
    const m = json(['measures', '--model', 'uniform:2x5']).measures;
    expectClose(m.entropy, 5 * LN2);
    for (const key of ['totalCorrelation', 'dualTotalCorrelation', 'oInformation', 'sInformation', 'coinformation', 'tseComplexity']) {
      expectClose(m[key], 0);
    }
    expectClose(m.residualEntropy, 5 * LN2);
  });

  it('markov:8,flip=0.3: H = ln 2 + 7 h(0.3), TC = 7 (ln 2 - h(0.3))', () => {
    const out = json(['--model', 'markov:8,flip=0.3']);
    expect(out.model).toBe('markov:2x8,flip=0.3');
    expectClose(out.measures.entropy, LN2 + 7 * hb(0.3));
    expectClose(out.measures.totalCorrelation, 7 * (LN2 - hb(0.3)));
  });

  it('--base 2 divides every value by ln 2; --base 10 by ln 10 and is labelled "log base 10"', () => {
    const nats = json(['--model', 'ising2d:2x3,J=0.4,h=0.1,periodic']);
    for (const [base, label] of [[2, 'bits'], [10, 'log base 10']] as const) {
      const other = json(['--model', 'ising2d:2x3,J=0.4,h=0.1,periodic', '--base', String(base)]);
      expect(other.units).toBe(label);
      for (const [key, value] of Object.entries(nats.measures)) {
        const want = Array.isArray(value) ? value.map((v) => v / Math.log(base)) : [value / Math.log(base)];
        expectAllClose([other.measures[key]].flat(), want);
      }
      expectAllClose(other.profile.h, nats.profile.h.map((v) => v / Math.log(base)));
      expectAllClose(other.profile.D, nats.profile.D.map((v) => v / Math.log(base)));
    }
  });

  it('--base e is nats', () => {
    const out = json(['--model', 'uniform:3x2', '--base', 'e']);
    expect(out.units).toBe('nats');
    expectClose(out.measures.entropy, 2 * Math.log(3));
  });

  it('fills in defaults in the model spec and describes the model', () => {
    const out = json(['measures', '--model', 'ising2d:3x4']);
    expect(out.model).toBe('ising2d:3x4,J=0.3,h=0');
    expect(out.description).toBe('2-D Ising model on a 3×4 grid, J = 0.3, h = 0, open boundary');
    expect([out.q, out.n]).toEqual([2, 12]);
    expect(out.profile.h).toHaveLength(13);
    expect(out.profile.D).toHaveLength(12);
    for (const ms of Object.values(out.timingMs)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(out.timingMs.total).toBeGreaterThanOrEqual(out.timingMs.measures);
  });

  it('accepts the spellings parity:q=2,n=6, parity:6 and parity:2×6 for the same model', () => {
    for (const spec of ['parity:q=2,n=6', 'parity:6', 'parity:2×6', 'PARITY:n=6, q=2']) {
      const out = json(['--model', spec]);
      expect(out.model).toBe('parity:2x6');
      expectClose(out.measures.entropy, 5 * LN2);
    }
  });

  it('dirichlet:2x10,seed=1 is reproducible and a valid distribution (0 < H < 10 ln 2)', () => {
    const first = json(['--model', 'dirichlet:2x10,seed=1']);
    const second = json(['--model', 'dirichlet:2x10,seed=1']);
    expect(first.measures.entropy).toBe(second.measures.entropy);
    expect(first.measures.entropy).toBeGreaterThan(0);
    expect(first.measures.entropy).toBeLessThan(10 * LN2);
  });
});

describe('unmasking measures --input', () => {
  // p = [0.4, 0.1, 0.1, 0.4] on {0,1}^2: uniform marginals, H = -(0.8 ln 0.4 + 0.2 ln 0.1).
  const pmf = [0.4, 0.1, 0.1, 0.4];
  const H = -(0.8 * Math.log(0.4) + 0.2 * Math.log(0.1));

  it('reads { q, n, pmf } from a JSON file', () => {
    const path = tempFile('table.json', JSON.stringify({ q: 2, n: 2, pmf }));
    const out = json(['measures', '--input', path]);
    expect([out.q, out.n, out.input, out.model]).toEqual([2, 2, path, null]);
    expectClose(out.measures.entropy, H);
    expectAllClose(out.measures.marginalEntropies, [LN2, LN2]);
    expectClose(out.measures.totalCorrelation, 2 * LN2 - H);
    expectClose(out.measures.dualTotalCorrelation, 2 * LN2 - H);
    expectClose(out.measures.coinformation, 2 * LN2 - H);
  });

  it('reads the same table from stdin with --input -', () => {
    const out = json(['--input', '-', '--base', '2'], JSON.stringify({ q: 2, n: 2, pmf }));
    expectClose(out.measures.entropy, H / LN2);
  });

  it('prints a text report for an input file, naming the file', () => {
    const path = tempFile('report.json', JSON.stringify({ q: 2, n: 2, pmf }));
    const run = cli(['--input', path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(path);
    expect(tableAfter(run.stdout, 'Entropy profile')).toHaveLength(3);
  });
});

interface FamilyRow {
  name: string;
  origin: string;
  sizes: number[];
  expectedKL: number;
  mixtureKL: number | null;
  bounds: { dimensionFree: number; liCai: number };
  best: boolean;
}

interface PolicyRow {
  policy: string;
  threshold: number | null;
  schedule: 'optimal' | 'constant' | null;
  sizes: number[] | null;
  kl: number | null;
  expectedKL: number | null;
  best: boolean;
}

interface AdaptedRow {
  rule: 'tcAdapted' | 'dtcAdapted' | 'twoSided';
  eps: number;
  choice: 'steps' | 'fixed';
  sizes: number[];
  expectedKL: number;
  guaranteeName: string;
  guarantee: number;
}

interface StudyOutput {
  command: string;
  model: string | null;
  input: string | null;
  description: string;
  q: number;
  n: number;
  K: number;
  base: number;
  units: string;
  measures: { entropy: number; totalCorrelation: number; dualTotalCorrelation: number };
  profile: { h: number[]; D: number[] };
  families: FamilyRow[];
  policies: PolicyRow[];
  adapted: AdaptedRow[];
  limits: { mixtureCells: number; mixtureWork: number };
  report: string | null;
  timingMs: Record<string, number>;
}

const FAMILY_NAMES = ['constant', 'linear', 'logLinear', 'cosine', 'cosineFront', 'cosineBack', 'dream', 'optimal'];

/** `unmasking schedules ARGS --json --no-report`, parsed. */
function study(args: readonly string[]): StudyOutput {
  return json(['schedules', ...args, '--no-report']) as unknown as StudyOutput;
}

function family(out: StudyOutput, name: string): FamilyRow {
  const row = out.families.find((f) => f.name === name);
  expect(row, `no family ${name}`).toBeDefined();
  return row as FamilyRow;
}

/** Each row's sizes are K integers >= 1 summing to n. */
function expectSchedules(out: StudyOutput): void {
  expect(out.families.map((f) => f.name)).toEqual(FAMILY_NAMES);
  for (const f of out.families) {
    expect(f.sizes, f.name).toHaveLength(out.K);
    expect(f.sizes.every((size) => Number.isInteger(size) && size >= 1), f.name).toBe(true);
    expect(f.sizes.reduce((a, b) => a + b, 0), f.name).toBe(out.n);
  }
}

describe('unmasking measures --samples and --dataset', () => {
  // Six words: the empirical law has H = log 6 - (2/6) log 2 (one word twice), n = 5, q inferred.
  const words = ['crane', 'slate', 'crane', 'zebra', 'plant', 'crate', 'stare'];

  interface SamplesOutput extends Output {
    samples: string | null;
    dataset: string | null;
    support: number | null;
    bestSchedules: { K: number; sizes: number[]; expectedKL: number; constantKL: number }[];
  }

  it('reads one sample per line, infers q and n, and gives H, TC, DTC of a brute force over the rows', () => {
    const path = tempFile('seven-words.txt', words.join('\n') + '\n');
    const out = json(['measures', '--samples', path]) as SamplesOutput;
    const alphabet = [...new Set(words.join(''))].sort();
    const rows = words.map((word) => Array.from(word, (c) => alphabet.indexOf(c)));
    expect([out.q, out.n, out.samples, out.model, out.input, out.dataset]).toEqual([alphabet.length, 5, path, null, null, null]);
    expectClose(out.measures.entropy, Math.log(7) - (2 / 7) * Math.log(2));
    expectClose(out.measures.entropy, rowsEntropy(rows, [0, 1, 2, 3, 4]));
    const { tc, dtc } = rowsCorrelations(rows, 5);
    expectClose(out.measures.totalCorrelation, tc);
    expectClose(out.measures.dualTotalCorrelation, dtc);
    expect(out.bestSchedules.map((b) => b.K)).toEqual([2, 3, 4, 5]);
  });

  it('--alphabet fixes q; lines with spaces are symbols separated by whitespace', () => {
    const path = tempFile('phonemes.txt', 'K AE T\nK AA R\nB AE T\n');
    const out = json(['--samples', path, '--alphabet', 'AA,AE,B,K,R,T,Z', '--base', '2']) as SamplesOutput;
    expect([out.q, out.n]).toEqual([7, 3]);
    expectClose(out.measures.entropy, Math.log2(3));
    // X_0 = K with 2/3, X_1 = AE with 2/3, X_2 = T with 2/3: H(X_i) = h(1/3) bits each.
    const h3 = -(Math.log2(1 / 3) / 3 + (2 / 3) * Math.log2(2 / 3));
    expectAllClose(out.measures.marginalEntropies, [h3, h3, h3]);
  });

  it('--dataset words is sparse (support 12578 of 26^5) and its best schedules are the optimal ones of its profile, below the constant ones', () => {
    const out = json(['--dataset', 'words']) as SamplesOutput;
    expect([out.q, out.n, out.dataset, out.support]).toEqual([26, 5, 'words', 12578]);
    expectClose(out.measures.entropy, Math.log(12578));
    const profile = { h: Float64Array.from(out.profile.h), D: Float64Array.from(out.profile.D) };
    for (const best of out.bestSchedules) {
      const optimum = schedules.optimal(profile, best.K);
      expect(best.sizes).toEqual(optimum.sizes);
      expectClose(best.expectedKL, expectedKL(profile, best.sizes).total, 1e-10);
      expect(best.expectedKL).toBeLessThanOrEqual(best.constantKL + 1e-12);
    }
  });

  it('the text report names the dataset and prints the best schedules for K = 2..5', () => {
    const run = cli(['measures', '--dataset', 'phonemes', '--base', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/dataset\s+phonemes/);
    expect(run.stdout).toContain('q = 39 symbols, n = 4 positions, 2313441 cells; sparse, support');
    const rows = tableAfter(run.stdout, 'Best schedules');
    expect(rows.map((row) => row[0])).toEqual(['2', '3', '4']);
  });

  it('schedules and sample take --dataset too (sample expands the table to its q^n cells)', () => {
    // words: (q+1)^n = 27^5 cells is past the sampler's limit; phonemes: 40^4 is within it.
    const words = cli(['schedules', '--dataset', 'words', '-K', '2', '--no-report', '--policy', 'none']);
    expect(words.code).toBe(0);
    expect(words.stdout).toContain('skipped (too large)');
    const phonemes = JSON.parse(cli(['schedules', '--dataset', 'phonemes', '-K', '2', '--no-report', '--policy', 'none', '--json']).stdout) as { families: { expectedKL: number; mixtureKL: number | null }[] };
    for (const f of phonemes.families) expect(f.mixtureKL).toBeLessThanOrEqual(f.expectedKL + 1e-12);
    const sampled = cli(['sample', '--dataset', 'phonemes', '--count', '1000', '--sizes', '1,1,1,1']);
    expect(sampled.stderr).toBe('');
    expect(sampled.code).toBe(0);
  });
});

describe('unmasking schedules --json: exact values against closed forms (SCHEDULES.md §8)', () => {
  describe('copies:2x8 (eight copies of a fair bit), K = 2', () => {
    let out: StudyOutput;
    beforeAll(() => {
      out = study(['--model', 'copies:2x8', '-K', '2']);
    });

    it('describes the table: n = 8, H = ln 2, TC = 7 ln 2, DTC = ln 2', () => {
      expect([out.command, out.model, out.q, out.n, out.K, out.units, out.report]).toEqual(['schedules', 'copies:2x8', 2, 8, 2, 'nats', null]);
      expectClose(out.measures.entropy, LN2);
      expectClose(out.measures.totalCorrelation, 7 * LN2);
      expectClose(out.measures.dualTotalCorrelation, LN2);
      expectSchedules(out);
      expect(family(out, 'constant').sizes).toEqual([4, 4]); // LLaDA: floor(8/2) each
    });

    it('E KL = (s_1 − 1) ln 2 for every family, and so is KL(p‖q_mix): every q_S gives each constant string 2^−s_1', () => {
      for (const f of out.families) {
        expectClose(f.expectedKL, (f.sizes[0] - 1) * LN2);
        expectClose(f.mixtureKL as number, (f.sizes[0] - 1) * LN2);
      }
    });

    it('the optimum is [1, 7] at 0, and only rows reaching 0 are marked best', () => {
      expect(family(out, 'optimal').sizes).toEqual([1, 7]);
      expectClose(family(out, 'optimal').expectedKL, 0);
      for (const f of out.families) expect(f.best, f.name).toBe(f.sizes[0] === 1);
    });

    it('bounds: dimension-free (s_max − 1) ln 2, Li–Cai (2^⌈log2 s_max⌉ − 1) ln 2 (D(0) = ln 2, D(7) = 0)', () => {
      for (const f of out.families) {
        const sMax = Math.max(...f.sizes);
        expectClose(f.bounds.dimensionFree, (sMax - 1) * LN2);
        expectClose(f.bounds.liCai, (2 ** Math.ceil(Math.log2(sMax)) - 1) * LN2);
      }
    });

    it('every adaptive policy ties all positions at step 1, so KL(p‖q) = (s_1 − 1) ln 2 as well', () => {
      expect(out.policies.map((p) => [p.policy, p.schedule])).toEqual([
        ['random', 'optimal'], ['confidence', 'optimal'], ['margin', 'optimal'], ['entropy', 'optimal'],
        ['random', 'constant'], ['confidence', 'constant'], ['margin', 'constant'], ['entropy', 'constant'],
      ]);
      for (const p of out.policies) {
        const sizes = p.sizes as number[];
        expectClose(p.kl as number, (sizes[0] - 1) * LN2);
        expectClose(p.expectedKL as number, (sizes[0] - 1) * LN2);
      }
    });

    it('adapted, least eps for 2 steps: tcAdapted 5/3 → [6, 2], dtcAdapted 5/3 → [2, 6], twoSided 3 → [4, 4]', () => {
      // dtc: s = 1 + floor(eps (a + 1)); two steps need s_1 = 2 (1 <= eps < 2) and
      // 1 + floor(3 eps) >= 6, so eps >= 5/3, printed rounded up to 4 digits. tc mirrors it.
      // twoSided needs s_1 - 1 <= eps and 7 - s_1 <= eps (last step ends at n): eps >= 3, s_1 = 4.
      const steps = out.adapted.filter((a) => a.choice === 'steps');
      expect(steps.map((a) => [a.rule, a.eps, a.sizes])).toEqual([
        ['tcAdapted', 1.667, [6, 2]],
        ['dtcAdapted', 1.667, [2, 6]],
        ['twoSided', 3, [4, 4]],
      ]);
      for (const a of out.adapted) {
        expectClose(a.expectedKL, (a.sizes[0] - 1) * LN2);
        const bound = { tcAdapted: 7 * LN2, dtcAdapted: LN2, twoSided: LN2 }[a.rule];
        expectClose(a.guarantee, a.eps * bound);
        expect(a.expectedKL).toBeLessThanOrEqual(a.guarantee + 1e-12);
      }
      expect(out.adapted.filter((a) => a.choice === 'fixed').map((a) => [a.rule, a.eps, a.sizes])).toEqual([
        ['tcAdapted', 0.5, [2, 3, 2, 1]],
        ['dtcAdapted', 0.5, [1, 2, 3, 2]],
        ['twoSided', 0.5, [1, 2, 2, 2, 1]],
      ]);
    });
  });

  it('parity:2x8, K = 4: E KL = KL(p‖q_mix) = ln 2 · [s_K >= 2] (a last step of two or more draws the parity bit freely)', () => {
    const out = study(['--model', 'parity:2x8', '-K', '4']);
    expectSchedules(out);
    expectClose(out.measures.totalCorrelation, LN2);
    expectClose(out.measures.dualTotalCorrelation, 7 * LN2);
    for (const f of out.families) {
      const want = f.sizes[3] >= 2 ? LN2 : 0;
      expectClose(f.expectedKL, want);
      expectClose(f.mixtureKL as number, want);
    }
    expect(family(out, 'optimal').sizes[3]).toBe(1);
  });

  it('markov:8,flip=0.1: the optimal schedules K = 2 [3, 5], K = 3 [2, 2, 4], K = 4 [1, 2, 2, 3] and their values', () => {
    const want: [number, number[], number][] = [
      [2, [3, 5], 0.833014338534731],
      [3, [2, 2, 4], 0.429336185758195],
      [4, [1, 2, 2, 3], 0.219878606349956],
    ];
    for (const [K, sizes, value] of want) {
      const out = study(['--model', 'markov:8,flip=0.1', '-K', String(K), '--policy', 'none']);
      const optimal = family(out, 'optimal');
      expect(optimal.sizes).toEqual(sizes);
      expectClose(optimal.expectedKL, value);
      expect(optimal.best).toBe(true);
      for (const f of out.families) expect(f.expectedKL).toBeGreaterThanOrEqual(value - 1e-12);
    }
  });

  it('markov:8,flip=0.1, K = 4: TC, DTC, constant [2, 2, 2, 2] and the eps = 0.5 rules of SCHEDULES.md §8', () => {
    const out = study(['--model', 'markov:8,flip=0.1', '-K', '4']);
    const TC = 2.57644945017948;
    const DTC = 1.24592728768037;
    expectClose(out.measures.totalCorrelation, TC);
    expectClose(out.measures.dualTotalCorrelation, DTC);
    expect(family(out, 'constant').sizes).toEqual([2, 2, 2, 2]);
    expectClose(family(out, 'constant').expectedKL, 0.306360712489876);
    // eps = 0.5 is listed once per rule, as 'fixed' or, when it is also the least eps for K = 4, as 'steps'.
    const fixed = (rule: string) => out.adapted.find((a) => a.rule === rule && a.eps === 0.5) as AdaptedRow;
    expect(fixed('dtcAdapted').sizes).toEqual([1, 2, 3, 2]);
    expectClose(fixed('dtcAdapted').expectedKL, 0.246726729994767);
    expectClose(fixed('dtcAdapted').guarantee, 0.5 * DTC);
    expect(fixed('tcAdapted').sizes).toEqual([2, 3, 2, 1]);
    expectClose(fixed('tcAdapted').expectedKL, 0.387934662964747);
    expectClose(fixed('tcAdapted').guarantee, 0.5 * TC);
    expectClose(fixed('twoSided').guarantee, 0.5 * DTC);
    for (const a of out.adapted) expect(a.sizes.length).toBeLessThanOrEqual(a.choice === 'steps' ? 4 : 8);
  });

  it('ising2d:3x4, K = 4: 0 <= KL(p‖q_mix) <= E KL for every family, and each policy row agrees with its sizes', () => {
    const out = study(['--model', 'ising2d:3x4', '-K', '4']);
    expectSchedules(out);
    for (const f of out.families) {
      expect(f.mixtureKL, f.name).not.toBeNull();
      expect(f.mixtureKL as number).toBeGreaterThanOrEqual(-1e-12);
      expect(f.mixtureKL as number, f.name).toBeLessThanOrEqual(f.expectedKL + 1e-12);
      expect(f.expectedKL).toBeLessThanOrEqual(f.bounds.dimensionFree + 1e-12);
      expect(f.bounds.dimensionFree).toBeLessThanOrEqual(f.bounds.liCai + 1e-12);
    }
    for (const p of out.policies) {
      const source = family(out, p.schedule as string);
      expect(p.sizes).toEqual(source.sizes);
      expectClose(p.expectedKL as number, source.expectedKL);
      if (p.policy === 'random') expect(p.kl).toBe(source.mixtureKL);
      expect(p.kl as number).toBeGreaterThanOrEqual(-1e-12);
    }
  });

  it('--base 2 divides every value by ln 2', () => {
    const nats = study(['--model', 'markov:8,flip=0.1', '-K', '3']);
    const bits = study(['--model', 'markov:8,flip=0.1', '-K', '3', '--base', '2']);
    expect([bits.units, bits.base]).toEqual(['bits', 2]);
    const values = (out: StudyOutput) => [
      ...Object.values(out.measures),
      ...out.profile.h,
      ...out.profile.D,
      ...out.families.flatMap((f) => [f.expectedKL, f.mixtureKL as number, f.bounds.dimensionFree, f.bounds.liCai]),
      ...out.policies.map((p) => p.kl as number),
      ...out.adapted.flatMap((a) => [a.expectedKL, a.guarantee]),
    ];
    expectAllClose(values(bits), values(nats).map((v) => v / LN2));
  });

  it('has stable top-level keys, and K = n gives all ones at 0', () => {
    const out = study(['--model', 'markov:6', '-K', '6']);
    expect(Object.keys(out)).toEqual([
      'command', 'model', 'input', 'samples', 'dataset', 'description', 'q', 'n', 'K', 'base', 'units', 'measures',
      'profile', 'families', 'policies', 'adapted', 'limits', 'report', 'timingMs',
    ]);
    expect(Object.keys(out.timingMs)).toEqual(['table', 'expectedKL', 'mixture', 'policies', 'report', 'total']);
    for (const f of out.families) {
      expect(f.sizes).toEqual([1, 1, 1, 1, 1, 1]);
      expectClose(f.expectedKL, 0);
      expectClose(f.mixtureKL as number, 0);
    }
  });

  it('without -K, K = 4, or n when n < 4; reads --input tables too', () => {
    expect(study(['--model', 'markov:8,flip=0.1']).K).toBe(4);
    const path = tempFile('three.json', JSON.stringify({ q: 2, n: 3, pmf: [0.5, 0, 0, 0, 0, 0, 0, 0.5] }));
    const out = study(['--input', path]);
    expect([out.input, out.model, out.n, out.K]).toEqual([path, null, 3, 3]);
    for (const f of out.families) expectClose(f.expectedKL, 0);
  });

  it('--policy threshold=0.6 adds a row without sizes; --policy none keeps random order only', () => {
    const out = study(['--model', 'copies:2x4', '-K', '2', '--policy', 'margin,threshold=0.6']);
    expect(out.policies.map((p) => p.policy)).toEqual(['random', 'margin', 'random', 'margin', 'threshold']);
    const threshold = out.policies[4];
    expect([threshold.threshold, threshold.schedule, threshold.sizes, threshold.expectedKL, threshold.best]).toEqual([0.6, null, null, null, false]);
    // Nothing reaches confidence 0.6 at first, so one bit is drawn; then every copy is certain.
    expectClose(threshold.kl as number, 0);
    const none = study(['--model', 'copies:2x4', '-K', '2', '--policy', 'none']);
    expect(none.policies.map((p) => p.policy)).toEqual(['random', 'random']);
  });

  it('skips KL(p‖q_mix) when the lattice is too large: uniform:2x15 has (q+1)^n = 3^15 cells', () => {
    const out = study(['--model', 'uniform:2x15', '-K', '3', '--policy', 'confidence']);
    expect(out.limits.mixtureCells).toBeLessThan(3 ** 15);
    for (const f of out.families) {
      expectClose(f.expectedKL, 0);
      expect(f.mixtureKL).toBeNull();
    }
    for (const p of out.policies) expect(p.kl).toBeNull();
    const text = cli(['schedules', '--model', 'uniform:2x15', '-K', '3', '--no-report']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('skipped (too large)');
  });
});

describe('unmasking schedules: the text report and report.html', () => {
  let cwd: string;
  let run: Run;
  beforeAll(() => {
    cwd = emptyDir();
    run = cli(['schedules', '--model', 'ising2d:3x4', '-K', '4', '--report', 'out/../ising.html'], undefined, [], cwd);
  });

  it('exits 0 and prints one row per family, with its sizes, the optimum marked *', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Schedule families, K = 4 steps (nats)');
    const rows = run.stdout.split('\n');
    const labels = ['constant (LLaDA)', 'linear', 'logLinear', 'cosine (MaskGIT)', 'cosineFront (MDLM)', 'cosineBack (dllm)', 'dream', 'optimal'];
    for (const label of labels) {
      const row = rows.find((line) => line.replace(/^\s*\*?\s*/, '').startsWith(`${label} `));
      expect(row, label).toBeDefined();
      expect(row).toMatch(/\[\d+, \d+, \d+, \d+\]/);
    }
    expect(rows.find((line) => /^\s*\*\s+optimal\s/.test(line))).toBeDefined();
  });

  it('explains each column in a legend and says how long it took', () => {
    for (const term of ['E KL', 'KL(q_mix)', 'ratio', 'dim-free', 'Li–Cai', 'E_S KL(p‖q_S)']) expect(run.stdout).toContain(term);
    expect(run.stdout).toMatch(/units\s+nats/);
    expect(run.stdout).toMatch(/Computed in \d+(\.\d+)? ms/);
  });

  it('writes the report where --report says and prints its absolute path', () => {
    const path = join(cwd, 'ising.html');
    expect(run.stdout).toContain(`Report written to ${path}`);
    expect(readdirSync(cwd)).toEqual(['ising.html']);
  });

  it('report.html is one self-contained page: inline CSS, three inline SVG plots, no scripts or external resources', () => {
    const html = readFileSync(join(cwd, 'ising.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
    for (const text of ['ising2d:3x4,J=0.3,h=0', 'total correlation', 'Schedule families', 'Adaptive policies', 'Adapted schedules', 'cosine (MaskGIT)']) {
      expect(html).toContain(text);
    }
  });

  it('--no-report writes nothing and mentions no report', () => {
    const empty = emptyDir();
    const quiet = cli(['schedules', '--model', 'copies:2x4', '-K', '2', '--no-report'], undefined, [], empty);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('Report written');
    expect(readdirSync(empty)).toEqual([]);
  });

  it('without --report it writes ./report.html, also with --json (whose report key holds the path)', () => {
    const here = emptyDir();
    const out = JSON.parse(cli(['schedules', '--model', 'copies:2x4', '-K', '2', '--json'], undefined, [], here).stdout) as StudyOutput;
    expect(out.report).toBe(join(here, 'report.html'));
    expect(readFileSync(join(here, 'report.html'), 'utf8')).toContain('<svg');
  });
});

describe('--help and --version', () => {
  it('--help and -h and help print every command, option, model kind and example, in 80 columns', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['measures', '--help'], ['schedules', '-K', '3', '--help']]) {
      const run = cli(args);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      for (const word of ['measures', 'schedules', 'help', '--version', '--model', '--input', '--base', '--json', '--help', '-K', '--policy', '--report', '--no-report']) {
        expect(run.stdout).toContain(word);
      }
      for (const kind of ['uniform:', 'copies:', 'parity:', 'dirichlet:', 'markov:', 'ising-chain:', 'ising2d:']) {
        expect(run.stdout).toContain(kind);
      }
      expect(run.stdout).toContain('Examples');
      for (const line of run.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it('--version and -v print the package version', () => {
    for (const flag of ['--version', '-v']) {
      const run = cli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(`unmasking ${PACKAGE.version}`);
    }
  });
});

describe('bad input: exit 2, one line on stderr starting "unmasking: ", no stack trace', () => {
  const files = () => ({
    missing: join(dir, 'does-not-exist.json'),
    broken: tempFile('broken.json', '{"q": 2, "n": 2, "pmf": [0.5, 0.5'),
    unnormalised: tempFile('sum.json', JSON.stringify({ q: 2, n: 2, pmf: [0.5, 0, 0, 0.4] })),
    negative: tempFile('negative.json', JSON.stringify({ q: 2, n: 2, pmf: [0.6, -0.1, 0, 0.5] })),
    short: tempFile('short.json', JSON.stringify({ q: 2, n: 2, pmf: [0.5, 0.5] })),
    array: tempFile('array.json', '[0.5, 0.5]'),
    extraKey: tempFile('extra.json', JSON.stringify({ q: 2, n: 1, pmf: [0.5, 0.5], name: 'x' })),
    noPmf: tempFile('nopmf.json', JSON.stringify({ q: 2, n: 1 })),
    stringQ: tempFile('stringq.json', JSON.stringify({ q: '2', n: 1, pmf: [0.5, 0.5] })),
    words: tempFile('words.txt', 'crane\nzebra\nslate\n'),
    empty: tempFile('empty.txt', '\n\n'),
    ragged: tempFile('ragged.txt', 'crane\n\nslate\nzeb\n'),
  });

  const cases: [string, (f: ReturnType<typeof files>) => string[], RegExp][] = [
    ['an unknown command', () => ['frobnicate'], /unknown command "frobnicate"; commands: measures, schedules, sample, help/],
    ['an unknown option', () => ['measures', '--frobnicate'], /unknown option --frobnicate/],
    ['an unknown short option', () => ['-x'], /unknown option -x/],
    ['a missing value at the end', () => ['--model'], /option --model needs a value/],
    ['a missing value before another option', () => ['--model', '--json'], /option --model needs a value/],
    ['a value for a flag', () => ['--json=yes'], /option --json takes no value/],
    ['an option given twice', () => ['--base', '2', '--base', '2'], /--base is given more than once/],
    ['an extra argument', () => ['measures', 'extra'], /unexpected argument "extra"/],
    ['--model with --input', (f) => ['--model', 'uniform:2x2', '--input', f.missing], /give one of --model, --input, --samples and --dataset, not --model and --input$/],
    ['--samples with --dataset', (f) => ['--samples', f.words, '--dataset', 'words'], /not --samples and --dataset$/],
    ['--alphabet without --samples', () => ['--dataset', 'words', '--alphabet', 'ab'], /--alphabet applies only to --samples$/],
    ['an unknown dataset', () => ['--dataset', 'poems'], /--dataset must be one of words, phonemes; received "poems"$/],
    ['a missing samples file', (f) => ['--samples', f.missing], /cannot read samples ".*does-not-exist\.json": no such file$/],
    ['an empty samples file', (f) => ['--samples', f.empty], /samples ".*empty\.txt" holds no samples; expected one sample per line$/],
    ['samples of different lengths', (f) => ['--samples', f.ragged], /samples ".*ragged\.txt": line 4 must be a row of n = 5 symbols; received 3 symbols\.$/],
    ['a symbol outside --alphabet', (f) => ['--samples', f.words, '--alphabet', 'abcdefghijklmnopqrstuvwxy'], /samples ".*words\.txt": line \d+ must be a row of symbols of the alphabet; received "z" at position \d\.$/],
    ['a repeated --alphabet symbol', (f) => ['--samples', f.words, '--alphabet', 'aab'], /samples ".*words\.txt": --alphabet\[1\] must be a symbol not listed before; received "a"\.$/],
    ['--base 1', () => ['--base', '1'], /--base must be e or a number > 0 other than 1.*"1"/],
    ['--base 0', () => ['--base', '0'], /--base must be .*"0"/],
    ['--base -2', () => ['--base', '-2'], /--base must be .*"-2"/],
    ['--base two', () => ['--base', 'two'], /--base must be .*"two"/],
    ['an unknown model kind', () => ['--model', 'potts:3x4'], /model "potts:3x4": unknown kind "potts"; known kinds: uniform, copies, parity, dirichlet, markov, ising-chain, ising2d/],
    ['an unknown model parameter', () => ['--model', 'ising2d:3x4,K=1'], /unknown parameter "K" for ising2d; known: rows, cols, J, h, periodic/],
    ['an unknown model flag', () => ['--model', 'ising2d:3x4,torus'], /unknown flag "torus"/],
    ['a bad number', () => ['--model', 'ising2d:3x4,J=strong'], /J must be a number; received "strong"/],
    ['a bad size', () => ['--model', 'ising2d:3x'], /bad size "3x"; ising2d takes ROWSxCOLS/],
    ['a size with too many numbers', () => ['--model', 'uniform:2x3x4'], /size "2x3x4" has 3 numbers; uniform takes \[Qx\]N/],
    ['a missing size', () => ['--model', 'ising2d'], /missing rows/],
    ['a parameter given twice', () => ['--model', 'uniform:2x5,n=4'], /n is given twice/],
    ['a flag with a value', () => ['--model', 'ising2d:3x4,periodic=yes'], /periodic is a flag and takes no value/],
    ['a stray comma', () => ['--model', 'uniform:2x5,'], /empty part/],
    ['q = 1', () => ['--model', 'uniform:1x5'], /model "uniform:1x5": q must be an integer >= 2; received 1\./],
    ['flip out of range', () => ['--model', 'markov:8,flip=1.5'], /flip must be a finite number in \[0, 1\]; received 1\.5\./],
    ['a negative seed', () => ['--model', 'dirichlet:2x4,seed=-1'], /seed must be an integer in \[0, 2\^64\); received "-1"/],
    ['n beyond 32: uniform:2x40', () => ['--model', 'uniform:2x40'], /model "uniform:2x40": n must be an integer in \[1, 32\]; received 40\./],
    ['a table too large for memory: uniform:2x30', () => ['--model', 'uniform:2x30'], /model "uniform:2x30": .*8589934592 bytes/],
    ['a missing input file', (f) => ['--input', f.missing], /cannot read input ".*does-not-exist\.json": no such file/],
    ['a directory as input', () => ['--input', dir], /cannot read input ".*": it is a directory/],
    ['invalid JSON', (f) => ['--input', f.broken], /input ".*broken\.json" is not valid JSON/],
    ['a table that does not sum to 1', (f) => ['--input', f.unnormalised], /pmf must be a table summing to 1 \(within 1e-9\); received a table summing to 0\.9\./],
    ['a negative entry', (f) => ['--input', f.negative], /pmf\[1\] must be a finite number >= 0; received -0\.1\./],
    ['a table of the wrong length', (f) => ['--input', f.short], /pmf must be of length q\^n = 4; received length 2\./],
    ['a JSON array instead of an object', (f) => ['--input', f.array], /must hold a JSON object/],
    ['an unknown key', (f) => ['--input', f.extraKey], /unknown key "name"/],
    ['a missing key', (f) => ['--input', f.noPmf], /lacks the key "pmf"/],
    ['q given as a string', (f) => ['--input', f.stringQ], /q must be an integer; received "2"\./],
    ['-K 0', () => ['schedules', '--model', 'copies:2x8', '-K', '0'], /-K must be an integer from 1 to n \(the number of positions\); received "0"/],
    ['-K n + 1', () => ['schedules', '--model', 'copies:2x8', '-K', '9'], /-K must be an integer from 1 to n = 8 \(the number of positions\); received 9$/],
    ['-K 2.5', () => ['schedules', '--model', 'copies:2x8', '-K', '2.5'], /-K must be an integer from 1 to n .*received "2\.5"/],
    ['--steps four', () => ['schedules', '--steps', 'four'], /-K must be an integer from 1 to n .*received "four"/],
    ['-K without a value', () => ['schedules', '-K'], /option -K needs a value/],
    ['-K given twice', () => ['schedules', '-K', '2', '--steps', '3'], /option -K is given more than once/],
    ['-K for measures', () => ['measures', '-K', '2'], /option -K belongs to the schedules command/],
    ['--report for measures', () => ['--report', 'x.html'], /option --report belongs to the schedules command/],
    ['--report with --no-report', () => ['schedules', '--report', 'x.html', '--no-report'], /give --report or --no-report, not both/],
    ['an unknown policy', () => ['schedules', '--policy', 'confidence,greedy'], /--policy: unknown policy "greedy"; known: confidence, margin, entropy, threshold=T, none/],
    ['a threshold out of range', () => ['schedules', '--policy', 'threshold=1.5'], /--policy threshold needs a value T in \[0, 1\].*"threshold=1\.5"/],
    ['a policy twice', () => ['schedules', '--policy', 'margin,margin'], /--policy lists "margin" twice/],
    ['a report in a missing directory', (f) => ['schedules', '--model', 'copies:2x4', '-K', '2', '--report', join(f.missing, 'r.html')], /cannot write the report ".*r\.html": no such directory/],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    const run = cli(args(files()));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('\n')).toBe(true);
    const lines = run.stderr.slice(0, -1).split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith('unmasking: ')).toBe(true);
    expect(lines[0]).not.toMatch(/\bat .*:\d+:\d+/);
    expect(lines[0]).toMatch(message);
  });
});

describe('an engine without WebAssembly: exit 1, one line on stderr', () => {
  it('node --no-expose-wasm dist/cli.js names the missing WebAssembly support', () => {
    const run = cli([], undefined, ['--no-expose-wasm']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^unmasking: needs WebAssembly with 128-bit SIMD .*: WebAssembly is not available in this environment\n$/);
  });
});

interface SampleOutput extends SourceFields {
  command: string;
  schedule: string | null;
  K: number | null;
  sizes: number[] | null;
  policy: string;
  threshold: number | null;
  temperature: number;
  count: number;
  seed: string;
  conditionals: { source: 'lattice' | 'table'; latticeCells: number; cost: string };
  samplesPerSecond: number;
  kl: {
    empiricalToP: number | string;
    empiricalToQ: number | null;
    bias: number | null;
    support: number | null;
    exact: number | null;
    exactReverse: number | null;
    expected: number | null;
  };
  missing: 'too large' | null;
  expectedMissing: 'no sizes' | 'too large' | null;
  outsideSupport: number;
  out: { path: string; format: 'bin' | 'csv'; bytes: number } | null;
  limits: { mixtureCells: number; mixtureWork: number };
  timingMs: { table: number; sample: number; write: number; exact: number; total: number };
}

/** `unmasking sample ARGS --json`, parsed. */
function sampled(args: readonly string[]): SampleOutput {
  return json(['sample', ...args]) as unknown as SampleOutput;
}

/** The rows of a --out .csv file: its header names x0..x(n-1), then one row per line. */
function readCsv(path: string, n: number): Uint8Array {
  const lines = readFileSync(path, 'utf8').split('\n');
  expect(lines[0]).toBe(Array.from({ length: n }, (_, i) => `x${i}`).join(','));
  expect(lines.at(-1)).toBe('');
  const rows = lines.slice(1, -1).map((line) => line.split(',').map(Number));
  expect(rows.every((row) => row.length === n)).toBe(true);
  return Uint8Array.from(rows.flat());
}

describe('unmasking sample', () => {
  const ising = () => models.ising2d(2, 3, { J: 0.3 });
  const N = 20000;

  it('prints samples/s, the conditionals, and each KL as a number; the empirical KL to q_mix is within its chi-square bias of 0', () => {
    const run = cli(['sample', '--model', 'ising2d:2x3', '--count', String(N)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const text = run.stdout;
    expect(text).toMatch(/sizes +cosine, K = 4 steps: \[1, 1, 2, 2\]/);
    expect(text).toMatch(/rows +N = 20000, seed 1 /);
    expect(Number(/speed +(\d+) samples\/s/.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(/conditionals +lattice: \(q\+1\)\^n = 729 cells, O\(q\) per conditional/);
    const rows = tableAfter(text, 'KL divergences');
    const value = (label: string, column = 2) => {
      const row = rows.find((r) => r[1] === label);
      expect(row, label).toBeDefined();
      return Number((row as string[])[column]);
    };
    const toP = value('KL(p̂‖p)');
    const toQ = value('KL(p̂‖q_mix)');
    const exact = value('KL(p‖q_mix)');
    const expected = value('E_S', 3); // E_S KL(p‖q_S) is two words
    for (const v of [toP, toQ, exact, expected]) expect(Number.isFinite(v) && v >= 0).toBe(true);
    // 2N KL(p̂ || q_mix) is about chi-square with 63 degrees of freedom, mean 63 / (2N).
    const bias = 63 / (2 * N);
    expect(Number(/bias ([\d.]+)/.exec(text)?.[1])).toBeCloseTo(bias, 6);
    expect(toQ).toBeLessThan(3 * bias);
    expect(2 * N * toQ).toBeLessThan(chiSquareQuantile(1e-6, 63));
    expect(exact).toBeLessThanOrEqual(expected);
  });

  it('--json: the run, samples/s, and the exact KL(p‖q_mix) and expected KL equal to the library functions', () => {
    const out = sampled(['--model', 'ising2d:2x3', '--count', String(N), '--schedule', 'linear', '-K', '3']);
    expect(Object.keys(out)).toEqual([
      'command', 'model', 'input', 'samples', 'dataset', 'description', 'q', 'n', 'base', 'units', 'schedule', 'K', 'sizes', 'policy', 'threshold',
      'temperature', 'count', 'seed', 'conditionals', 'samplesPerSecond', 'kl', 'missing', 'expectedMissing', 'outsideSupport',
      'out', 'limits', 'timingMs',
    ]);
    const p = ising();
    const sizes = schedules.linear(6, 3);
    expect(out).toMatchObject({ command: 'sample', model: 'ising2d:2x3,J=0.3,h=0', q: 2, n: 6, schedule: 'linear', K: 3, sizes, policy: 'random' });
    expect(out).toMatchObject({ threshold: null, temperature: 1, count: N, seed: '1', missing: null, expectedMissing: null, outsideSupport: 0, out: null });
    expect(out.conditionals).toMatchObject({ source: 'lattice', latticeCells: 729 });
    expect(out.samplesPerSecond).toBeGreaterThan(0);
    expect(out.timingMs.sample).toBeGreaterThan(0);
    const q = samplerDistribution(p, { sizes });
    expectClose(out.kl.exact as number, kl(p, q));
    expectClose(out.kl.exactReverse as number, kl(q, p));
    expectClose(out.kl.expected as number, expectedKL(p.profile(), sizes).total);
    expect(out.kl.support).toBe(64);
    expectClose(out.kl.bias as number, 63 / (2 * N));
    expect(out.kl.empiricalToQ as number).toBeLessThan(3 * (out.kl.bias as number));
    expect(Math.abs((out.kl.empiricalToP as number) - (out.kl.exactReverse as number))).toBeLessThan(4 * (out.kl.bias as number));
  });

  it('--base 2 gives every KL in bits', () => {
    const nats = sampled(['--model', 'ising2d:2x3', '--count', '5000']);
    const bits = sampled(['--model', 'ising2d:2x3', '--count', '5000', '--base', '2']);
    expect(bits.units).toBe('bits');
    for (const key of ['empiricalToP', 'empiricalToQ', 'bias', 'exact', 'exactReverse', 'expected'] as const) {
      expectClose(bits.kl[key] as number, (nats.kl[key] as number) / LN2);
    }
  });

  it('--out rows.csv writes a header and the rows sample() draws with the same seed (a seed near 2^64 too)', () => {
    const here = emptyDir();
    const seed = 2n ** 64n - 5n;
    const out = sampled(['--model', 'ising2d:2x3', '--count', String(N), '--policy', 'confidence', '--sizes', '2,2,2', '--seed', String(seed), '--out', join(here, 'rows.csv')]);
    expect(out.seed).toBe(String(seed));
    expect(out.out).toMatchObject({ path: join(here, 'rows.csv'), format: 'csv' });
    const want = sample(ising(), { sizes: [2, 2, 2], policy: 'confidence', count: N, seed }).samples;
    expect(readCsv(join(here, 'rows.csv'), 6)).toEqual(want);
    expect(out.out?.bytes).toBe(readFileSync(join(here, 'rows.csv')).length);
  });

  it('--out rows.bin writes one byte per symbol, row-major: the rows of sample(); table conditionals give the same rows', () => {
    const here = emptyDir();
    const args = ['--model', 'ising2d:2x3', '--count', String(N), '--schedule', 'cosine', '-K', '4', '--seed', '7'];
    const lattice = sampled([...args, '--out', join(here, 'lattice.bin')]);
    const table = sampled([...args, '--out', join(here, 'table.bin'), '--conditionals', 'table']);
    const want = sample(ising(), { schedule: schedules.cosine, steps: 4, count: N, seed: 7 }).samples as Uint8Array;
    expect(new Uint8Array(readFileSync(join(here, 'lattice.bin')))).toEqual(want);
    expect(new Uint8Array(readFileSync(join(here, 'table.bin')))).toEqual(want);
    expect(lattice.conditionals.source).toBe('lattice');
    expect(table.conditionals.source).toBe('table');
    expect(table.conditionals.cost).toMatch(/^table: sums the table, q\^m \(1 \+ m\) per step with m masked, .* per row \(as --conditionals table asks\)$/);
  });

  it('--out rows.bin for q > 256 writes two bytes per symbol, little-endian', () => {
    const here = emptyDir();
    sampled(['--model', 'uniform:300x2', '--sizes', '1,1', '--count', '500', '--out', join(here, 'rows.bin')]);
    const bytes = readFileSync(join(here, 'rows.bin'));
    const want = sample(models.uniform(300, 2), { sizes: [1, 1], count: 500, seed: 1 }).samples as Uint16Array;
    expect(want).toBeInstanceOf(Uint16Array);
    expect(bytes.length).toBe(2 * want.length);
    expect(Array.from({ length: want.length }, (_, i) => bytes.readUInt16LE(2 * i))).toEqual(Array.from(want));
  });

  it('the table fallback when the lattice does not fit, named with its cost in the report', () => {
    // uniform:2x20: a lattice of 3^20 cells does not fit in 4 GiB; q_mix and the profile are too large as well.
    const run = cli(['sample', '--model', 'uniform:2x20', '--sizes', '17,1,1,1', '--count', '3']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/conditionals +table: sums the table, q\^m \(1 \+ m\) per step with m masked,/);
    expect(run.stdout).toMatch(/\(the lattice of \(q\+1\)\^n = 3486784401 cells does not fit\)/);
    const rows = tableAfter(run.stdout, 'KL divergences');
    expect(rows.find((r) => r[1] === 'KL(p‖q_mix)')?.slice(2, 4)).toEqual(['too', 'large']);
    expect(rows.find((r) => r[1] === 'E_S')?.slice(3, 5)).toEqual(['too', 'large']);
  });

  it('the threshold policy has no sizes; --temperature T is in the exact law q too', () => {
    const threshold = sampled(['--model', 'copies:2x4', '--policy', 'threshold', '--threshold', '0.9', '--count', '5000']);
    expect(threshold).toMatchObject({ policy: 'threshold', threshold: 0.9, sizes: null, K: null, schedule: null, expectedMissing: 'no sizes' });
    expect(threshold.kl.expected).toBeNull();
    const p = models.copies(2, 4);
    expectClose(threshold.kl.exact as number, kl(p, samplerDistribution(p, { policy: 'threshold', threshold: 0.9 })));
    const inline = sampled(['--model', 'copies:2x4', '--policy', 'threshold=0.9', '--count', '5000']);
    expect(inline.kl.empiricalToP).toBe(threshold.kl.empiricalToP);
    const hot = sampled(['--model', 'ising2d:2x3', '--temperature', '2', '--count', String(N)]);
    expect(hot).toMatchObject({ temperature: 2, missing: null });
    const ising2x3 = ising();
    expectClose(hot.kl.exact as number, kl(ising2x3, samplerDistribution(ising2x3, { sizes: schedules.cosine(6, 4), temperature: 2 })));
    expect(hot.kl.empiricalToQ as number).toBeLessThan(3 * (hot.kl.bias as number));
    expectClose(hot.kl.expected as number, expectedKL(ising2x3.profile(), schedules.cosine(6, 4)).total);
  });

  it('rows outside the support of p make KL(p̂‖p) infinite: "Infinity" in JSON, ∞ in the report', () => {
    // parity:2x4 with one step of 4 draws every bit independently: half the rows break the parity.
    const out = sampled(['--model', 'parity:2x4', '--sizes', '4', '--count', '4000']);
    expect(out.kl.empiricalToP).toBe('Infinity');
    expect(out.outsideSupport).toBeGreaterThan(1500);
    expectClose(out.kl.exact as number, LN2); // TC of parity:2x4
    const run = cli(['sample', '--model', 'parity:2x4', '--sizes', '4', '--count', '4000']);
    expect(run.stdout).toMatch(/KL\(p̂‖p\) +∞/);
    expect(run.stdout).toMatch(/∞ +\d+ rows \([\d.]+%\) have p\(x\) = 0/);
  });

  it('a progress bar on stderr only when it is a terminal and sampling lasts over a second; stdout stays clean', () => {
    const args = ['sample', '--model', 'ising2d:3x4', '--count', '1500000', '--json'];
    const plain = cli(args);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    expect(() => JSON.parse(plain.stdout)).not.toThrow();
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (script.status !== 0) return; // no util-linux script(1) to give the CLI a terminal
    const here = emptyDir();
    const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ') + ` > '${join(here, 'out.json')}'`;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', cwd: here });
    expect(tty.status).toBe(0);
    const out = JSON.parse(readFileSync(join(here, 'out.json'), 'utf8')) as SampleOutput;
    const bar = /\rsampling \[[#-]{30}\] +\d+%  \d+\/1500000 rows/;
    if (out.timingMs.sample > 1300) expect(tty.stdout).toMatch(bar);
    if (out.timingMs.sample < 1000) expect(tty.stdout).not.toMatch(bar);
    if (bar.test(tty.stdout)) expect(tty.stdout.endsWith('\r\x1b[K')).toBe(true);
  });

  it('--help lists the command and its options', () => {
    const run = cli(['--help']);
    for (const word of ['unmasking sample', '--schedule', '--sizes', '--threshold', '--temperature', '--count', '--seed', '--out', '--conditionals', 'q^m (1 + m)']) {
      expect(run.stdout).toContain(word);
    }
  });

  const bad: [string, string[], RegExp][] = [
    ['--count 0', ['--count', '0'], /^--count must be an integer >= 1 .*received "0"$/],
    ['--count 2.5', ['--count', '2.5'], /^--count must be an integer >= 1 .*received "2\.5"$/],
    ['--seed -1', ['--seed', '-1'], /^--seed must be an integer in \[0, 2\^64\); received "-1"$/],
    ['--seed 2^64', ['--seed', '18446744073709551616'], /^--seed must be an integer in \[0, 2\^64\); received "18446744073709551616"$/],
    ['--out x.txt', ['--out', 'x.txt'], /^--out must name a \.bin file \(raw symbols\) or a \.csv file; received "x\.txt"$/],
    ['an unknown policy', ['--policy', 'greedy'], /^--policy: unknown policy "greedy"; known: random, confidence, margin, entropy, threshold/],
    ['--policy threshold without --threshold', ['--policy', 'threshold'], /^--policy threshold needs --threshold T/],
    ['--threshold without --policy threshold', ['--threshold', '0.5'], /^--threshold applies only to --policy threshold$/],
    ['-K with --policy threshold', ['--policy', 'threshold=0.5', '-K', '2'], /^option -K does not apply to --policy threshold/],
    ['--sizes with -K', ['--sizes', '3,3', '-K', '2'], /^give --sizes or --schedule and -K, not both$/],
    ['--sizes not summing to n', ['--sizes', '2,2'], /^--sizes must sum to n = 6 .*received 2,2 \(sum 4\)$/],
    ['--sizes with a zero', ['--sizes', '6,0'], /^--sizes must be integers >= 1/],
    ['an unknown schedule', ['--schedule', 'fast'], /^--schedule: unknown schedule "fast"; known: constant, .*, optimal$/],
    ['-K beyond n', ['-K', '7'], /^-K must be an integer from 1 to n = 6 /],
    ['--temperature 0', ['--temperature', '0'], /^--temperature must be a number > 0 .*received "0"$/],
    ['--conditionals fast', ['--conditionals', 'fast'], /^--conditionals must be auto, lattice or table; received "fast"$/],
    ['--report for sample', ['--report', 'r.html'], /^option --report belongs to the schedules command;/],
    ['--out in a missing directory', ['--out', join(tmpdir(), 'no-such-dir-unmasking', 'x.csv')], /^cannot write the samples ".*x\.csv": no such directory$/],
  ];

  it.each(bad)('bad input, %s: exit 2 and one line naming the option', (_name, args, message) => {
    const run = cli(['sample', '--model', 'ising2d:2x3', ...(args.includes('--count') ? [] : ['--count', '100']), ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.slice(0, -1).split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith('unmasking: ')).toBe(true);
    expect(lines[0].slice('unmasking: '.length)).toMatch(message);
  });

  it('bad input, --conditionals lattice when the lattice does not fit, and sample options given to measures', () => {
    const lattice = cli(['sample', '--model', 'uniform:2x20', '--conditionals', 'lattice', '--count', '1']);
    expect(lattice.code).toBe(2);
    expect(lattice.stderr).toMatch(/^unmasking: --conditionals lattice: the mask lattice of \(q\+1\)\^n = 3\^20 = 3486784401 cells needs \d+ bytes .*\n$/);
    const measures = cli(['measures', '--count', '5']);
    expect(measures.code).toBe(2);
    expect(measures.stderr).toBe('unmasking: option --count belongs to the sample command; see unmasking --help\n');
    const steps = cli(['measures', '-K', '2']);
    expect(steps.stderr).toBe('unmasking: option -K belongs to the schedules command and the sample command; see unmasking --help\n');
  });
});
