// The mask lattice and the sampler's exact law in a pool (issue 6): bit-identical to the main
// thread with 1, 2 and 4 workers and with workers holding copies of memory (CopyPool, which
// checks what each call says it reads and writes); abort and progress.
import { afterAll, describe, expect, it } from 'vitest';
import { ArgumentTypeError, Joint, createPool, models, sample, samplerDistribution, schedules, type Pool, type SamplerOptions } from '../src/index.js';
import type { CallMemory } from '../src/pool/port.js';
import { withScratch } from '../src/internal/scratch.js';
import { getRuntime } from '../src/wasm/runtime.js';
import { CopyPool } from './support/copyPool.js';

const pools = new Map<string, Pool>([
  ...[1, 2, 4].map((threads): [string, Pool] => [`${threads} threads`, createPool({ threads })]),
  ['copies, 3 workers', new CopyPool(3)],
  ["createPool({ threads: 2, sharing: 'copies' })", createPool({ threads: 2, sharing: 'copies' })],
]);
afterAll(() => Promise.all([...pools.values()].map((pool) => pool.close())));

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const latticeOf = (p: Joint) => getRuntime().arena.f64(p.latticePointer('test'), (p.q + 1) ** p.n).slice();

describe('the mask lattice', () => {
  it('buildLattice(): M[z] is the sum of p over the completions of z (brute force), q=3 n=4 and q=2 n=6', () => {
    for (const [q, n] of [[3, 4], [2, 6]]) {
      const p = models.dirichlet(q, n, { seed: 30 + q });
      const table = p.probabilities();
      p.buildLattice();
      const lattice = latticeOf(p);
      for (let z = 0; z < lattice.length; z++) {
        const digits = Array.from({ length: n }, (_, i) => Math.floor(z / (q + 1) ** (n - 1 - i)) % (q + 1));
        let sum = 0;
        for (let x = 0; x < table.length; x++) {
          if (digits.every((d, i) => d === q || d === Math.floor(x / q ** (n - 1 - i)) % q)) sum += table[x];
        }
        expect(Math.abs(lattice[z] - sum), `q=${q} n=${n} z=${z}`).toBeLessThanOrEqual(1e-15);
      }
    }
  });

  for (const [q, n] of [[2, 10], [3, 6], [26, 3], [5, 1], [2, 13]]) {
    it(`q=${q} n=${n}: buildLattice({ pool }) is the main thread's lattice bit for bit`, async () => {
      const want = latticeOf(models.dirichlet(q, n, { seed: q + n }));
      for (const [name, pool] of pools) {
        const p = models.dirichlet(q, n, { seed: q + n });
        await p.buildLattice({ pool });
        expect(Buffer.compare(bits(latticeOf(p)), bits(want)), name).toBe(0);
        p.dispose();
      }
    });
  }

  it('a call that leaves out what it reads gives a wrong lattice on copies (the check can fail)', async () => {
    class Forgetful extends CopyPool {
      override call(name: string, args: readonly (number | bigint)[], memory?: CallMemory) {
        return super.call(name, args, { reads: memory!.reads.slice(1), writes: memory!.writes });
      }
    }
    const pool = new Forgetful(2);
    const p = models.dirichlet(2, 8, { seed: 3 });
    await p.buildLattice({ pool });
    expect(latticeOf(p)).not.toEqual(latticeOf(models.dirichlet(2, 8, { seed: 3 })));
  });

  it('progress counts cells up to (q+1)^n - q^n; an abort rejects with its reason, keeps no lattice, and the pool still works', async () => {
    const pool = pools.get('2 threads')!;
    const seen: [number, number][] = [];
    const p = models.dirichlet(2, 12, { seed: 4 });
    await p.buildLattice({ pool, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([3 ** 12 - 2 ** 12, 3 ** 12 - 2 ** 12]);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1][0])).toBe(true);

    const controller = new AbortController();
    const reason = new Error('stop here');
    const q = models.dirichlet(2, 12, { seed: 4 });
    let calls = 0;
    const stopped = q.buildLattice({ pool, signal: controller.signal, onProgress: () => ++calls === 3 && controller.abort(reason) });
    await expect(stopped).rejects.toBe(reason);
    expect(calls).toBeLessThan(seen.length);
    const early = new AbortController();
    early.abort();
    await expect(q.buildLattice({ pool, signal: early.signal })).rejects.toBe(early.signal.reason);
    await q.buildLattice({ pool });
    expect(latticeOf(q)).toEqual(latticeOf(p));
  });

  it('bad options reject: a signal that is not an AbortSignal, an onProgress that is not a function, no pool', async () => {
    const pool = pools.get('1 threads')!;
    const p = models.dirichlet(2, 3, { seed: 5 });
    await expect(p.buildLattice({ pool, signal: {} as AbortSignal })).rejects.toThrow(ArgumentTypeError);
    await expect(p.buildLattice({ pool, onProgress: 1 as unknown as () => void })).rejects.toThrow('Joint.buildLattice: options.onProgress must be a function or undefined');
    await expect(p.buildLattice({} as { pool: Pool })).rejects.toThrow('Joint.buildLattice: options.pool must be a Pool from createPool()');
  });

  it('sample({ pool }) builds a missing lattice in the pool', async () => {
    const pool = createPool({ threads: 2 });
    const names: string[] = [];
    const call = pool.call.bind(pool);
    pool.call = (name, args, memory) => (names.push(name), call(name, args, memory));
    const p = models.dirichlet(2, 8, { seed: 6 });
    const got = await sample(p, { sizes: [4, 4], count: 1000, seed: 1, pool });
    expect(names).toContain('latticePass');
    expect(got.conditionals).toBe('lattice');
    expect(got.samples).toEqual(sample(models.dirichlet(2, 8, { seed: 6 }), { sizes: [4, 4], count: 1000, seed: 1 }).samples);
    await pool.close();
  });
});

describe('samplerDistribution in a pool', () => {
  const cases: { name: string; q: number; n: number; options: SamplerOptions }[] = [
    { name: 'random q=2 n=10 [4, 3, 3]', q: 2, n: 10, options: { sizes: [4, 3, 3] } },
    { name: 'random q=2 n=10 [1, 1, 2, 6]', q: 2, n: 10, options: { sizes: [1, 1, 2, 6] } },
    { name: 'random q=2 n=12 [6, 6] (the last level split inside its one block)', q: 2, n: 12, options: { sizes: [6, 6] } },
    { name: 'random q=3 n=6 [2, 2, 2], T = 0.7', q: 3, n: 6, options: { sizes: [2, 2, 2], temperature: 0.7 } },
    { name: 'random q=26 n=3 [1, 2]', q: 26, n: 3, options: { sizes: [1, 2] } },
    { name: 'random q=2 n=9, randomizedGeometric(9, 3)', q: 2, n: 9, options: { sizes: schedules.randomizedGeometric(9, 3) } },
    { name: 'confidence q=2 n=10 [2, 3, 1, 4]', q: 2, n: 10, options: { sizes: [2, 3, 1, 4], policy: 'confidence' } },
    { name: 'entropy q=3 n=5 [2, 3], T = 1.5', q: 3, n: 5, options: { sizes: [2, 3], policy: 'entropy', temperature: 1.5 } },
    { name: 'margin q=2 n=8, randomizedGeometric(8, 2)', q: 2, n: 8, options: { sizes: schedules.randomizedGeometric(8, 2), policy: 'margin' } },
    { name: 'threshold 0.6 q=2 n=10', q: 2, n: 10, options: { policy: 'threshold', threshold: 0.6 } },
  ];
  for (const { name, q, n, options } of cases) {
    it(`${name}: the main thread's table bit for bit`, async () => {
      const want = samplerDistribution(models.dirichlet(q, n, { seed: 40 + n }), options).probabilities();
      for (const [label, pool] of pools) {
        // A fresh joint: its lattice is built by the pool too.
        const p = models.dirichlet(q, n, { seed: 40 + n });
        const got = (await samplerDistribution(p, { ...options, pool })).probabilities();
        expect(Buffer.compare(bits(got), bits(want)), label).toBe(0);
        p.dispose();
      }
    });
  }

  it('samplerRandomSteps over any split of a level into units (blocks with their first digits fixed) gives the same bits', () => {
    const { kernels, arena } = getRuntime();
    for (const [q, n, sizes] of [[2, 8, [3, 5]], [3, 5, [1, 2, 2]], [2, 7, [2, 2, 3]]] as [number, number, number[]][]) {
      const p = models.dirichlet(q, n, { seed: 50 + n });
      const want = samplerDistribution(p, { sizes }).probabilities();
      const lattice = p.latticePointer('test');
      for (const split of [(digits: number) => digits, () => 0, (digits: number) => Math.max(0, digits - 1)]) {
        for (const calls of [1, 2, 5]) {
          const got = withScratch('test', [n, 1 << 16, 1 << 16, q ** n], (_, [levels, shared, lane, out]) => {
            const levelAt = new Int32Array(kernels.memory.buffer, levels, n).fill(0);
            let w = 0;
            for (const s of sizes) [levelAt[w], w] = [s, w + s];
            expect(kernels.samplerRandomSharedBytes(q, n, levels)).toBeLessThan(1 << 19);
            kernels.samplerRandomStart(q, n, levels, shared);
            w = 0;
            for (const s of sizes) {
              for (const next of [1, 0]) for (let branch = q; branch >= 0; branch--) kernels.samplerRandomLevel(lattice, q, n, levels, shared, w, next, branch);
              const digits = split(w + s - 1);
              const units = binomialOf(n, w + s) * q ** digits;
              for (let k = 0; k < calls; k++) {
                const [first, end] = [Math.floor((k * units) / calls), Math.floor(((k + 1) * units) / calls)];
                kernels.samplerRandomSteps(lattice, q, n, levels, 1, shared, lane, w, out, digits, first, end);
              }
              w += s;
            }
            return arena.f64(out, q ** n).slice();
          });
          expect(Buffer.compare(bits(got), bits(want)), `q=${q} n=${n} [${sizes}] ${calls} calls`).toBe(0);
        }
      }
    }
  });

  it('progress ends at the total (multiply-adds for random, runs for adaptive); an abort rejects with its reason and the pool still works', async () => {
    const pool = pools.get('2 threads')!;
    const p = models.dirichlet(2, 12, { seed: 7 });
    const seen: [number, number][] = [];
    const want = await samplerDistribution(p, { sizes: [4, 4, 4], pool, onProgress: (done, total) => seen.push([done, total]) });
    // C(12, 4) 2^4 + C(12, 8) C(8, 4) 2^8 + C(12, 12) C(12, 8) 2^12 multiply-adds.
    const total = 495 * 16 + 495 * 70 * 256 + 495 * 4096;
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1][0])).toBe(true);
    const runs: number[] = [];
    await samplerDistribution(p, { sizes: schedules.randomizedGeometric(12, 3), policy: 'confidence', pool, onProgress: (done) => runs.push(done) });
    expect(runs).toEqual(Array.from({ length: runs.length }, (_, i) => i + 1));

    const controller = new AbortController();
    const reason = new Error('enough');
    const stopped = samplerDistribution(p, { sizes: [4, 4, 4], pool, signal: controller.signal, onProgress: () => controller.abort(reason) });
    await expect(stopped).rejects.toBe(reason);
    const again = await samplerDistribution(p, { sizes: [4, 4, 4], pool });
    expect(again.probabilities()).toEqual(want.probabilities());
  });

  it('bad arguments reject', async () => {
    const pool = pools.get('1 threads')!;
    const p = models.dirichlet(2, 4, { seed: 8 });
    await expect(samplerDistribution(p, { sizes: [5], pool })).rejects.toThrow('samplerDistribution: options.sizes');
    await expect(samplerDistribution(p, { sizes: [4], pool, signal: 'stop' as unknown as AbortSignal })).rejects.toThrow(ArgumentTypeError);
    await expect(samplerDistribution({} as Joint, { sizes: [4], pool })).rejects.toThrow(ArgumentTypeError);
  });
});

function binomialOf(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
