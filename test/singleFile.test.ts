// dist/unmasking.mjs, the single-file build for notebooks, CDNs and <script type="module">: it is
// one self-contained ES module (no import of another file, no .wasm or worker file to fetch),
// minified under a banner naming the package, its version and license, and it computes the same
// exact measures as the package, in a worker pool too (the worker code is inlined).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeWorkerSource, browserWorkerSource } from '../src/pool/workerSource.js';
import { checkBundleText } from './browser/checks.js';

const file = new URL('../dist/unmasking.mjs', import.meta.url);
const source = readFileSync(file, 'utf8');
const { version, license } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const api = (await import(file.href)) as typeof import('../src/index.js');

/** The binary entropy h(f) in nats. */
const binaryEntropy = (f: number) => -f * Math.log(f) - (1 - f) * Math.log(1 - f);

describe('dist/unmasking.mjs', () => {
  it('is one self-contained ES module: no import of other files, no Node built-ins, no .wasm or worker URL', () => {
    const { failures } = checkBundleText(source);
    expect(failures).toEqual([]);
    // In minified form too: `import{a}from"./b.js"`, `import"./c.js"`, `export*from"./d.js"`, import(...).
    expect(source).not.toMatch(/\bimport\s*[{*"'`]|\b(?:import|export)\b[^;]*?\bfrom\s*["'`]/);
    expect(source).not.toMatch(/\bimport\s*\(|\bimport\.meta\b/);
    expect(source).not.toMatch(/new URL\(\s*["'`]\.{0,2}\//); // no file beside it, e.g. a worker script
    expect(source).not.toMatch(/\bimportScripts\b|\bfetch\s*\(/);
  });

  it('is minified under a banner with the version and license', () => {
    expect(source.startsWith(`/*! unmasking ${version} | ${license} License |`)).toBe(true);
    // Minified: well under the readable bundle of the same code (whose line breaks it keeps only
    // inside template literals, such as the pool worker's source).
    expect(source.length).toBeLessThan(0.85 * readFileSync(new URL('../dist/index.js', import.meta.url), 'utf8').length);
  });

  it('computes the closed forms of a Markov chain and the parity', () => {
    const n = 10;
    const f = 0.1;
    const chain = api.models.markovChain(n, { flip: f });
    expect(chain.entropy()).toBeCloseTo(Math.log(2) + (n - 1) * binaryEntropy(f), 12);
    expect(chain.totalCorrelation()).toBeCloseTo((n - 1) * (Math.log(2) - binaryEntropy(f)), 12);
    const parity = api.models.parity(3, 5);
    expect(parity.dualTotalCorrelation()).toBeCloseTo(4 * Math.log(3), 12);
    expect(parity.totalCorrelation({ base: 3 })).toBeCloseTo(1, 12);
  });

  it('throws its own error classes with the library messages', () => {
    expect(() => api.models.parity(1, 3)).toThrow(api.ArgumentRangeError);
    expect(() => api.models.parity(1, 3)).toThrow('models.parity: q must be an integer >= 2; received 1.');
  });

  it("has pool worker code that parses inside a CommonJS wrapper, as Deno's worker_threads evaluates it (notebooks in Deno)", () => {
    for (const code of [nodeWorkerSource, browserWorkerSource]) {
      expect(() => new Function('exports', 'require', 'module', '__filename', '__dirname', code)).not.toThrow();
    }
  });

  it('runs a worker pool from the one file: the parity profile h(j) = j log q, h(n) = (n - 1) log q', async () => {
    const pool = api.createPool({ threads: 2 });
    try {
      const q = 2;
      const n = 12;
      const { h } = await api.models.parity(q, n).profile({ pool });
      const want = Array.from({ length: n + 1 }, (_, j) => (j < n ? j : n - 1) * Math.log(q));
      for (let j = 0; j <= n; j++) expect(Math.abs(h[j] - want[j]), `h(${j})`).toBeLessThanOrEqual(1e-12);
      // Minified with its class names kept, so a message can say what it received.
      expect(() => api.kl(api.models.parity(q, 2), pool as never)).toThrow('kl: r must be a Joint; received Pool.');
    } finally {
      await pool.close();
    }
  });
});
