#!/usr/bin/env node
// Sparse against dense joints (issue 7): Joint.fromSamples in both representations on the
// bundled datasets, and the wall time of what each then computes:
//   build     Joint.fromSamples(rows, { alphabet, representation }) from the dataset's rows
//   profile   p.profile() (all 2^n subset entropies), on a fresh joint each round (it is cached)
//   TC, DTC   p.totalCorrelation() + p.dualTotalCorrelation() on a fresh joint (n + 1 marginals)
// on words (q = 26, n = 5, 11.9M cells, 12,578 rows) and phonemes (q = 39, n = 4, 2.3M cells),
// plus the cost of the sparse profile against its bound 2^n × support on binary rows (q = 2, n = 12, 16),
// and counting a million rows (q = 2, n = 24, support near a million) into a sparse joint.
// Every sparse result is checked against the dense one (max |Δ h(j)|, |Δ TC|, |Δ DTC|).
//
//   node bench/sparse.mjs            3 rounds; writes section `sparse` of bench/RESULTS.md
//   node bench/sparse.mjs --quick    1 round, no million rows (a smoke test)
//   options: --rounds N   --out FILE (markdown: section `sparse`)
// A quick run writes a file only when --out says so. `npm run bench:sparse` builds first.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, parseArgs, positiveIntegerOption, usageOf } from './cli.mjs';
import { dateNow, loadAverage, machine, machineTable } from './machine.mjs';
import { table, writeSection } from './results-file.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const { Joint, datasets } = await import('../dist/index.js');

const usage = usageOf(import.meta.url);
const OPTIONS = {
  defaults: { out: null, rounds: null },
  values: { '--out': ['out', resolve], '--rounds': ['rounds', positiveIntegerOption(usage, '--rounds')] },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const range = (xs) => (xs.length === 1 ? ms(xs[0]) : `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`);

/** Milliseconds of one call of `work`, and its result. */
function timed(work) {
  const start = performance.now();
  const result = work();
  return { time: performance.now() - start, result };
}

/** A mulberry32 stream of uniforms in [0, 1). */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** count binary rows of n bits: noisy copies (5% flips) of 30 random prototypes. */
function binaryRows(n, count, seed) {
  const random = generator(seed);
  const prototypes = Array.from({ length: 30 }, () => Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0)));
  const rows = new Uint8Array(count * n);
  for (let r = 0; r < count; r++) {
    const base = prototypes[Math.floor(random() * 30)];
    for (let i = 0; i < n; i++) rows[r * n + i] = random() < 0.05 ? 1 - base[i] : base[i];
  }
  return rows;
}

/** One dataset, `rounds` rounds alternating sparse and dense: times and the largest differences. */
function compareDataset(name, rows, options, rounds) {
  const times = { sparse: { build: [], profile: [], correlations: [] }, dense: { build: [], profile: [], correlations: [] } };
  const results = {};
  for (let round = 0; round < rounds; round++) {
    for (const representation of ['sparse', 'dense']) {
      const built = timed(() => Joint.fromSamples(rows, { ...options, representation }));
      times[representation].build.push(built.time);
      const profile = timed(() => built.result.profile());
      times[representation].profile.push(profile.time);
      built.result.dispose();
      const fresh = Joint.fromSamples(rows, { ...options, representation });
      const correlations = timed(() => [fresh.totalCorrelation(), fresh.dualTotalCorrelation()]);
      times[representation].correlations.push(correlations.time);
      results[representation] = { h: profile.result.h, tc: correlations.result[0], dtc: correlations.result[1], support: fresh.support ?? null };
      fresh.dispose();
    }
  }
  const { sparse, dense } = results;
  const deltaH = Math.max(...Array.from(sparse.h, (h, j) => Math.abs(h - dense.h[j])));
  return {
    name, q: options.q, n: options.n, cells: options.q ** options.n, rows: rows.length, support: sparse.support,
    times, deltaH, deltaTC: Math.abs(sparse.tc - dense.tc), deltaDTC: Math.abs(sparse.dtc - dense.dtc), tc: sparse.tc, dtc: sparse.dtc, H: sparse.h[sparse.h.length - 1],
  };
}

/** The sparse profile's time per unit of its bound 2^n × support on binary rows. */
function profileCost(n, count, rounds) {
  const rows = binaryRows(n, count, 1);
  const times = [];
  let support = 0;
  for (let round = 0; round < rounds; round++) {
    const p = Joint.fromSamples(rows, { q: 2, n, representation: 'sparse' });
    support = p.support;
    times.push(timed(() => p.profile()).time);
    p.dispose();
  }
  const visits = 2 ** n * support;
  return { n, support, times, visits, nsPerBound: (median(times) * 1e6) / visits };
}

/** fromSamples on a million binary rows of n = 24 (support near a million). */
function millionRows(rounds) {
  const random = generator(3);
  const n = 24;
  const rows = new Uint8Array(1e6 * n);
  for (let k = 0; k < rows.length; k++) rows[k] = random() < 0.5 ? 1 : 0;
  const times = [];
  const correlations = [];
  let support = 0;
  for (let round = 0; round < rounds; round++) {
    const { time, result } = timed(() => Joint.fromSamples(rows, { q: 2, n, representation: 'sparse' }));
    times.push(time);
    support = result.support;
    correlations.push(timed(() => result.totalCorrelation() + result.dualTotalCorrelation()).time);
    result.dispose();
  }
  return { n, support, times, correlations };
}

function markdown({ info, date, command, rounds, compared, profileCosts, million }) {
  const rows = compared.flatMap((c) => ['sparse', 'dense'].map((r) => [
    r === 'sparse' ? `${c.name} (q = ${c.q}, n = ${c.n})` : '',
    r === 'sparse' ? `${c.support} of ${c.cells}` : `${c.cells} cells`,
    r,
    range(c.times[r].build),
    range(c.times[r].profile),
    range(c.times[r].correlations),
  ]));
  const ratios = compared.map((c) => [
    c.name,
    `${(median(c.times.dense.profile) / median(c.times.sparse.profile)).toFixed(0)}×`,
    `${(median(c.times.dense.correlations) / median(c.times.sparse.correlations)).toFixed(0)}×`,
    c.deltaH.toExponential(1),
    c.deltaTC.toExponential(1),
    c.deltaDTC.toExponential(1),
    `H = ${c.H.toFixed(4)}, TC = ${c.tc.toFixed(4)}, DTC = ${c.dtc.toFixed(4)}`,
  ]);
  return `## Sparse joints: fromSamples, profile, TC and DTC, sparse vs dense (issue 7)

Generated by \`bench/sparse.mjs\`; re-running it rewrites this section.

### Machine and run

${machineTable(info, { date, command })}

A 1-minute load average of ${info.loadBefore} on ${info.cores} cores means other work shared them during the run:
absolute times are inflated by up to that factor and vary between rounds; the ratios and the Δ columns are
what to read.

### The datasets, sparse vs dense (ms)

${rounds} round(s), sparse then dense in each; ranges over the rounds. build: Joint.fromSamples from
the dataset's rows (strings or arrays of phonemes) in that representation; profile: p.profile()
(all 2^n subset entropies) on the joint just built; TC, DTC: totalCorrelation() + dualTotalCorrelation()
on a fresh joint (n + 1 marginals: the sparse one masks, radix-sorts and sums its support n times,
the dense one sums its q^n table). Δ: absolute difference between the sparse and the dense result.

${table(['dataset', 'support / cells', 'representation', 'build', 'profile', 'TC, DTC'], rows)}

${table(['dataset', 'profile: dense / sparse', 'TC, DTC: dense / sparse', 'largest Δ h(j) (nats)', 'Δ TC', 'Δ DTC', 'values (nats)'], ratios)}

### Cost of the sparse profile against its bound

Binary rows (noisy copies of 30 prototypes), profile() of the sparse joint: depth first, each subset's
marginal masked, radix-sorted (one 8-bit pass per byte its positions touch) and summed from its parent's,
whose support is at most the joint's. 2^n × support bounds the key visits, and is what
SPARSE_SUBSET_WORK_LIMIT (1e9) limits; the last column is the time per unit of that bound.

${table(['n', 'support', '2^n × support', 'profile (ms)', 'ns per 2^n × support'], profileCosts.map((c) => [c.n, c.support, c.visits.toExponential(2), range(c.times), c.nsPerBound.toFixed(1)]))}
${million === null ? '' : `
### A million rows

Joint.fromSamples on 10^6 uniform binary rows of n = ${million.n} (support ${million.support}): packing, radix
sorting and counting in wasm, ${range(million.times)} ms; then TC and DTC (n + 1 marginals of the support) ${range(million.correlations)} ms.
`}`;
}

function main() {
  const opts = parseArgs(process.argv.slice(2), OPTIONS, usage);
  const rounds = opts.rounds ?? (opts.quick ? 1 : 3);
  const info = machine();
  const date = dateNow();
  const command = commandLine(import.meta.url, 'bench:sparse');
  const compared = [datasets.words(), datasets.phonemes()].map((d) => {
    console.error(`${d.name}...`);
    return compareDataset(d.name, d.rows, { alphabet: d.alphabet, q: d.q, n: d.n }, rounds);
  });
  console.error('cost of the sparse profile...');
  const profileCosts = [[12, 20000], [16, 20000]].map(([n, count]) => profileCost(n, count, rounds));
  console.error('a million rows...');
  const million = opts.quick ? null : millionRows(rounds);
  info.loadAfter = loadAverage();
  const text = markdown({ info, date, command, rounds, compared, profileCosts, million });
  console.log(text);
  const out = opts.out ?? (opts.quick ? null : resolve(ROOT, 'bench/RESULTS.md'));
  if (out) {
    writeSection(out, 'sparse', text);
    console.error(`wrote section sparse of ${relative(process.cwd(), out)}`);
  }
}

main();
