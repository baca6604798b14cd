// Worker pools (issue 6): the same rows and counts, and the same subset entropies and profiles,
// with 1, 2 and 4 threads as on the main thread, errors from workers, and no worker left holding
// the process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ArgumentRangeError, ArgumentTypeError, createPool, models, sample, type Pool, type SampleOptions } from '../src/index.js';
import { Pool as PoolClass } from '../src/pool/Pool.js';
import type { PortHandlers, WorkerPort } from '../src/pool/port.js';

const pools = new Map<number, Pool>([1, 2, 4].map((threads) => [threads, createPool({ threads })]));
afterAll(() => Promise.all([...pools.values()].map((pool) => pool.close())));

const cases: { name: string; joint: () => ReturnType<typeof models.dirichlet>; options: SampleOptions }[] = [
  { name: 'random, q=2 n=10 [4, 3, 3]', joint: () => models.dirichlet(2, 10, { seed: 1 }), options: { sizes: [4, 3, 3], count: 20000, seed: 7 } },
  { name: 'confidence, q=3 n=6 [2, 2, 2]', joint: () => models.dirichlet(3, 6, { seed: 2 }), options: { sizes: [2, 2, 2], policy: 'confidence', count: 20000, seed: 8n } },
  { name: 'random T = 0.7, table conditionals', joint: () => models.dirichlet(2, 8, { seed: 3 }), options: { sizes: [3, 5], temperature: 0.7, conditionals: 'table', count: 5000, seed: 9 } },
  { name: 'threshold 0.6, q=2 n=7, 3 rows', joint: () => models.dirichlet(2, 7, { seed: 4 }), options: { policy: 'threshold', threshold: 0.6, count: 3, seed: 10 } },
];

describe('sample() in a pool', () => {
  for (const { name, joint, options } of cases) {
    it(`${name}: bit-identical rows and counts with 1, 2 and 4 threads`, async () => {
      const p = joint();
      const alone = sample(p, { ...options, output: 'both' });
      for (const [threads, pool] of pools) {
        const shared = await sample(p, { ...options, output: 'both', pool });
        expect(shared.conditionals, `${threads} threads`).toBe(alone.conditionals);
        expect(Buffer.compare(Buffer.from(shared.samples!), Buffer.from(alone.samples!)), `rows, ${threads} threads`).toBe(0);
        expect(Buffer.compare(Buffer.from(shared.counts!.buffer), Buffer.from(alone.counts!.buffer)), `counts, ${threads} threads`).toBe(0);
      }
      p.dispose();
    });
  }

  it('reports progress up to count, and returns only what output asks for', async () => {
    const p = models.dirichlet(2, 6, { seed: 5 });
    const seen: number[] = [];
    const result = await sample(p, { sizes: [3, 3], count: 50000, seed: 1, output: 'counts', pool: pools.get(2)!, onProgress: (done) => seen.push(done) });
    expect(result.samples).toBeUndefined();
    expect(result.counts!.reduce((a, b) => a + b, 0)).toBe(50000);
    expect(seen.at(-1)).toBe(50000);
    expect(seen.every((d, i) => i === 0 || d > seen[i - 1])).toBe(true);
  });

  it('rejects bad arguments (a Promise that rejects), a non-pool and a closed pool', async () => {
    const p = models.dirichlet(2, 4, { seed: 6 });
    const pool = pools.get(1)!;
    await expect(sample(p, { sizes: [4], count: 0, seed: 1, pool })).rejects.toThrow(ArgumentRangeError);
    await expect(sample(p, { sizes: [4], count: 1, seed: 1, pool: {} as Pool })).rejects.toThrow('sample: options.pool must be a Pool from createPool()');
    expect(() => createPool({ threads: 0 })).toThrow(ArgumentRangeError);
    expect(() => createPool({ threads: 1.5 })).toThrow(ArgumentTypeError);
    const closed = createPool({ threads: 1 });
    await closed.close();
    await expect(sample(p, { sizes: [4], count: 1, seed: 1, pool: closed })).rejects.toThrow('unmasking pool: closed');
  });

  it('a kernel that traps in a worker rejects with the kernel and the trap named; the pool still works', async () => {
    const pool = pools.get(2)!;
    await expect(pool.call('plogpSum', [2 ** 32 - 64, 1024])).rejects.toThrow(
      'unmasking pool: plogpSum failed in a worker: RuntimeError: memory access out of bounds',
    );
    const p = models.dirichlet(2, 4, { seed: 7 });
    const again = await sample(p, { sizes: [2, 2], count: 100, seed: 3, pool });
    expect(again.samples).toEqual(sample(p, { sizes: [2, 2], count: 100, seed: 3 }).samples);
  });
});

describe('subset entropies in a pool', () => {
  const tables: { name: string; joint: () => ReturnType<typeof models.dirichlet> }[] = [
    { name: 'q=2 n=12', joint: () => models.dirichlet(2, 12, { seed: 11 }) },
    { name: 'q=3 n=8', joint: () => models.dirichlet(3, 8, { seed: 12 }) },
    { name: 'q=26 n=3', joint: () => models.dirichlet(26, 3, { seed: 13 }) },
    { name: 'q=5 n=1', joint: () => models.dirichlet(5, 1, { seed: 14 }) },
  ];
  const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

  for (const { name, joint } of tables) {
    it(`${name}: subsetEntropies({ pool }) and profile({ pool }) bit-identical to the main thread with 1, 2 and 4 threads`, async () => {
      const alone = joint();
      const want = alone.subsetEntropies();
      const wantProfile = alone.profile({ base: 2 });
      for (const [threads, pool] of pools) {
        // A fresh joint each time: nothing cached, every branch computed by the workers.
        const p = joint();
        const got = await p.subsetEntropies({ pool });
        expect(got, `${threads} threads`).toEqual(want);
        expect(Buffer.compare(bits(got), bits(want)), `bits, ${threads} threads`).toBe(0);
        expect(p.subsetEntropies(), 'then cached').toEqual(want);
        const q = joint();
        const profile = await q.profile({ pool, base: 2 });
        expect(Buffer.compare(bits(profile.h), bits(wantProfile.h)), `profile h, ${threads} threads`).toBe(0);
        expect(Buffer.compare(bits(profile.D), bits(wantProfile.D)), `profile D, ${threads} threads`).toBe(0);
        p.dispose();
        q.dispose();
      }
      alone.dispose();
    });
  }

  it('base, the cache, a joint with its lattice built, and bad arguments', async () => {
    const pool = pools.get(2)!;
    const p = models.dirichlet(3, 5, { seed: 15 });
    const inBits = p.subsetEntropies({ base: 2 });
    expect(await p.subsetEntropies({ pool, base: 2 })).toEqual(inBits);
    const lattice = models.dirichlet(3, 5, { seed: 15 });
    sample(lattice, { sizes: [5], count: 1, seed: 1 }); // builds the mask lattice
    expect(await lattice.subsetEntropies({ pool })).toEqual(lattice.subsetEntropies());
    await expect(p.subsetEntropies({ pool, base: 1 })).rejects.toThrow(ArgumentRangeError);
    await expect(p.profile({ pool: {} as Pool })).rejects.toThrow('Joint.profile: options.pool must be a Pool from createPool()');
    const closed = createPool({ threads: 1 });
    await closed.close();
    await expect(models.dirichlet(2, 4, { seed: 16 }).subsetEntropies({ pool: closed })).rejects.toThrow('unmasking pool: closed');
  });
});

describe('Pool', () => {
  /** Workers that die on their first call, then answer 42. */
  function fakeSpawner(): { spawned: () => number; spawn: (h: PortHandlers) => WorkerPort } {
    let spawned = 0;
    return {
      spawned: () => spawned,
      spawn: (handlers) => {
        const dies = spawned++ === 0;
        return {
          post: () => queueMicrotask(() => (dies ? handlers.fail('exited with code 1') : handlers.reply({ result: 42 }))),
          keepAlive: () => {},
          terminate: async () => {},
          interruptible: true,
        };
      },
    };
  }

  it('a worker that dies rejects its call clearly and is replaced', async () => {
    const { spawn, spawned } = fakeSpawner();
    const pool = new PoolClass(1, spawn);
    await expect(pool.call('sampleRows', [])).rejects.toThrow('unmasking pool: a worker died running sampleRows (exited with code 1); it was replaced');
    expect(spawned()).toBe(2);
    await expect(pool.call('sampleRows', [])).resolves.toBe(42);
    await pool.close();
  });
});

describe('a Node process with a pool', () => {
  const bundle = new URL('../dist/index.js', import.meta.url).href;
  const run = (close: boolean) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createPool, models, sample } from ${JSON.stringify(bundle)};
const pool = createPool({ threads: 2 });
const { samples } = await sample(models.dirichlet(2, 8, { seed: 1 }), { sizes: [4, 4], count: 10000, seed: 2, pool });
${close ? 'await pool.close();' : ''}
console.log(samples.length);`,
      ],
      { encoding: 'utf8', timeout: 10_000, cwd: fileURLToPath(new URL('..', import.meta.url)) },
    );

  for (const close of [true, false]) {
    it(`exits on its own after sampling${close ? ' and pool.close()' : ', idle workers left open'}`, () => {
      const started = performance.now();
      const child = run(close);
      expect(child.error, 'killed after 10 s').toBeUndefined();
      expect(child.stderr).toBe('');
      expect(child.stdout).toBe('80000\n');
      expect(child.status).toBe(0);
      expect(performance.now() - started).toBeLessThan(5000);
    });
  }
});
