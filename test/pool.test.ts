// Worker pools (issue 6): the same rows and counts, and the same subset entropies and profiles,
// with 1, 2 and 4 threads as on the main thread, on the shared memory and on copies, errors from
// workers, and no worker left holding the process. Free memory is poisoned before each pooled
// run, so a result a worker failed to write (or copy back) cannot pass on leftovers.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ArgumentRangeError, ArgumentTypeError, WorkerUnsupportedError, createPool, models, sample, type Pool, type SampleOptions } from '../src/index.js';
import { nodeSpawner, nodeWorkerThreads } from '../src/pool/nodeWorker.js';
import { Pool as PoolClass } from '../src/pool/Pool.js';
import type { KernelCall, PortHandlers, WorkerPort } from '../src/pool/port.js';
import { MAX_MEMORY_BYTES, PAGE_BYTES } from '../src/wasm/arena.js';
import { getRuntime } from '../src/wasm/runtime.js';
import { poisonFreeMemory } from './support/poison.js';

const pools = new Map<string, Pool>(
  (['shared', 'copies'] as const).flatMap((sharing) => [1, 2, 4].map((threads) => [`${threads} threads, ${sharing}`, createPool({ threads, sharing })] as const)),
);
afterAll(() => Promise.all([...pools.values()].map((pool) => pool.close())));
const pool2 = (sharing: 'shared' | 'copies') => pools.get(`2 threads, ${sharing}`)!;

const cases: { name: string; joint: () => ReturnType<typeof models.dirichlet>; options: SampleOptions }[] = [
  { name: 'random, q=2 n=10 [4, 3, 3]', joint: () => models.dirichlet(2, 10, { seed: 1 }), options: { sizes: [4, 3, 3], count: 20000, seed: 7 } },
  { name: 'confidence, q=3 n=6 [2, 2, 2]', joint: () => models.dirichlet(3, 6, { seed: 2 }), options: { sizes: [2, 2, 2], policy: 'confidence', count: 20000, seed: 8n } },
  { name: 'random T = 0.7, table conditionals', joint: () => models.dirichlet(2, 8, { seed: 3 }), options: { sizes: [3, 5], temperature: 0.7, conditionals: 'table', count: 5000, seed: 9 } },
  { name: 'threshold 0.6, q=2 n=7, 3 rows', joint: () => models.dirichlet(2, 7, { seed: 4 }), options: { policy: 'threshold', threshold: 0.6, count: 3, seed: 10 } },
];

describe('sample() in a pool', () => {
  for (const { name, joint, options } of cases) {
    it(`${name}: bit-identical rows and counts with 1, 2 and 4 threads, shared and copies`, async () => {
      const p = joint();
      const alone = sample(p, { ...options, output: 'both' });
      for (const [threads, pool] of pools) {
        poisonFreeMemory();
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
    const result = await sample(p, { sizes: [3, 3], count: 50000, seed: 1, output: 'counts', pool: pool2('copies'), onProgress: (done) => seen.push(done) });
    expect(result.samples).toBeUndefined();
    expect(result.counts!.reduce((a, b) => a + b, 0)).toBe(50000);
    expect(seen.at(-1)).toBe(50000);
    expect(seen.every((d, i) => i === 0 || d > seen[i - 1])).toBe(true);
  });

  it('rejects bad arguments (a Promise that rejects), a non-pool and a closed pool', async () => {
    const p = models.dirichlet(2, 4, { seed: 6 });
    const pool = pools.get('1 threads, shared')!;
    await expect(sample(p, { sizes: [4], count: 0, seed: 1, pool })).rejects.toThrow(ArgumentRangeError);
    await expect(sample(p, { sizes: [4], count: 1, seed: 1, pool: {} as Pool })).rejects.toThrow('sample: options.pool must be a Pool from createPool()');
    expect(() => createPool({ threads: 0 })).toThrow(ArgumentRangeError);
    expect(() => createPool({ threads: 1.5 })).toThrow(ArgumentTypeError);
    const closed = createPool({ threads: 1 });
    await closed.close();
    await expect(sample(p, { sizes: [4], count: 1, seed: 1, pool: closed })).rejects.toThrow('unmasking pool: closed');
  });

  it('a kernel that traps in a worker rejects with the kernel and the trap named; the pool still works', async () => {
    for (const pool of [pool2('shared'), pool2('copies')]) {
      await expect(pool.call('plogpSum', [2 ** 32 - 64, 1024])).rejects.toThrow(
        'unmasking pool: plogpSum failed in a worker: RuntimeError: memory access out of bounds',
      );
      const p = models.dirichlet(2, 4, { seed: 7 });
      const again = await sample(p, { sizes: [2, 2], count: 100, seed: 3, pool });
      expect(again.samples).toEqual(sample(p, { sizes: [2, 2], count: 100, seed: 3 }).samples);
    }
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
    it(`${name}: subsetEntropies({ pool }) and profile({ pool }) bit-identical to the main thread with 1, 2 and 4 threads, shared and copies`, async () => {
      const alone = joint();
      const want = alone.subsetEntropies();
      const wantProfile = alone.profile({ base: 2 });
      for (const [threads, pool] of pools) {
        // A fresh joint each time: nothing cached, every branch computed by the workers.
        const p = joint();
        poisonFreeMemory();
        const got = await p.subsetEntropies({ pool });
        expect(got, `${threads} threads`).toEqual(want);
        expect(Buffer.compare(bits(got), bits(want)), `bits, ${threads} threads`).toBe(0);
        expect(p.subsetEntropies(), 'then cached').toEqual(want);
        const q = joint();
        poisonFreeMemory();
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
    const pool = pool2('shared');
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

describe('a pool on copies', () => {
  /** A copies pool of Node workers that records, per call, its name and the bytes copied in. */
  function recordingPool(threads: number): { pool: PoolClass; calls: { name: string; copiedIn: number }[] } {
    const spawn = nodeSpawner(nodeWorkerThreads()!, { module: getRuntime().module, maximumPages: MAX_MEMORY_BYTES / PAGE_BYTES });
    const calls: { name: string; copiedIn: number }[] = [];
    const record = (call: KernelCall) => calls.push({ name: call.name, copiedIn: (call.copyIn ?? []).reduce((sum, c) => sum + c.data.byteLength, 0) });
    const pool = new PoolClass(threads, (handlers) => {
      const port = spawn(handlers);
      return { ...port, post: (call, transfer) => (record(call), port.post(call, transfer)) };
    }, 'copies');
    return { pool, calls };
  }

  it('sends the lattice, plan and counts of a job to a worker once, not on every call', async () => {
    const { pool, calls } = recordingPool(1);
    const p = models.dirichlet(3, 6, { seed: 17 });
    p.buildLattice(); // on the main thread, so the first sampleRows call sends it (a pool would build it in its workers)
    const options = { sizes: [2, 2, 2], count: 200000, seed: 4, output: 'both' } as const;
    const got = await sample(p, { ...options, pool });
    expect(Buffer.compare(Buffer.from(got.counts!.buffer), Buffer.from(sample(p, options).counts!.buffer))).toBe(0);
    const latticeBytes = 4 ** 6 * 8;
    const countsBytes = 3 ** 6 * 8;
    expect(calls.length, 'several chunks').toBeGreaterThan(1);
    expect(calls[0].copiedIn, 'first call: lattice, plan, counts').toBeGreaterThan(latticeBytes + countsBytes);
    expect(calls[0].copiedIn).toBeLessThan(latticeBytes + countsBytes + 1024);
    expect(calls.slice(1).map((c) => c.copiedIn), 'later calls: nothing').toEqual(calls.slice(1).map(() => 0));
    await pool.close();
  });

  it('copies a table again when its block was freed and another table took its place', async () => {
    const { pool, calls } = recordingPool(1);
    const first = models.dirichlet(2, 10, { seed: 18 });
    const at = first.pointer;
    await first.subsetEntropies({ pool });
    first.dispose();
    const second = models.dirichlet(2, 10, { seed: 19 });
    expect(second.pointer, 'the same block again').toBe(at);
    const want = models.dirichlet(2, 10, { seed: 19 }).subsetEntropies();
    const before = calls.length;
    expect(await second.subsetEntropies({ pool })).toEqual(want);
    expect(calls[before].copiedIn, 'the new table sent').toBe(2 ** 10 * 8);
    await pool.close();
  });

  it('a call whose ranges lie outside the memory rejects before it is sent; the pool still works', async () => {
    const pool = pool2('copies');
    await expect(pool.call('plogpSum', [0, 1], { reads: [{ at: 2 ** 32 - 64, bytes: 1024 }], writes: [] })).rejects.toThrow(RangeError);
    const p = models.dirichlet(2, 8, { seed: 25 });
    expect(await p.subsetEntropies({ pool })).toEqual(models.dirichlet(2, 8, { seed: 25 }).subsetEntropies());
  });

  it('is what pool.sharing says, and createPool checks options.sharing', async () => {
    expect(pool2('copies').sharing).toBe('copies');
    expect(pool2('shared').sharing).toBe('shared');
    expect(() => createPool({ threads: 1, sharing: 'none' as 'copies' })).toThrow(
      'createPool: options.sharing must be "auto", "shared" or "copies"; received "none".',
    );
    const auto = createPool({ threads: 1 });
    expect(auto.sharing, 'Node can always share').toBe('shared');
    await auto.close();
  });

  it('createPool throws WorkerUnsupportedError where there are neither worker_threads nor Web Workers', () => {
    const host = process as { getBuiltinModule?: unknown };
    const getBuiltinModule = host.getBuiltinModule;
    host.getBuiltinModule = undefined;
    try {
      expect(() => createPool({ threads: 1 })).toThrow(WorkerUnsupportedError);
      expect(() => createPool({ threads: 1 })).toThrow(
        'createPool: worker pools need Node >= 20.16 (worker_threads) or a browser with Web Workers and Blob URLs: this environment has neither',
      );
    } finally {
      host.getBuiltinModule = getBuiltinModule;
    }
  });
});

describe('signal and progress', () => {
  /** A pooled run aborted from its first progress report. */
  async function abortedRun<T>(start: (signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<T>) {
    const controller = new AbortController();
    const seen: number[] = [];
    const outcome = await start(controller.signal, (done) => {
      seen.push(done);
      controller.abort();
    }).then(() => 'resolved', (error: unknown) => error);
    return { outcome, reason: controller.signal.reason as unknown, seen };
  }

  for (const sharing of ['shared', 'copies'] as const) {
    it(`${sharing}: an aborted sample() rejects with signal.reason, starts no new chunk, and the pool works after`, async () => {
      const pool = pool2(sharing);
      const p = models.dirichlet(2, 10, { seed: 20 });
      const count = 2_000_000;
      const { outcome, reason, seen } = await abortedRun((signal, onProgress) =>
        sample(p, { sizes: [5, 5], count, seed: 1, output: 'counts', pool, signal, onProgress }));
      expect(outcome).toBe(reason);
      expect((reason as DOMException).name).toBe('AbortError');
      expect(seen.at(-1)!).toBeLessThan(count / 2);
      const options = { sizes: [5, 5], count: 5000, seed: 2, output: 'both' } as const;
      const again = await sample(p, { ...options, pool });
      expect(Buffer.compare(Buffer.from(again.samples!), Buffer.from(sample(p, options).samples!))).toBe(0);
    });

    it(`${sharing}: an aborted subsetEntropies() rejects with the reason given, caches nothing, and runs again after`, async () => {
      const pool = pool2(sharing);
      const p = models.dirichlet(2, 14, { seed: 21 });
      const stop = new Error('stop');
      const controller = new AbortController();
      const run = p.subsetEntropies({ pool, signal: controller.signal, onProgress: () => controller.abort(stop) });
      await expect(run).rejects.toBe(stop);
      const want = models.dirichlet(2, 14, { seed: 21 }).subsetEntropies();
      expect(await p.subsetEntropies({ pool })).toEqual(want);
    });
  }

  it('progress of subsetEntropies and profile in a pool rises by one piece to n + 1', async () => {
    for (const pool of [pool2('shared'), pool2('copies')]) {
      const seen: [number, number][] = [];
      const p = models.dirichlet(3, 6, { seed: 22 });
      await p.profile({ pool, onProgress: (done, total) => seen.push([done, total]) });
      expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => [i + 1, 7]));
    }
  });

  it('a signal aborted before the call: pooled calls reject and synchronous ones throw its reason, before any work', async () => {
    const reason = new Error('already');
    const signal = AbortSignal.abort(reason);
    const p = models.dirichlet(2, 6, { seed: 23 });
    const pool = pool2('shared');
    await expect(sample(p, { sizes: [3, 3], count: 10, seed: 1, pool, signal })).rejects.toBe(reason);
    await expect(p.subsetEntropies({ pool, signal })).rejects.toBe(reason);
    await expect(p.profile({ pool, signal })).rejects.toBe(reason);
    expect(() => sample(p, { sizes: [3, 3], count: 10, seed: 1, signal })).toThrow(reason);
    expect(() => p.subsetEntropies({ signal })).toThrow(reason);
    expect(() => p.profile({ signal })).toThrow(reason);
    expect(p.subsetEntropies({ signal: new AbortController().signal })).toEqual(p.subsetEntropies());
  });

  it('checks signal and onProgress', async () => {
    const p = models.dirichlet(2, 4, { seed: 24 });
    const pool = pool2('shared');
    expect(() => sample(p, { sizes: [4], count: 1, seed: 1, signal: {} as AbortSignal })).toThrow(
      'sample: options.signal must be an AbortSignal or undefined; received Object.',
    );
    expect(() => p.subsetEntropies({ signal: 'x' as unknown as AbortSignal })).toThrow(ArgumentTypeError);
    await expect(p.subsetEntropies({ pool, onProgress: 1 as unknown as () => void })).rejects.toThrow(
      'Joint.subsetEntropies: options.onProgress must be a function or undefined; received 1.',
    );
  });
});

describe('Pool', () => {
  /** Workers that start, then the first dies on its first call, the others answer 42. */
  function fakeSpawner(): { spawned: () => number; spawn: (h: PortHandlers) => WorkerPort } {
    let spawned = 0;
    return {
      spawned: () => spawned,
      spawn: (handlers) => {
        const dies = spawned++ === 0;
        queueMicrotask(() => handlers.reply({ ready: true }));
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

  it('a worker that dies before it starts makes every call reject, and is not started again', async () => {
    let spawned = 0;
    const pool = new PoolClass(2, (handlers) => {
      spawned++;
      queueMicrotask(() => handlers.fail('error event: blocked by Content-Security-Policy'));
      return { post: () => {}, keepAlive: () => {}, terminate: async () => {}, interruptible: true };
    });
    const message = 'unmasking pool: a worker could not start (error event: blocked by Content-Security-Policy); no call can run';
    const calls = [pool.call('a', []), pool.call('b', []), pool.call('c', [])];
    for (const call of calls) await expect(call).rejects.toThrow(message);
    await expect(pool.call('d', [])).rejects.toThrow(message);
    expect(spawned, 'no worker started again').toBe(2);
    await pool.close();
  });

  /** Workers whose calls return only on finish(); terminate() is recorded. */
  function hangingSpawner(interruptible: boolean) {
    const ports: { terminated: boolean; finish(): void }[] = [];
    const spawn = (handlers: PortHandlers): WorkerPort => {
      const port = { terminated: false, finish: () => handlers.reply({ result: 1 }) };
      ports.push(port);
      return { post: () => {}, keepAlive: () => {}, terminate: async () => void (port.terminated = true), interruptible };
    };
    return { ports, spawn };
  }

  it('an aborted call waiting for a worker is dropped; a running one stops its worker, which is replaced', async () => {
    const { ports, spawn } = hangingSpawner(true);
    const pool = new PoolClass(1, spawn);
    const running = new AbortController();
    const waiting = new AbortController();
    const first = pool.call('first', [], undefined, running.signal);
    const second = pool.call('second', [], undefined, waiting.signal);
    waiting.abort();
    await expect(second).rejects.toBe(waiting.signal.reason);
    expect(ports[0].terminated, 'the running call goes on').toBe(false);
    running.abort();
    await expect(first).rejects.toBe(running.signal.reason);
    expect(ports[0].terminated).toBe(true);
    expect(ports.length, 'replaced').toBe(2);
    const third = pool.call('third', []);
    ports[1].finish();
    await expect(third).resolves.toBe(1);
    await pool.close();
  });

  it('an aborted call on a worker that cannot be stopped safely (browser, shared memory, no Web Locks) rejects when it returns', async () => {
    const { ports, spawn } = hangingSpawner(false);
    const pool = new PoolClass(1, spawn);
    const controller = new AbortController();
    let settled = false;
    const call = pool.call('long', [], undefined, controller.signal).finally(() => (settled = true));
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled, 'still running').toBe(false);
    expect(ports[0].terminated).toBe(false);
    ports[0].finish();
    await expect(call).rejects.toBe(controller.signal.reason);
    await pool.close();
  });
});

describe('a Node process with a pool', () => {
  const bundle = new URL('../dist/index.js', import.meta.url).href;
  const run = (close: boolean, abort = false) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createPool, models, sample } from ${JSON.stringify(bundle)};
const pool = createPool({ threads: 2${abort ? ", sharing: 'copies'" : ''} });
const p = models.dirichlet(2, 8, { seed: 1 });
${abort ? `const controller = new AbortController();
await sample(p, { sizes: [4, 4], count: 1e6, seed: 3, pool, signal: controller.signal, onProgress: () => controller.abort() }).catch((e) => console.log(e.name));` : ''}
const { samples } = await sample(p, { sizes: [4, 4], count: 10000, seed: 2, pool });
${close ? 'await pool.close();' : ''}
console.log(samples.length);`,
      ],
      { encoding: 'utf8', timeout: 10_000, cwd: fileURLToPath(new URL('..', import.meta.url)) },
    );

  it('exits on its own after an aborted run on copies (its workers replaced), idle workers left open', () => {
    const child = run(false, true);
    expect(child.error, 'killed after 10 s').toBeUndefined();
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('AbortError\n80000\n');
    expect(child.status).toBe(0);
  });

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
