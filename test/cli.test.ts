// The `unmasking` command, run as users run it: `node dist/cli.js ...` (build first with
// `npm run build`). Expected values are closed forms or brute force computed here, never
// captured output.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

function cli(args: readonly string[], input?: string, nodeOptions: readonly string[] = []): Run {
  const result = spawnSync(process.execPath, [...nodeOptions, CLI, ...args], { encoding: 'utf8', input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI with --json and returns the parsed output, failing on a non-zero exit. */
function json(args: readonly string[], input?: string): Output {
  const run = cli([...args, '--json'], input);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Output;
}

interface Output {
  model: string | null;
  input: string | null;
  description: string;
  q: number;
  n: number;
  base: number;
  units: string;
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
  beforeAll(() => {
    run = cli([]);
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

describe('--help and --version', () => {
  it('--help and -h and help print every command, option, model kind and example, in 80 columns', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['measures', '--help']]) {
      const run = cli(args);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      for (const word of ['measures', 'help', '--version', '--model', '--input', '--base', '--json', '--help']) {
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
  });

  const cases: [string, (f: ReturnType<typeof files>) => string[], RegExp][] = [
    ['an unknown command', () => ['frobnicate'], /unknown command "frobnicate"; commands: measures, help/],
    ['an unknown option', () => ['measures', '--frobnicate'], /unknown option --frobnicate/],
    ['an unknown short option', () => ['-x'], /unknown option -x/],
    ['a missing value at the end', () => ['--model'], /option --model needs a value/],
    ['a missing value before another option', () => ['--model', '--json'], /option --model needs a value/],
    ['a value for a flag', () => ['--json=yes'], /option --json takes no value/],
    ['an option given twice', () => ['--base', '2', '--base', '2'], /--base is given more than once/],
    ['an extra argument', () => ['measures', 'extra'], /unexpected argument "extra"/],
    ['--model with --input', (f) => ['--model', 'uniform:2x2', '--input', f.missing], /--model or --input, not both/],
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
