#!/usr/bin/env node
// The worker-pool benchmark of issue 6, item 7: wall time of the heavy calls on the main thread,
// in a pool of 1 worker and in a pool of 2 workers (createPool({ threads })), on Dirichlet(1)
// tables (models.dirichlet, seed 1):
//   subsets   p.subsetEntropies() / await p.subsetEntropies({ pool }) at q=2 n=20 and q=26 n=5
//             (5 calls a round; a fresh copy of the table for every call, made untimed: results
//             are cached on a Joint);
//   sample    sample(p, { sizes: [4, 4, 4, 4], count: 1e6, seed: 1, output: 'counts' (, pool) })
//             at q=2 n=16, random policy (lattice built before timing);
//   lattice   p.buildLattice() / await p.buildLattice({ pool }) at q=2 n=16 and n=17 (a fresh
//             copy of the table each call; checked through the subset entropies read from it);
//   law       samplerDistribution(p, { sizes (, pool) }), random policy, at q=2 n=14 [4, 4, 3, 3]
//             and q=2 n=16 [4, 4, 4, 4] (lattice built before timing).
// Rounds alternate main, 1 worker, 2 workers, so a change in the machine's load hits all three;
// each round's speed-up is pool(1) / pool(2) of that round. Its ceiling: two independent 1-worker
// runs at once (two pools, two copies), 2 x pool(1) / their wall time. CPU time is process.cpuUsage()
// (every thread of the process) over the wall time: about 1 when one core works, 2 when both do.
// Before timing, each pool's result is checked bit for bit against the main thread's.
//
//   node bench/threads.mjs            3 rounds; writes section `threads` of bench/RESULTS.md
//   node bench/threads.mjs --quick    q=2 n=16, q=26 n=4, 1e5 rows, lattice n=14, law n=12, 2 rounds (a smoke test)
//   options: --rounds N   --out FILE (markdown: section `threads`)   --json FILE (raw results)
//            --only GROUPS (comma-separated: subsets, sample, lattice, law; default all)
//            --keep FILE (a --json file of an earlier run: its workloads not run now are kept, marked with their date)
//            --from-json FILE (no run: the section again from a --json file, e.g. after editing the text)
// A quick run writes a file only when --out / --json say so. `npm run bench:threads` builds first.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, parseArgs, positiveIntegerOption, usageOf } from './cli.mjs';
import { dateNow, loadAverage, machine, machineTable } from './machine.mjs';
import { table, writeSection } from './results-file.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const { Joint, createPool, models, sample, samplerDistribution } = await import('../dist/index.js');

/** The issue's target for 1 -> 2 threads. */
const TARGET = 1.8;
const SEED = 1;
const FULL = {
  subsets: [[2, 20, 1], [26, 5, 5]], sample: { q: 2, n: 16, sizes: [4, 4, 4, 4], count: 1e6 },
  lattice: [[2, 16, 3], [2, 17, 1]], law: [[2, 14, [4, 4, 3, 3], 1], [2, 16, [4, 4, 4, 4], 1]], rounds: 3,
};
const QUICK = {
  subsets: [[2, 16, 1], [26, 4, 5]], sample: { q: 2, n: 16, sizes: [4, 4, 4, 4], count: 1e5 },
  lattice: [[2, 14, 3]], law: [[2, 12, [4, 4, 4], 1]], rounds: 2,
};

const usage = usageOf(import.meta.url);
const OPTIONS = {
  defaults: { out: null, json: null, rounds: null, fromJson: null, only: null, keep: null },
  values: {
    '--out': ['out', resolve], '--json': ['json', resolve], '--rounds': ['rounds', positiveIntegerOption(usage, '--rounds')], '--from-json': ['fromJson', resolve],
    '--only': ['only', (text) => text.split(',')], '--keep': ['keep', resolve],
  },
};

// ---- timing -------------------------------------------------------------------------------

/** Runs `work` (sync or async) once: wall seconds and CPU seconds of the whole process. */
async function timed(work) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1e6, result };
}

const sameBits = (a, b) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;

/**
 * The three ways to run a workload. `setup()` (not timed) returns `{ call(pool | null), done() }`;
 * the call returns a typed array to compare. A round times `repeat` calls of each way.
 */
async function measure(name, setup, rounds, pools, repeat = 1) {
  const configs = [['main', null], ['1 worker', pools[1]], ['2 workers', pools[2]]];
  const once = async (pool) => {
    const { call, done, check } = setup();
    try {
      const t = await timed(() => call(pool));
      return check === undefined ? t : { ...t, result: check() };
    } finally {
      done();
    }
  };
  // Warm-up and check: the pools' results bit for bit the main thread's.
  const reference = (await once(null)).result;
  for (const [label, pool] of configs.slice(1)) {
    if (!sameBits((await once(pool)).result, reference)) throw new Error(`${name}: ${label} differs from the main thread`);
  }
  // Two independent 1-worker runs at once (pools[1] and pools.other, each on its own copy): what
  // the two cores give when no work is shared at all, the ceiling of a split.
  const pair = async () => {
    const a = setup();
    const b = setup();
    try {
      return await timed(() => Promise.all([a.call(pools[1]), b.call(pools.other)]));
    } finally {
      a.done();
      b.done();
    }
  };
  const times = Object.fromEntries([...configs.map(([label]) => label), 'pair'].map((label) => [label, []]));
  const loads = [];
  for (let round = 0; round < rounds; round++) {
    loads.push(Number(loadAverage()));
    for (const [label, pool] of [...configs, ['pair', null]]) {
      let wall = 0;
      let cpu = 0;
      for (let i = 0; i < repeat; i++) {
        const t = label === 'pair' ? await pair() : await once(pool);
        wall += t.wall;
        cpu += t.cpu;
      }
      times[label].push({ wall: wall / repeat, cpu: cpu / repeat });
      console.error(`  ${name}, round ${round + 1}, ${label}: ${(wall / repeat).toFixed(3)} s wall per call, ${(cpu / wall).toFixed(2)} CPU/wall (load ${loadAverage()})`);
    }
  }
  const speedups = times['1 worker'].map((one, i) => one.wall / times['2 workers'][i].wall);
  const fromMain = times.main.map((one, i) => one.wall / times['2 workers'][i].wall);
  const ceiling = times['1 worker'].map((one, i) => (2 * one.wall) / times.pair[i].wall);
  return { name, repeat, times, speedups, fromMain, ceiling, loads };
}

/** subsetEntropies of a fresh copy of the table (nothing cached); only the call is timed. */
function subsetsWorkload(q, n) {
  const source = models.dirichlet(q, n, { seed: SEED });
  const table = source.probabilities();
  source.dispose();
  return () => {
    const p = Joint.fromProbabilities(q, n, table);
    return { call: (pool) => (pool === null ? p.subsetEntropies() : p.subsetEntropies({ pool })), done: () => p.dispose() };
  };
}

function sampleWorkload({ q, n, sizes, count }) {
  const p = models.dirichlet(q, n, { seed: SEED });
  sample(p, { sizes, count: 1, seed: SEED }); // builds the lattice once
  const options = { sizes, count, seed: SEED, output: 'counts' };
  return () => ({
    call: async (pool) => (pool === null ? sample(p, options) : await sample(p, { ...options, pool })).counts,
    done: () => {},
  });
}

/** buildLattice of a fresh copy of the table; checked through the subset entropies read from the lattice (untimed). */
function latticeWorkload(q, n) {
  const source = models.dirichlet(q, n, { seed: SEED });
  const table = source.probabilities();
  source.dispose();
  return () => {
    const p = Joint.fromProbabilities(q, n, table);
    return {
      call: async (pool) => (pool === null ? p.buildLattice() : await p.buildLattice({ pool })),
      check: () => p.subsetEntropies(),
      done: () => p.dispose(),
    };
  };
}

/** samplerDistribution, random policy, of a joint whose lattice is built once beforehand. */
function lawWorkload(q, n, sizes) {
  const p = models.dirichlet(q, n, { seed: SEED });
  p.buildLattice();
  return () => {
    let out;
    return {
      call: async (pool) => {
        out = pool === null ? samplerDistribution(p, { sizes }) : await samplerDistribution(p, { sizes, pool });
        return out.probabilities();
      },
      done: () => out?.dispose(),
    };
  };
}

// ---- report -------------------------------------------------------------------------------

const fmt = (x, digits = 3) => Number(x.toPrecision(digits)).toString();
const range = (xs, digits = 3) => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi || fmt(lo, digits) === fmt(hi, digits) ? fmt(lo, digits) : `${fmt(lo, digits)}–${fmt(hi, digits)}`;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function report({ info, results, rounds, command, date }) {
  const rows = results.map((r) => {
    const wall = (label) => range(r.times[label].map((t) => t.wall));
    const ratio = (label) => range(r.times[label].map((t) => t.cpu / t.wall), 2);
    const best = Math.max(...r.speedups);
    const kept = r.date === undefined ? '' : ` (run of ${r.date}, commit ${r.commit}, load ${r.loadBefore} before)`;
    return [`${r.name}${kept}`, wall('main'), wall('1 worker'), wall('2 workers'), ratio('1 worker'), ratio('2 workers'),
      `${range(r.speedups)} (median ${fmt(median(r.speedups))})`, range(r.fromMain), range(r.ceiling), r.loads ? range(r.loads, 2) : '',
      best >= TARGET ? (Math.min(...r.speedups) >= TARGET ? 'met' : 'met in some rounds') : '**missed**'];
  });
  // The load after includes this run's own two workers; the load before is other work.
  const before = Number(info.loadBefore);
  const spread = Math.max(...results.flatMap((r) => Object.values(r.times).map((ts) => Math.max(...ts.map((t) => t.wall)) / Math.min(...ts.map((t) => t.wall)))));
  return `## Worker threads: 1 vs 2 workers (issue 6, item 7)

Generated by \`bench/threads.mjs\`; re-running it rewrites this section.

### Machine and run

${machineTable(info, { date, command })}

### Wall time, main thread vs a pool of 1 and of 2 workers

${rounds} rounds, each running main, 1 worker, 2 workers in turn (${results.filter((r) => r.repeat > 1).map((r) => `${r.name.replace(/^subset entropies, /, '')}: ${r.repeat} calls each, the mean per call`).join('; ') || 'one call each'}; only the call is
timed, not copying the table into a fresh Joint); ranges over the rounds. Speed-up 1 → 2:
pool(1 worker) / pool(2 workers) wall time of the same round (target ≥ ${TARGET}×); main → 2: the main
thread's wall time over the 2-worker pool's. CPU/wall: CPU seconds of the whole process (all
threads) per wall second. Ceiling: 2 × the 1-worker time over the wall time of two independent
1-worker runs at once (two pools, two copies of the table, nothing shared), what the two cores
give this workload when there is nothing to split, in the same round. Load: the 1-minute load
average at the start of each round (other work on the machine included). Every pool result was
checked bit for bit against the main thread's.

${table(['workload', 'main (s)', '1 worker (s)', '2 workers (s)', 'CPU/wall, 1 worker', 'CPU/wall, 2 workers', 'speed-up 1 → 2', 'main → 2', 'ceiling', 'load (1 min)', `≥ ${TARGET}×`], rows)}

### How it is split

* **Subset entropies**: the depth-first marginalisation's top-level branches (branch k: the 2^k masks
  whose highest missing position is k) and H(X) as separate kernel calls, largest first, each taken by
  whichever worker is free, each worker with its own scratch (src/pool/subsetEntropiesInPool.ts).
  At q=2 the largest branch is about a third of the work and the others shrink by 2/3 each, so two
  workers end within milliseconds of each other; at q=26 n=5 there are only six calls of comparable
  size (timed alone: H(X) about 29%, the branches 12–19% each), so their sizes bound the balance.
  CPU/wall near 2 with 2 workers means neither sat idle: what is left below 2× is each core running
  slower while the other works too, which the ceiling column measures without any split.
* **Main vs 1 worker**: the same kernel code, one call each way; their difference here is the
  machine's noise (a check of 8 alternating calls at q=26 n=5 gave 160–290 ms either way).
* **Sampling**: fixed chunks of rows per call, row r from stream r of the seed (src/sampling/sampleInPool.ts).
* **Lattice**: each pass (position i = n-1, ..., 0) split into ranges of its q^i (q+1)^(n-1-i) cells,
  at most 4 calls per worker and at least 2^16 cells per call; a pass starts when the previous one has
  ended (src/pool/latticeInPool.ts). The work streams memory (q reads and a write per cell), so two
  cores share one memory bus; main vs 1 worker also shows the calls' messages (16 passes).
* **samplerDistribution, random**: level after level, each level's child blocks split into ranges, one
  call per range; each call recomputes the conditionals of every parent with a child in its range (at
  most ~10% of a level's work in all); a level with fewer blocks than calls (the last: one block, all
  positions) is split by the values of its blocks' first digits (src/pool/samplerInPool.ts).
* **Reading a row**: when its ceiling is well below 2 (and CPU/wall of 2 workers well below 2), the
  machine did not give this process two cores in those rounds (the load column: other work running),
  and its speed-ups measure the machine, not the split.
* **Noise**: the same call's wall time varied by up to ${fmt(spread, 2)}× between rounds (1-minute load average ${before}
  before the run, on ${info.cores} cores; the machine is a VM whose cores other work shares), hence the ranges.
`;
}

// ---- main ---------------------------------------------------------------------------------

/** The command as run: npm passes arguments after `--`, which process.argv no longer shows. */
const withDashes = (command) => command.replace(/^(npm run \S+) (?!-- )(.+)$/, '$1 -- $2');

function writeOut(markdown, out) {
  console.log(markdown);
  if (out) {
    writeSection(out, 'threads', markdown);
    console.error(`wrote section threads of ${relative(process.cwd(), out)}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), OPTIONS, usage);
  if (opts.fromJson) {
    const saved = JSON.parse(readFileSync(opts.fromJson, 'utf8'));
    const { date, machine: info, rounds, results } = saved;
    writeOut(report({ info, results, rounds, command: withDashes(saved.command), date }), opts.out ?? resolve(ROOT, 'bench', 'RESULTS.md'));
    return;
  }
  const chosen = opts.quick ? QUICK : FULL;
  const plan = opts.only === null ? chosen : Object.fromEntries(Object.entries(chosen).map(([group, value]) => [group, group === 'rounds' || opts.only.includes(group) ? value : group === 'sample' ? null : []]));
  const rounds = opts.rounds ?? plan.rounds;
  const date = dateNow();
  const info = machine();
  const pools = { 1: createPool({ threads: 1 }), 2: createPool({ threads: 2 }), other: createPool({ threads: 1 }) };
  const results = [];
  try {
    for (const [q, n, repeat] of plan.subsets) {
      console.error(`subset entropies, q=${q} n=${n}`);
      results.push(await measure(`subset entropies, q=${q} n=${n}`, subsetsWorkload(q, n), rounds, pools, repeat));
    }
    const s = plan.sample;
    if (s !== null) {
      const name = `sample, q=${s.q} n=${s.n} [${s.sizes.join(', ')}] random, ${s.count.toExponential(0).replace('+', '')} rows`;
      console.error(name);
      results.push(await measure(name, sampleWorkload(s), rounds, pools));
    }
    for (const [q, n, repeat] of plan.lattice) {
      console.error(`lattice, q=${q} n=${n}`);
      results.push(await measure(`lattice, q=${q} n=${n}`, latticeWorkload(q, n), rounds, pools, repeat));
    }
    for (const [q, n, sizes, repeat] of plan.law) {
      const label = `samplerDistribution, q=${q} n=${n} [${sizes.join(', ')}] random`;
      console.error(label);
      results.push(await measure(label, lawWorkload(q, n, sizes), rounds, pools, repeat));
    }
  } finally {
    await Promise.all(Object.values(pools).map((pool) => pool.close()));
  }
  if (opts.keep) {
    const saved = JSON.parse(readFileSync(opts.keep, 'utf8'));
    const kept = saved.results.filter((r) => !results.some((x) => x.name === r.name)).map((r) => ({ ...r, date: r.date ?? saved.date, commit: r.commit ?? saved.machine.commit, loadBefore: r.loadBefore ?? saved.machine.loadBefore }));
    results.unshift(...kept);
  }
  info.loadAfter = loadAverage();
  const command = withDashes(commandLine(import.meta.url, 'bench:threads'));
  writeOut(report({ info, results, rounds, command, date }), opts.out ?? (opts.quick ? null : resolve(ROOT, 'bench', 'RESULTS.md')));
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ date, command, machine: info, rounds, results }, null, 2)}\n`);
}

await main();
