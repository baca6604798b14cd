// The notebook examples run as written, offline, against dist/unmasking.mjs: the code cells of
// examples/notebook/unmasking.ipynb (Jupyter, JavaScript kernel) as one Node module, and the cells
// of examples/notebook/observable.md through a small Observable-style runner (cells in order,
// Promises awaited, `viewof` inputs at their default). The CDN cell runs too, its URL mapped to
// the local file. Printed and returned values are checked against closed forms and brute force.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entropyOf, marginal } from './support/bruteForce.js';

const single = new URL('../dist/unmasking.mjs', import.meta.url).href;
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const CDN = `https://cdn.jsdelivr.net/npm/unmasking@${version}/dist/unmasking.mjs`;
const TOLERANCE = 1e-12;

/** Binary entropy in bits. */
const h2 = (f: number) => -(f * Math.log2(f) + (1 - f) * Math.log2(1 - f));

/** The flip chain's table by its definition: p(x) = 1/2 prod_i (x_i = x_{i+1} ? 1 - f : f). */
function chainTable(n: number, f: number): Float64Array {
  const p = new Float64Array(2 ** n);
  for (let idx = 0; idx < p.length; idx++) {
    let v = 0.5;
    for (let i = 0; i + 1 < n; i++) v *= ((idx >> (n - 1 - i)) & 1) === ((idx >> (n - 2 - i)) & 1) ? 1 - f : f;
    p[idx] = v;
  }
  return p;
}

/** By brute force over every subset, in bits: h(j) = mean_{|A|=j} H(X_A), H, and DTC. */
function bruteProfile(p: Float64Array, n: number): { h: number[]; H: number; DTC: number } {
  const sums = new Array<number>(n + 1).fill(0);
  const counts = new Array<number>(n + 1).fill(0);
  const H = new Map<number, number>();
  for (let mask = 0; mask < 2 ** n; mask++) {
    const positions = Array.from({ length: n }, (_, i) => i).filter((i) => (mask >> i) & 1);
    const value = entropyOf(marginal(p, 2, n, positions).values()) / Math.LN2;
    H.set(mask, value);
    sums[positions.length] += value;
    counts[positions.length]++;
  }
  const all = 2 ** n - 1;
  let leaveOneOut = 0;
  for (let i = 0; i < n; i++) leaveOneOut += H.get(all ^ (1 << i))!;
  return { h: sums.map((s, j) => s / counts[j]), H: H.get(all)!, DTC: leaveOneOut - (n - 1) * H.get(all)! };
}

/** E_S KL of step sizes from a profile h: sum_k [s_k D(w_{k-1}) - (h(w_k) - h(w_{k-1}))]. */
function expectedKLFrom(h: number[], sizes: number[]): number {
  let total = 0;
  let w = 0;
  for (const s of sizes) {
    total += s * (h[w + 1] - h[w]) - (h[w + s] - h[w]);
    w += s;
  }
  return total;
}

/** Every way to write n as K positive sizes. */
function compositions(n: number, K: number): number[][] {
  if (K === 1) return [[n]];
  const out: number[][] = [];
  for (let first = 1; first <= n - K + 1; first++) for (const rest of compositions(n - first, K - 1)) out.push([first, ...rest]);
  return out;
}

/** The parity's profile in bits: h(j) = j for j < m, h(m) = m - 1. */
function expectParityProfile(h: number[], m: number): void {
  expect(h.length).toBe(m + 1);
  h.forEach((value, j) => expect(Math.abs(value - (j < m ? j : m - 1)), `parity h(${j})`).toBeLessThanOrEqual(TOLERANCE));
}

const n = 8;
const flip = 0.1;
const brute = bruteProfile(chainTable(n, flip), n);

/** The chain's schedule values as the notebooks report them, against brute force for K steps. */
function expectSchedules(K: number, sizes: number[], optimal: number, constant: number | undefined): void {
  const least = Math.min(...compositions(n, K).map((s) => expectedKLFrom(brute.h, s)));
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
  expect(sizes.length).toBe(K);
  expect(Math.abs(expectedKLFrom(brute.h, sizes) - least), `K=${K}: the sizes reach the least expected KL`).toBeLessThanOrEqual(TOLERANCE);
  expect(Math.abs(optimal - least), `K=${K} optimum`).toBeLessThanOrEqual(TOLERANCE);
  if (constant !== undefined) {
    // LLaDA's rule: floor(n/K) each, the first n mod K steps one more.
    const sizesConstant = Array.from({ length: K }, (_, k) => Math.floor(n / K) + (k < n % K ? 1 : 0));
    expect(Math.abs(constant - expectedKLFrom(brute.h, sizesConstant)), `K=${K} constant`).toBeLessThanOrEqual(TOLERANCE);
  }
}

describe('examples/notebook/unmasking.ipynb', () => {
  const notebook = JSON.parse(readFileSync(new URL('../examples/notebook/unmasking.ipynb', import.meta.url), 'utf8'));
  const folder = mkdtempSync(join(tmpdir(), 'unmasking-notebook-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is a notebook of JavaScript code cells that loads the single-file build', () => {
    expect(notebook.nbformat).toBe(4);
    const code = notebook.cells.filter((c: { cell_type: string }) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThanOrEqual(4);
    expect(code[0].source.join('')).toContain("await import('../../dist/unmasking.mjs')");
    expect(code[0].source.join('')).toContain(CDN);
  });

  it('runs its code cells in order and prints the closed forms and brute-force values', () => {
    const source = notebook.cells
      .filter((c: { cell_type: string }) => c.cell_type === 'code')
      .map((c: { source: string[] }) => c.source.join(''))
      .join('\n\n')
      .replaceAll("'../../dist/unmasking.mjs'", JSON.stringify(single));
    writeFileSync(join(folder, 'notebook.mjs'), source);
    const printed = new Map(
      execFileSync('node', ['notebook.mjs'], { cwd: folder, encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((line) => line.split(' = ') as [string, string]),
    );
    const value = (name: string) => {
      expect(printed.has(name), `printed ${name}`).toBe(true);
      return Number(printed.get(name));
    };
    expect(Math.abs(value('chain.H') - (1 + (n - 1) * h2(flip)))).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(value('chain.TC') - (n - 1) * (1 - h2(flip)))).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(value('chain.DTC') - brute.DTC)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(value('parity.H') - 5)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(value('parity.TC') - 1)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(value('parity.DTC') - 5)).toBeLessThanOrEqual(TOLERANCE);
    const h = printed.get('chain.h')!.split(',').map(Number);
    brute.h.forEach((want, j) => expect(Math.abs(h[j] - want), `h(${j})`).toBeLessThanOrEqual(TOLERANCE));
    for (const K of [2, 3, 4]) {
      expectSchedules(K, printed.get(`optimal.K${K}.sizes`)!.split(',').map(Number), value(`optimal.K${K}.expectedKL`), value(`constant.K${K}.expectedKL`));
    }
    expect(value('profileSvg.length')).toBeGreaterThan(1000);
    expect(value('klSvg.length')).toBeGreaterThan(1000);
    expect(printed.get('pool.sharing')).toBe('shared');
    expectParityProfile(printed.get('pool.h')!.split(',').map(Number), 14);
  });
});

/** One Observable cell: `name = expression`, `viewof name = expression`, a `name = { block }`, or a bare expression. */
interface Cell {
  name: string | undefined;
  expression: string;
}

/** A cell's value as an expression: a block `{ ... return x; }` runs as an async function. */
function cellExpression(expression: string): string {
  return expression.startsWith('{') ? `(async () => ${expression})()` : expression;
}

/** The ```js blocks of the markdown (info string `js` or `js <label>`), as cells. */
function observableCells(markdown: string): { label: string; cell: Cell }[] {
  return [...markdown.matchAll(/```js([^\n]*)\n([\s\S]*?)```/g)].map(([, label, body]) => {
    const match = body.trim().match(/^(?:viewof\s+)?([A-Za-z_$][\w$]*)\s*=(?!=)\s*([\s\S]*)$/);
    return { label: label.trim(), cell: match === null ? { name: undefined, expression: body.trim() } : { name: match[1], expression: match[2] } };
  });
}

/**
 * Compiles cells into one Node module, run in a child process (vitest cannot import() from
 * generated code): in order, as Observable runs them once their inputs settle, each cell sees
 * every earlier named cell and Promises are awaited; `html` makes markup (here a string),
 * inputs give their default value, FileAttachment(name) is the file of that name in dist/ and
 * `invalidation` never resolves.
 * Returns the named cells' values (as JSON) and the string outputs of every cell.
 */
function runObservable(cells: Cell[], folder: string): { named: Record<string, unknown>; strings: string[] } {
  const names = cells.flatMap((c) => (c.name === undefined ? [] : [c.name]));
  const source = [
    'const html = (strings, ...values) => String.raw({ raw: strings }, ...values);',
    'const Inputs = { range: (extent, options) => options.value };',
    `const FileAttachment = (name) => ({ url: async () => new URL(name, ${JSON.stringify(new URL('../dist/', import.meta.url).href)}).href });`,
    'const invalidation = new Promise(() => {});', // the notebook is never re-run here
    'const outputs = [];',
    ...cells.map(({ name, expression }) => {
      const value = cellExpression(expression);
      return name === undefined ? `outputs.push(await (${value}));` : `const ${name} = await (${value}); outputs.push(${name});`;
    }),
    `const named = { ${names.join(', ')} };`,
    'const plain = (key, value) => (ArrayBuffer.isView(value) ? Array.from(value) : value);',
    "console.log(JSON.stringify({ named, strings: outputs.filter((o) => typeof o === 'string') }, plain));",
  ].join('\n');
  writeFileSync(join(folder, 'observable.mjs'), source);
  return JSON.parse(execFileSync('node', ['observable.mjs'], { cwd: folder, encoding: 'utf8' }));
}

describe('examples/notebook/observable.md', () => {
  const cells = observableCells(readFileSync(new URL('../examples/notebook/observable.md', import.meta.url), 'utf8'));
  const local = cells.filter((c) => c.label === '').map((c) => c.cell);
  const cdn = cells.filter((c) => c.label === 'cdn').map((c) => c.cell);
  const folder = mkdtempSync(join(tmpdir(), 'unmasking-observable-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('has the CDN cell for this version, and the attachment cell for a local build', () => {
    expect(cdn).toEqual([{ name: 'unmasking', expression: `import("${CDN}")` }]);
    expect(local[0]).toEqual({ name: 'unmasking', expression: 'import(await FileAttachment("unmasking.mjs").url())' });
  });

  for (const [source, first] of [['attached file', local[0]], ['CDN URL, mapped to the local file', { name: 'unmasking', expression: cdn[0].expression.replace(CDN, single) }]] as const) {
    it(`runs every cell, loading the library from the ${source}`, () => {
      const { named: scope, strings } = runObservable([first, ...local.slice(1)], folder);
      const measures = scope.measures as { H: number; TC: number; DTC: number };
      expect(Math.abs(measures.H - (1 + (n - 1) * h2(flip)))).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(measures.TC - (n - 1) * (1 - h2(flip)))).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(measures.DTC - brute.DTC)).toBeLessThanOrEqual(TOLERANCE);
      expect(scope.K).toBe(3);
      const comparison = scope.comparison as { optimal: number; constant: number };
      expectSchedules(3, (scope.best as { sizes: number[] }).sizes, comparison.optimal, comparison.constant);
      expect(strings.filter((o) => o.startsWith('<svg')).length).toBe(2);
      expectParityProfile((scope.pooledProfile as { h: number[] }).h, 14);
    });
  }
});
