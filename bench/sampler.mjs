#!/usr/bin/env node
// The sampler benchmark of issue 5, item 8: samples/s of the unmasking sampler on Dirichlet(1)
// tables (ref.py's dirichlet1_portable, seed 1) with the peers' schedule floor(n/K) (+1), for
//   wasm        this package, sample(joint, { sizes, policy, count, seed, output: 'counts' }),
//               conditionals from the mask lattice (random and confidence policies);
//   js-lattice  the same algorithm in plain JavaScript over the same lattice
//               (bench/js/latticeSampler.mjs; rows identical to the package's, checked);
//   c_naive     ../shared/peers/sampler.c (gcc -O3 -march=native), which re-sums the table for
//               every conditional (random policy only);
//   js_naive    ../shared/peers/sampler_js.mjs, the same in plain JavaScript (random only);
// one run, each implementation and workload in its own process (bench/sampler-child.mjs for
// wasm and js-lattice: lattice built and timed apart, warm-up, then one timed call of a few
// seconds). Before timing, js-lattice is checked statistically against the package's exact
// samplerDistribution (G-test) and row for row against sample().
//
//   node bench/sampler.mjs            the issue's workloads; writes section `sampler` of bench/RESULTS.md
//   node bench/sampler.mjs --quick    small workloads, short runs (a smoke test, ~30 s)
//   options: --out FILE (markdown: section `sampler`)   --json FILE (raw results)
// A quick run writes a file only when --out / --json say so. `npm run bench:sampler` builds first.
// Environment: PEERS (default ../shared/peers beside the repo).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, parseArgs, runJson, usageOf } from './cli.mjs';
import { dateNow, loadAverage, machine, machineTable } from './machine.mjs';
import { table, writeSection } from './results-file.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const PEERS = process.env.PEERS ? resolve(process.env.PEERS) : resolve(ROOT, '..', 'shared', 'peers');
const SEED = 1;

/** [q, n, K]. */
const FULL = [[2, 16, 4], [26, 4, 2], [26, 5, 2]];
const QUICK = [[2, 12, 4], [10, 4, 2]];
const POLICIES = ['random', 'confidence'];
/** The targets of issue 5, item 8 (ratios of samples/s). */
const TARGET_C = 300;
const TARGET_JS = 5;

const usage = usageOf(import.meta.url);

const OPTIONS = { defaults: { out: null, json: null }, values: { '--out': ['out', resolve], '--json': ['json', resolve] } };

// ---- running ------------------------------------------------------------------------------

/** A peer sampler (C binary or node script) for about `seconds`: probes, then one sized run. */
function runPeer(command, q, n, K, seconds) {
  let samples = 2;
  for (;;) {
    const r = runJson(command[0], [...command.slice(1), q, n, K, SEED, samples].map(String));
    if (r.error) return r;
    if (r.seconds >= 0.3 * seconds) return r;
    const rate = r.samples / Math.max(r.seconds, 1e-6);
    samples = Math.max(samples * 2, Math.ceil(rate * seconds));
  }
}

function runCheck(quick) {
  const child = spawnSync(process.execPath, [join(HERE, 'js', 'latticeSampler.mjs'), '--check', String(quick ? 50_000 : 200_000)],
    { encoding: 'utf8', timeout: 600_000 });
  const rows = child.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  if (child.status !== 0 && rows.length === 0) return { error: (child.stderr || '').trim().split('\n').pop(), rows };
  return { rows, ok: child.status === 0 };
}

// ---- report -------------------------------------------------------------------------------

function fmt(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return Number(x.toPrecision(3)).toString();
}

const rateOf = (cell, policy) => cell?.policies?.[policy]?.samples_per_second;
const peerRate = (cell) => cell?.samples_per_second;
const cellText = (rate, cell) => (rate !== undefined ? fmt(rate) : cell?.error ? 'failed' : '–');

function ratioText(a, b, target, counted) {
  if (!(a > 0 && b > 0)) return '–';
  const r = a / b;
  if (!counted) return `_${fmt(r)}×_`;
  return `${fmt(r)}× ${r >= target ? 'met' : '**missed**'}`;
}

function report({ info, results, check, opts, command, date }) {
  const rows = [];
  const tally = { c: [0, 0], js: [0, 0] };
  for (const r of results) {
    for (const policy of POLICIES) {
      const wasm = rateOf(r.wasm, policy);
      const js = rateOf(r.js, policy);
      const c = policy === 'random' ? peerRate(r.c) : undefined;
      const jsn = policy === 'random' ? peerRate(r.jsNaive) : undefined;
      const cRandom = peerRate(r.c);
      if (wasm > 0 && cRandom > 0 && policy === 'random') {
        tally.c[1]++;
        if (wasm / cRandom >= TARGET_C) tally.c[0]++;
      }
      if (wasm > 0 && js > 0) {
        tally.js[1]++;
        if (wasm / js >= TARGET_JS) tally.js[0]++;
      }
      rows.push([r.q, r.n, r.K, r.sizes.join('+'), policy, cellText(wasm, r.wasm), cellText(js, r.js),
        policy === 'random' ? cellText(c, r.c) : 'n/a', policy === 'random' ? cellText(jsn, r.jsNaive) : 'n/a',
        ratioText(wasm, cRandom, TARGET_C, policy === 'random'), ratioText(wasm, js, TARGET_JS, true)]);
    }
  }
  rows.push(['', '', '', '', '**met**', '', '', '', '', `**${tally.c[0]} of ${tally.c[1]}**`, `**${tally.js[0]} of ${tally.js[1]}**`]);
  const main = table(['q', 'n', 'K', 'sizes', 'policy', 'wasm', 'js-lattice', 'c_naive', 'js_naive',
    `wasm / c_naive (target ≥ ${TARGET_C})`, `wasm / js-lattice (target ≥ ${TARGET_JS})`], rows);

  const lattice = table(['q', 'n', '(q+1)^n cells', 'MiB', 'wasm build (s)', 'js-lattice build (s)'],
    results.map((r) => [r.q, r.n, ((r.q + 1) ** r.n).toExponential(2), fmt(((r.q + 1) ** r.n * 8) / 2 ** 20),
      r.wasm?.lattice_build_seconds !== undefined ? fmt(r.wasm.lattice_build_seconds) : '–',
      r.js?.lattice_build_seconds !== undefined ? fmt(r.js.lattice_build_seconds) : '–']));

  const detailRows = [];
  for (const r of results) {
    for (const [name, cell] of [['wasm', r.wasm], ['js-lattice', r.js]]) {
      for (const policy of POLICIES) {
        const d = cell?.policies?.[policy];
        if (!d) continue;
        detailRows.push([r.q, r.n, name, policy, d.samples.toExponential(2), fmt(d.seconds), fmt(d.call_overhead_seconds * 1e3),
          d.mean_log_p.toFixed(4)]);
      }
    }
    for (const [name, cell] of [['c_naive', r.c], ['js_naive', r.jsNaive]]) {
      if (cell?.samples === undefined) continue;
      detailRows.push([r.q, r.n, name, 'random', String(cell.samples), fmt(cell.seconds), '–', cell.mean_log_p.toFixed(4)]);
    }
  }
  const details = table(['q', 'n', 'impl', 'policy', 'samples', 'seconds', 'fixed cost per call (ms)', 'mean log p(x)'], detailRows);

  const checkText = check.error
    ? `The check failed to run: ${check.error}`
    : table(['case (Dirichlet(1))', 'policy', 'N', 'G', 'df', 'limit (χ², 1e-6)', 'G against p (control)', 'rows = sample()'],
      check.rows.map((c) => [c.case, c.policy, c.N, fmt(c.G), c.df, fmt(c.threshold), fmt(c.G_vs_p), c.identical_rows ? 'identical' : '**differ**']));

  const agreement = results.map((r) => {
    const w = r.wasm?.policies?.random;
    if (!w) return null;
    const parts = [];
    for (const [name, cell] of [['js-lattice', r.js?.policies?.random], ['c_naive', r.c], ['js_naive', r.jsNaive]]) {
      if (cell?.mean_log_p === undefined) continue;
      const se = w.sd_log_p * Math.sqrt(1 / cell.samples + 1 / w.samples);
      parts.push(`${name} ${((cell.mean_log_p - w.mean_log_p) / se).toFixed(1)}`);
    }
    return `q=${r.q} n=${r.n}: ${parts.join(', ')}`;
  }).filter(Boolean);

  const busiest = Math.max(Number(info.loadBefore), Number(info.loadAfter));
  const tableOk = results.every((r) => r.wasm?.table_max_rel_diff === undefined || r.wasm.table_max_rel_diff < 1e-10);
  const tableDiff = Math.max(...results.map((r) => r.wasm?.table_max_rel_diff ?? 0));
  const reading = [];
  if (busiest > 0.5 * info.cores) {
    reading.push(`* **The machine was busy** (1-minute load average up to ${busiest} on ${info.cores} cores): other ` +
      'processes shared the CPU and memory bandwidth, so the rates are lower and noisier than on a quiet machine.');
  }
  reading.push(`* wasm / c_naive (random policy, target ≥ ${TARGET_C}): met at ${tally.c[0]} of ${tally.c[1]} workloads; ` +
    `wasm / js-lattice (both policies, target ≥ ${TARGET_JS}): met at ${tally.js[0]} of ${tally.js[1]}. ` +
    'The naive samplers implement the random policy only; the italic ratios of the confidence rows divide by the naive random-policy rate (for scale, not counted).');
  const costly = [];
  for (const r of results) {
    const d = r.wasm?.policies?.random;
    if (d && d.call_overhead_seconds > 0.02 * d.seconds) costly.push(`${fmt(d.call_overhead_seconds * 1e3)} ms at q=${r.q} n=${r.n}`);
  }
  if (costly.length) {
    reading.push(`* A call of \`sample(..., { output: 'counts' })\` has a fixed cost of ${costly.join(', ')} (zeroing and copying out ` +
      'the q^n histogram), included in the rates above; it is small against calls of many rows.');
  }
  reading.push('* The naive samplers pay q^(n - w) (1 + s) table reads per step (the whole table at the first step), ' +
    'the lattice O(q) reads per revealed position: the gap grows like q^n / (n q). What is left for the lattice samplers is ' +
    'the RNG, the policy and the lattice\'s cache misses (the lattice has (q+1)^n cells; the reads of a step land in ' +
    'different cache lines and, for large strides, different pages).');
  return `## Sampler: samples/s, lattice vs naive (issue 5, item 8)

Generated by \`bench/sampler.mjs\`; re-running it rewrites this section.

### Machine and run

${machineTable(info, { date, command })}

### What is timed

Rows drawn per second by the unmasking sampler from a Dirichlet(1) table on [q]^n (ref.py's
\`dirichlet1_portable\`, seed ${SEED}; the package's \`models.dirichlet\` table agrees with the peers'
generator to ${tableDiff.toExponential(1)} relative${tableOk ? '' : ' — **more than 1e-10**'}), K steps of the peers' sizes floor(n/K) (+1 for the first
n mod K steps). Every implementation and workload runs in its own process, once${opts.quick ? ' (--quick: short runs)' : ''}.

| name | what |
|---|---|
| wasm | this package: \`sample(joint, { sizes, policy, count, seed, output: 'counts' })\`, conditionals from the mask lattice (\`bench/sampler-child.mjs\`) |
| js-lattice | the same algorithm in plain JavaScript over the same lattice (\`bench/js/latticeSampler.mjs\`): xoshiro256** on 32-bit halves, partial Fisher–Yates with Lemire draws, inverse CDF on 53-bit uniforms, the confidence policy's scores and its memo of choices per state; its rows equal the package's |
| c_naive | \`../shared/peers/sampler.c\`, \`gcc -O3 -march=native\`: re-sums the table over every completion of the revealed values at each step (random policy only) |
| js_naive | \`../shared/peers/sampler_js.mjs\`: the same in plain JavaScript (random policy only) |

wasm and js-lattice: the lattice is built once, outside the timed region (its build time is in
its own table below); each policy is then warmed up for ≥ 0.3 s on the same lattice (V8 tiers
wasm up from Liftoff to TurboFan only after it has run a while, and JS likewise), and timed on
one call of about ${opts.quick ? '0.2' : '1.5'} s worth of rows (repeated, median, only if it took under 0.5 s). Each call
returns the q^n histogram of its rows (\`output: 'counts'\`); its fixed cost per call (a call of one
row) is in the details. The peers: NSAMPLES sized so that a run takes about ${opts.quick ? '0.3' : '2'} s (seconds as they report them, sampling only).

### Results

Samples per second:

${main}

Lattice build (not part of samples/s; wasm: \`latticeBuild\` including the arena allocation):

${lattice}

Details (mean log p(x) over the rows: the random-policy rows of every implementation estimate the same
E log p(x) under the sampler's law; z-scores against wasm's: ${agreement.join('; ') || '–'}):

${details}

js-lattice against the package's exact \`samplerDistribution\` (G = 2 Σ c log(c / (N q)), limit the
χ² quantile at 1e-6; "G against p": the same counts against the table itself, which a sampler
with K < n must not match) and row for row against \`sample()\` (2000 rows, rows 100..2099):

${checkText}

### Reading the numbers

${reading.join('\n')}
`;
}

// ---- main ---------------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2), OPTIONS, usage);
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) usage('dist/index.js is missing: run `npm run build` (or `npm run bench:sampler`)');
  if (!existsSync(join(PEERS, 'sampler.c'))) usage(`the peers are missing: expected ${PEERS}/sampler.c`);
  const workloads = opts.quick ? QUICK : FULL;
  const childSeconds = opts.quick ? 0.2 : 1.5;
  const peerSeconds = opts.quick ? 0.3 : 2;
  const date = dateNow();
  const info = machine({ gcc: true });
  const buildDir = mkdtempSync(join(os.tmpdir(), 'unmasking-sampler-bench-'));
  try {
    let samplerC = join(buildDir, 'sampler_c');
    try {
      execFileSync('gcc', ['-O3', '-march=native', '-o', samplerC, 'sampler.c', '-lm'], { cwd: PEERS, stdio: 'pipe' });
    } catch (error) {
      console.error(`note: could not build sampler_c (${String(error.stderr ?? error.message).trim().split('\n')[0]})`);
      samplerC = null;
    }
    const check = runCheck(opts.quick);
    for (const c of check.rows) {
      console.error(`check ${c.case} ${c.policy}: G ${fmt(c.G)} (df ${c.df}, limit ${fmt(c.threshold)}; against p ${fmt(c.G_vs_p)}), rows ${c.identical_rows ? 'identical' : 'DIFFER'}`);
    }
    const results = [];
    for (const [q, n, K] of workloads) {
      const sizes = Array.from({ length: K }, (_, k) => Math.floor(n / K) + (k < n % K ? 1 : 0));
      const r = { q, n, K, sizes };
      results.push(r);
      const child = (impl) => runJson(process.execPath, [join(HERE, 'sampler-child.mjs'), impl, q, n, K, SEED, childSeconds, POLICIES.join(',')].map(String),
        { env: { ...process.env, PEERS } });
      r.wasm = child('wasm');
      r.js = child('js');
      r.c = samplerC ? runPeer([samplerC], q, n, K, peerSeconds) : { error: 'gcc build failed' };
      r.jsNaive = runPeer([process.execPath, join(PEERS, 'sampler_js.mjs')], q, n, K, peerSeconds);
      for (const [name, cell] of [['wasm', r.wasm], ['js-lattice', r.js]]) {
        if (cell.error) console.error(`q=${q} n=${n} ${name}: ${cell.error}`);
        else for (const policy of POLICIES) console.error(`q=${q} n=${n} ${name} ${policy}: ${fmt(cell.policies[policy].samples_per_second)} samples/s (lattice built in ${fmt(cell.lattice_build_seconds)} s)`);
      }
      for (const [name, cell] of [['c_naive', r.c], ['js_naive', r.jsNaive]]) {
        console.error(`q=${q} n=${n} ${name} random: ${cell.error ?? `${fmt(cell.samples_per_second)} samples/s (${cell.samples} samples)`}`);
      }
    }
    info.loadAfter = loadAverage();
    const command = commandLine(import.meta.url, 'bench:sampler');
    const markdown = report({ info, results, check, opts, command, date });
    console.log(markdown);
    const out = opts.out ?? (opts.quick ? null : join(HERE, 'RESULTS.md'));
    if (out) {
      writeSection(out, 'sampler', markdown);
      console.error(`wrote ${relative(process.cwd(), out) || out}`);
    }
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ date, command, machine: info, results, check }, null, 2)}\n`);
    const bad = check.error || !check.ok || check.rows.some((c) => !c.identical_rows);
    if (bad) {
      console.error('bench: js-lattice failed its check against the package (see the check table)');
      process.exitCode = 1;
    }
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}

main();
