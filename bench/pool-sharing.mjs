// The cost of copies (issue 6, item 2): wall time of pooled calls when the workers share the
// main thread's memory, and when each has its own memory and gets copies of what it reads (the
// fallback of pages that are not cross-origin isolated, forced here with sharing: 'copies'),
// against the main thread, in Node with 2 workers, on Dirichlet(1) tables:
//   subsets   await p.subsetEntropies({ pool }), a fresh joint each run (its table is sent again)
//   sample    await sample(p, { sizes, count, seed, output: 'counts', pool }) on one joint: the
//             first run of a pool on copies sends each worker the lattice, later runs reuse it
// Each configuration is run `rounds` times; the median is reported. Results are checked bit for
// bit against the main thread's first.
//   node bench/pool-sharing.mjs             3 rounds; writes section `pool-sharing` of bench/RESULTS.md
//   node bench/pool-sharing.mjs --quick     smaller sizes, 2 rounds, writes nothing unless --out
//   options: --rounds N   --out FILE
// Run `npm run build` first.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, parseArgs, usageOf } from './cli.mjs';
import { dateNow, loadAverage, machine, machineTable } from './machine.mjs';
import { table, writeSection } from './results-file.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const { createPool, models, sample } = await import('../dist/index.js');

const FULL = { subsets: [[2, 20, 1], [26, 5, 5]], sample: { q: 2, n: 14, sizes: [4, 4, 3, 3], count: 1e6 }, rounds: 3 };
const QUICK = { subsets: [[2, 14, 1], [26, 3, 5]], sample: { q: 2, n: 10, sizes: [4, 3, 3], count: 1e5 }, rounds: 2 };
const THREADS = 2;

const usage = usageOf(import.meta.url);
const OPTIONS = {
  defaults: { out: null, rounds: null },
  values: {
    '--out': ['out', resolve],
    '--rounds': ['rounds', (t) => (Number.isInteger(Number(t)) && Number(t) > 0 ? Number(t) : usage(`--rounds needs a positive integer, not ${t}`))],
  },
};

const bits = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (s) => (s * 1000).toFixed(0);

/** Seconds of one run of `work` (awaited). */
async function seconds(work) {
  const start = performance.now();
  const result = await work();
  return { seconds: (performance.now() - start) / 1000, result };
}

/** Subset entropies of a fresh Dirichlet(1) joint: main thread, shared pool, copies pool. */
async function subsetsRow([q, n, seed], pools, rounds) {
  const want = models.dirichlet(q, n, { seed }).subsetEntropies();
  const times = { main: [], shared: [], copies: [] };
  for (let r = 0; r < rounds; r++) {
    for (const [label, pool] of [['main', null], ['shared', pools.shared], ['copies', pools.copies]]) {
      const p = models.dirichlet(q, n, { seed });
      const { seconds: s, result } = await seconds(() => (pool ? p.subsetEntropies({ pool }) : p.subsetEntropies()));
      if (Buffer.compare(bits(result), bits(want)) !== 0) throw new Error(`subsets q=${q} n=${n}: ${label} differs`);
      times[label].push(s);
      p.dispose();
    }
  }
  return [`subsetEntropies q=${q} n=${n} (table ${(q ** n * 8 / 2 ** 20).toFixed(1)} MiB)`, ms(median(times.main)), ms(median(times.shared)), ms(median(times.copies)), '—'];
}

/** sample() counts on one joint: main, shared, copies on a fresh pool (lattice sent), copies again (kept). */
async function sampleRow({ q, n, sizes, count }, rounds) {
  const p = models.dirichlet(q, n, { seed: 3 });
  const options = { sizes, count, seed: 1, output: 'counts' };
  const want = sample(p, options).counts;
  const times = { main: [], shared: [], first: [], again: [] };
  const check = (label, result) => {
    if (Buffer.compare(bits(result.counts), bits(want)) !== 0) throw new Error(`sample: ${label} differs`);
  };
  // Fresh pools each round, their workers started (by a small job on another joint) before timing.
  const warm = models.dirichlet(2, 4, { seed: 4 });
  const startedPool = async (sharing) => {
    const pool = createPool({ threads: THREADS, sharing });
    await sample(warm, { sizes: [2, 2], count: 4096, seed: 1, pool });
    return pool;
  };
  for (let r = 0; r < rounds; r++) {
    times.main.push((await seconds(() => sample(p, options))).seconds);
    const shared = await startedPool('shared');
    const s = await seconds(() => sample(p, { ...options, pool: shared }));
    check('shared', s.result);
    times.shared.push(s.seconds);
    await shared.close();
    const copies = await startedPool('copies');
    const first = await seconds(() => sample(p, { ...options, pool: copies }));
    const again = await seconds(() => sample(p, { ...options, pool: copies }));
    check('copies', first.result);
    check('copies again', again.result);
    times.first.push(first.seconds);
    times.again.push(again.seconds);
    await copies.close();
  }
  const lattice = ((q + 1) ** n * 8) / 2 ** 20;
  return [`sample q=${q} n=${n}, ${count} rows, counts (lattice ${lattice.toFixed(1)} MiB)`, ms(median(times.main)), ms(median(times.shared)), ms(median(times.first)), ms(median(times.again))];
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), OPTIONS, usage);
  const sizes = opts.quick ? QUICK : FULL;
  const rounds = opts.rounds ?? sizes.rounds;
  const info = machine();
  const date = dateNow();
  const pools = { shared: createPool({ threads: THREADS, sharing: 'shared' }), copies: createPool({ threads: THREADS, sharing: 'copies' }) };
  const rows = [];
  try {
    for (const s of sizes.subsets) rows.push(await subsetsRow(s, pools, rounds));
  } finally {
    await Promise.all([pools.shared.close(), pools.copies.close()]);
  }
  rows.push(await sampleRow(sizes.sample, rounds));
  info.loadAfter = loadAverage();
  const markdown = [
    '## Pools: shared memory against copies',
    '',
    `Generated by \`bench/pool-sharing.mjs\`; re-running it rewrites this section. Median wall time (ms) of ${rounds} runs, ${THREADS} workers.`,
    "'copies' is the fallback of pages that are not cross-origin isolated (here forced in Node with `sharing: 'copies'`):",
    'each worker has its own memory and gets copies of what a call reads (a table or lattice once per worker while it is',
    'unchanged) and sends back what it writes. Subsets use a fresh joint each run, so their table is always sent;',
    'sample() is timed on a fresh pool whose workers have started (lattice sent to each worker) and again on the same pool',
'(lattice kept). The machine has 2 cores shared with other jobs: see the load average.',
    'Every pooled result was checked bit for bit against the main thread\'s.',
    '',
    table(['workload', 'main thread', `shared, ${THREADS} workers`, `copies, ${THREADS} workers`, 'copies, run again'], rows),
    '',
    machineTable(info, { date, command: commandLine(import.meta.url) }),
  ].join('\n');
  console.log(markdown);
  const out = opts.out ?? (opts.quick ? null : resolve(HERE, 'RESULTS.md'));
  if (out !== null) {
    writeSection(out, 'pool-sharing', markdown);
    console.error(`wrote section pool-sharing of ${relative(process.cwd(), out)}`);
  }
}

await main();
