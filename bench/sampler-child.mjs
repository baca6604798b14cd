#!/usr/bin/env node
// One process of bench/sampler.mjs: times one sampler implementation on one workload.
//
//   node bench/sampler-child.mjs IMPL Q N K SEED SECONDS [POLICIES]
//     IMPL      wasm: this package, sample(joint, { sizes, policy, count, seed, output: 'counts' })
//               js:   bench/js/latticeSampler.mjs, the same algorithm in plain JavaScript
//     SECONDS   about how long each timed run should take
//     POLICIES  comma-separated (default random,confidence)
//   prints one JSON line {impl,q,n,K,sizes,seed,lattice_build_seconds,table_max_rel_diff,
//   policies:{<policy>:{samples,seconds,samples_per_second,call_overhead_seconds,mean_log_p,
//   sd_log_p,warmup_seconds,warmup_calls}}}.
//
// The table is models.dirichlet(q, n, { seed }) (checked against the peers' dirichlet1_portable,
// ../shared/peers/gen.mjs, wasm only); sizes are the peers' schedule floor(n/K) (+1 for the first
// n mod K steps). The lattice is built once, outside the timed region, and its build timed on
// its own. Each policy is warmed up first (calls for >= WARMUP_SECONDS on the same lattice: V8
// tiers wasm and JS code up only after it has run a while), then timed on one call drawing
// about SECONDS worth of rows (timing.mjs timeRepeated: repeated only when under 0.5 s). Every
// call allocates and returns the q^n histogram, as sample(..., { output: 'counts' }) does; that
// fixed cost per call is reported as call_overhead_seconds (a call of one row).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, timeRepeated } from './timing.mjs';
import { latticeBuild, sampleRows } from './js/latticeSampler.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PEERS = process.env.PEERS ?? resolve(HERE, '..', '..', 'shared', 'peers'); // bench/sampler.mjs passes its own
const WARMUP_SECONDS = 0.3;

const [impl, ...rest] = process.argv.slice(2);
const [q, n, K, seed, seconds] = rest.slice(0, 5).map(Number);
const policies = (rest[5] ?? 'random,confidence').split(',');
if (!['wasm', 'js'].includes(impl) || !(q >= 2 && n >= 1 && K >= 1 && K <= n && seed >= 0 && seconds > 0)) {
  console.error('usage: node bench/sampler-child.mjs wasm|js Q N K SEED SECONDS [POLICIES]');
  process.exit(2);
}
const SIZING_SECONDS = Math.min(0.25, seconds / 4);
const sizes = Array.from({ length: K }, (_, k) => Math.floor(n / K) + (k < n % K ? 1 : 0));
const { models, sample } = await import('../dist/index.js');
const now = () => Number(process.hrtime.bigint()) * 1e-9;

const joint = models.dirichlet(q, n, { seed });
const p = joint.probabilities();
let tableMaxRelDiff = null;
if (impl === 'wasm') {
  const { dirichlet1Portable } = await import(join(PEERS, 'gen.mjs'));
  const peer = dirichlet1Portable(q ** n, seed);
  tableMaxRelDiff = 0;
  for (let x = 0; x < p.length; x++) tableMaxRelDiff = Math.max(tableMaxRelDiff, Math.abs(p[x] - peer[x]) / peer[x]);
}

let t0 = now();
let lattice = null;
if (impl === 'wasm') joint.latticePointer('bench');
else lattice = latticeBuild(p, q, n);
const latticeBuildSeconds = now() - t0;

/** Draws `count` rows with `policy` and returns their histogram over [q]^n. */
function run(policy, count, runSeed) {
  if (impl === 'wasm') return sample(joint, { sizes, policy, count, seed: runSeed, output: 'counts' }).counts;
  const counts = new Float64Array(q ** n);
  sampleRows({ lattice, q, n, policy, sizes, seed: runSeed, rows: count, counts });
  return counts;
}

const logp = Float64Array.from(p, (v) => Math.log(v));
const out = {};
for (const policy of policies) {
  // Warm-up on another seed, calls growing until one takes >= SIZING_SECONDS (so that the fixed
  // cost per call, up to ~0.1 s at q^n = 1.2e7, does not skew the rate), and at least
  // WARMUP_SECONDS in all; the last call gives the rate that sizes the timed run.
  let count = 100;
  let calls = 0;
  let rate = 0;
  let sized = false;
  const warmStart = now();
  while (calls < 3 || !sized || now() - warmStart < WARMUP_SECONDS) {
    t0 = now();
    run(policy, count, seed + 1000 + calls);
    const t = now() - t0;
    rate = count / t;
    calls++;
    sized = t >= SIZING_SECONDS;
    if (!sized) count *= 4;
  }
  const warmupSeconds = now() - warmStart;
  const samples = Math.max(1000, Math.round(rate * seconds));
  const timing = timeRepeated({ run: () => run(policy, samples, seed) });
  const counts = timing.result;
  let total = 0;
  let s1 = 0;
  let s2 = 0;
  for (let x = 0; x < counts.length; x++) {
    const c = counts[x];
    if (c === 0) continue;
    total += c;
    s1 += c * logp[x];
    s2 += c * logp[x] * logp[x];
  }
  if (total !== samples) throw new Error(`${impl} ${policy}: ${total} rows counted, ${samples} drawn`);
  const overhead = [];
  for (let i = 0; i < 5; i++) {
    t0 = now();
    run(policy, 1, seed + 7);
    overhead.push(now() - t0);
  }
  out[policy] = {
    samples, seconds: timing.seconds, reps: timing.reps, samples_per_second: samples / timing.seconds,
    call_overhead_seconds: median(overhead), mean_log_p: s1 / total, sd_log_p: Math.sqrt(Math.max(0, s2 / total - (s1 / total) ** 2)),
    warmup_seconds: warmupSeconds, warmup_calls: calls,
  };
}
joint.dispose();
console.log(JSON.stringify({
  impl, q, n, K, sizes, seed, lattice_cells: (q + 1) ** n, lattice_build_seconds: latticeBuildSeconds,
  table_max_rel_diff: tableMaxRelDiff, policies: out, node: process.version,
}));
