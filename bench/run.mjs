#!/usr/bin/env node
// The benchmark of issue 3, item 7: all 2^n subset entropies by depth-first marginalisation
// ((q+1)^n cell visits), timed in one run for
//   wasm    this package, joint.subsetEntropies() (bench/profile-wasm.mjs), one thread;
//   js      the same algorithm in plain JavaScript (bench/profile-js.mjs);
//   c       ../shared/peers/profile.c, gcc -O3 -march=native, libm's scalar log;
//   c_fast  the same with -DFASTLOG: hand-vectorised AVX-512 with its own log;
//   numpy   ../shared/peers/profile_numpy.py --method dfs;
// each in its own process, on the same Dirichlet(1) table (ref.py's dirichlet1_portable, seed 1).
// Every program reports the median of its repetitions (one run, repeated up to ~1 s in all when
// under 0.5 s). A run estimated from the same program's time at a smaller n, times
// (q+1)^(n - n_smaller), to take over --limit seconds is skipped. Every result is checked
// against wasm's (H, TC, DTC and every h(j) to 1e-9 relative); a mismatch fails the run.
// Then single kernels are timed in cache (bench/kernels.mjs), to show where the time goes.
//
//   node bench/run.mjs              the issue's workloads; writes section `subsets` of bench/RESULTS.md
//   node bench/run.mjs --quick      small workloads, 3 repetitions each (a smoke test, ~20 s)
//   node bench/run.mjs 2:16 26:5    only these q:n workloads
//   options: --impls wasm,js,c,c_fast,numpy   --limit SECONDS (60)   --out FILE (markdown: section `subsets`)
//            --json FILE (raw results)   --rounds R (1): run everything R times, interleaved,
//            and keep each program's fastest median (for a noisy machine)
// A quick or partial run writes a file only when --out / --json say so.
// `npm run bench` builds the package first; run.mjs itself uses dist/ and build/ as they are.
// Environment: PYTHON (default /usr/bin/python3, which needs python3-numpy for the numpy column).
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
const PEERS = resolve(ROOT, '..', 'shared', 'peers');
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3'; // the peers' numpy runs under Debian's python3
const SEED = 1;
const RTOL = 1e-9;

const FULL = [[2, 16], [2, 18], [2, 20], [3, 12], [4, 10], [26, 4], [26, 5]];
const QUICK = [[2, 12], [2, 14], [3, 10], [4, 8], [26, 4]];
const QUICK_REPS = 3;

/** The targets of issue 3 for single-threaded wasm, as (ratio, test) on seconds. */
const TARGETS = [
  { label: 'wasm vs c: speed-up', target: '> 1', versus: 'c', ratio: (w, o) => o / w, met: (r) => r > 1 },
  { label: 'wasm vs c_fast: slowdown', target: '≤ 2.5', versus: 'c_fast', ratio: (w, o) => w / o, met: (r) => r <= 2.5 },
  { label: 'wasm vs numpy: speed-up', target: '> 1', versus: 'numpy', ratio: (w, o) => o / w, met: (r) => r > 1 },
  { label: 'wasm vs js: speed-up', target: '≥ 5', versus: 'js', ratio: (w, o) => o / w, met: (r) => r >= 5 },
];

// ---- command line and tools --------------------------------------------------------------

const usage = usageOf(import.meta.url);

function options(argv) {
  const workloads = [];
  const opts = parseArgs(argv, {
    defaults: { limit: 60, rounds: 1, impls: null, out: null, json: null, workloads },
    values: {
      '--limit': ['limit', Number],
      '--rounds': ['rounds', Number],
      '--impls': ['impls', (v) => v.split(',')],
      '--out': ['out', resolve],
      '--json': ['json', resolve],
    },
    positional: (arg) => /^\d+:\d+$/.test(arg) && Boolean(workloads.push(arg.split(':').map(Number))),
  }, usage);
  if (!(opts.limit > 0)) usage('--limit must be a positive number of seconds');
  if (!(Number.isInteger(opts.rounds) && opts.rounds >= 1)) usage('--rounds must be a positive integer');
  return opts;
}

/** Builds profile_c and profile_c_fast as ../shared/peers/run.sh does; returns their paths. */
function buildPeers(dir) {
  const built = {};
  for (const [name, defines] of [['c', []], ['c_fast', ['-DFASTLOG']]]) {
    const out = join(dir, `profile_${name}`);
    try {
      execFileSync('gcc', ['-O3', '-march=native', ...defines, '-o', out, 'profile.c', '-lm'], { cwd: PEERS, stdio: 'pipe' });
      built[name] = out;
    } catch (error) {
      built[name] = null;
      console.error(`note: could not build profile_${name} (${String(error.stderr ?? error.message).trim().split('\n')[0]})`);
    }
  }
  return built;
}

/** The implementations, each a command taking Q N SEED [REPS] and printing one JSON line. */
function implementations(machineInfo, peers) {
  const node = process.execPath;
  // profile_numpy.py imports ref.py from peers/..; it lives in ../shared/testdata.
  const pythonPath = [join(PEERS, '..', 'testdata'), process.env.PYTHONPATH].filter(Boolean).join(':');
  return [
    { name: 'wasm', what: 'this package: `joint.subsetEntropies()` (bench/profile-wasm.mjs), WebAssembly SIMD, 1 thread',
      command: [node, join(HERE, 'profile-wasm.mjs')] },
    { name: 'js', what: 'the same DFS in plain JavaScript, Float64Array + `Math.log` (bench/profile-js.mjs)',
      command: [node, join(HERE, 'profile-js.mjs')] },
    { name: 'c', what: '`profile_c`: ../shared/peers/profile.c, `gcc -O3 -march=native`, libm scalar `log()`',
      command: peers.c && [peers.c], missing: 'gcc build failed' },
    { name: 'c_fast', what: '`profile_c_fast`: the same with `-DFASTLOG`, hand-vectorised AVX-512 with its own log',
      command: peers.c_fast && [peers.c_fast], missing: 'gcc build failed' },
    { name: 'numpy', what: '../shared/peers/profile_numpy.py `--method dfs` (numpy, one call per subset)',
      command: machineInfo.numpy && [PYTHON, join(PEERS, 'profile_numpy.py')], suffix: ['--method', 'dfs'],
      env: { ...process.env, PYTHONPATH: pythonPath }, missing: 'numpy is not installed' },
  ];
}

// ---- running ------------------------------------------------------------------------------

const visits = (q, n) => (q + 1) ** n;

/** Runs one implementation on one workload; returns its JSON result or { error }. */
function runOne(impl, q, n, reps, timeoutSeconds) {
  const [command, ...args] = impl.command;
  const argv = [...args, String(q), String(n), String(SEED), ...(reps ? [String(reps)] : []), ...(impl.suffix ?? [])];
  return runJson(command, argv, { timeoutSeconds, env: impl.env ?? process.env });
}

/** Seconds `impl` should take at (q, n), from its time at the largest smaller n of the same q. */
function estimate(results, impl, q, n) {
  let best = null;
  for (const r of results) {
    const cell = r.cells[impl];
    if (r.q !== q || r.n >= n || !(cell?.seconds > 0)) continue;
    if (best === null || r.n > best.n) best = { n: r.n, seconds: cell.seconds };
  }
  return best && best.seconds * visits(q, n - best.n);
}

function relativeDifference(a, b) {
  const d = Math.abs(a - b);
  return d === 0 ? 0 : d / Math.max(Math.abs(a), Math.abs(b));
}

/** Largest relative difference of entropy, TC, DTC and h(j) between two results. */
function disagreement(a, b) {
  if (a.h?.length !== b.h?.length) return Infinity;
  let worst = 0;
  for (const key of ['entropy', 'tc', 'dtc']) worst = Math.max(worst, relativeDifference(a[key], b[key]));
  a.h.forEach((value, j) => { worst = Math.max(worst, relativeDifference(value, b.h[j])); });
  return Number.isNaN(worst) ? Infinity : worst;
}

/** Checks every result of one workload against wasm's (or the first available one). */
function check(row, names) {
  const done = names.filter((name) => row.cells[name]?.seconds !== undefined);
  if (done.length === 0) return { ok: true, text: '–' };
  const reference = row.cells[done[0]];
  let worst = 0;
  const wrong = [];
  for (const name of done) {
    const cell = row.cells[name];
    let d = disagreement(reference, cell);
    // wasm also reports H from the timed subset entropies next to the facade's measures.
    if (cell.timed_entropy !== undefined) d = Math.max(d, relativeDifference(cell.timed_entropy, cell.entropy));
    cell.disagreement = d;
    if (!(d <= RTOL)) wrong.push(`${name} ${d.toExponential(1)}`);
    else worst = Math.max(worst, d);
  }
  if (wrong.length >= 2 && wrong.length === done.length - 1) {
    return { ok: false, text: `**MISMATCH**: ${done[0]} disagrees with every other result (${wrong.join(', ')})` };
  }
  if (wrong.length) return { ok: false, text: `**MISMATCH** vs ${done[0]}: ${wrong.join(', ')}` };
  return { ok: true, text: done.length < 2 ? 'only one result' : `ok ${worst.toExponential(0)}` };
}

function runAll(impls, workloads, opts) {
  const results = [];
  const reps = opts.quick ? QUICK_REPS : 0;
  const timeout = Math.max(3 * opts.limit, 120);
  for (const [q, n] of workloads) {
    const row = { q, n, visits: visits(q, n), cells: {} };
    results.push(row);
    for (let round = 1; round <= opts.rounds; round++) {
      for (const impl of impls) {
        const previous = row.cells[impl.name];
        if (previous && previous.seconds === undefined) continue; // skipped, n/a or failed
        let cell;
        const guess = round === 1 ? estimate(results, impl.name, q, n) : null;
        if (!impl.command) cell = { status: 'n/a', note: impl.missing };
        else if (guess !== null && guess > opts.limit) cell = { status: 'skipped', estimate: guess };
        else {
          const r = runOne(impl, q, n, reps, timeout);
          cell = r.error ? { status: 'failed', note: r.error } : { ...r, rounds: round };
        }
        // Keep the fastest median over the rounds (a failure in a later round still shows).
        if (!previous || cell.seconds === undefined || cell.seconds < previous.seconds) row.cells[impl.name] = cell;
        else previous.rounds = round;
        const tag = opts.rounds > 1 ? ` (round ${round})` : '';
        console.error(`q=${q} n=${n} ${impl.name.padEnd(6)} ${describeCell(cell, row.visits)}${tag}`);
      }
    }
    row.check = check(row, impls.map((i) => i.name));
    console.error(`q=${q} n=${n} check  ${row.check.text}`);
  }
  return results;
}

function describeCell(cell, cellVisits) {
  if (cell.seconds !== undefined) {
    return `${fmt(cell.seconds)} s, ${fmt((cell.seconds / cellVisits) * 1e9)} ns/visit (median of ${cell.reps})`;
  }
  if (cell.status === 'skipped') return `skipped (estimated ${fmt(cell.estimate)} s)`;
  return `${cell.status}${cell.note ? `: ${cell.note}` : ''}`;
}

function measureKernels() {
  const child = spawnSync(process.execPath, [join(HERE, 'kernels.mjs')], { encoding: 'utf8', timeout: 120_000 });
  try {
    return JSON.parse(child.stdout.trim().split('\n').pop());
  } catch {
    return null;
  }
}

// ---- tables -------------------------------------------------------------------------------

/** Three significant digits, no exponent for ordinary sizes. */
function fmt(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return Number(x.toPrecision(3)).toString();
}

function cellText(cell, value) {
  if (cell?.seconds !== undefined) return fmt(value(cell));
  if (!cell) return '–';
  if (cell.status === 'skipped') return `skipped (~${Math.round(cell.estimate)} s)`;
  return cell.status;
}

function ratioCell(row, target) {
  const wasm = row.cells.wasm;
  const other = row.cells[target.versus];
  if (wasm?.seconds === undefined || other?.seconds === undefined) return { text: '–' };
  const r = target.ratio(wasm.seconds, other.seconds);
  const met = target.met(r);
  return { text: `${fmt(r)}× ${met ? 'met' : '**missed**'}`, met };
}

function tables(results, names) {
  const seconds = table(
    ['q', 'n', '(q+1)^n', ...names, 'check'],
    results.map((r) => [r.q, r.n, r.visits.toExponential(2), ...names.map((name) => cellText(r.cells[name], (c) => c.seconds)), r.check.text]),
  );
  const ns = table(
    ['q', 'n', ...names],
    results.map((r) => [r.q, r.n, ...names.map((name) => cellText(r.cells[name], (c) => (c.seconds / r.visits) * 1e9))]),
  );
  const targets = TARGETS.filter((t) => names.includes('wasm') && names.includes(t.versus));
  const tally = targets.map(() => ({ metCount: 0, of: 0 }));
  const ratioRows = results.map((r) => [r.q, r.n, ...targets.map((t, i) => {
    const cell = ratioCell(r, t);
    if (cell.met !== undefined) {
      tally[i].of++;
      if (cell.met) tally[i].metCount++;
    }
    return cell.text;
  })]);
  ratioRows.push(['', '**met**', ...tally.map((t) => `**${t.metCount} of ${t.of}**`)]);
  const ratios = targets.length ? table(['q', 'n', ...targets.map((t) => `${t.label} (target ${t.target})`)], ratioRows) : '';
  return { seconds, ns, ratios, tally: targets.map((t, i) => ({ ...t, ...tally[i] })) };
}

function kernelTable(kernels) {
  if (!kernels) return 'The kernel timings failed (bench/kernels.mjs).';
  return table(['kernel, in cache', 'ns per value (per output cell for marginalize)'],
    kernels.rows.map((row) => [row.name, row.ns === null ? 'n/a' : fmt(row.ns)]));
}

// ---- report -------------------------------------------------------------------------------

function range(values) {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return '–';
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
}

/** The data-driven part of "Reading the numbers". */
function reading(results, names, tally, kernels, info) {
  const nsOf = (name) => results.map((r) => (r.cells[name]?.seconds / r.visits) * 1e9);
  const lines = [];
  const busiest = Math.max(Number(info.loadBefore), Number(info.loadAfter));
  if (busiest > 0.5 * info.cores) {
    lines.push(`* **The machine was busy** (1-minute load average up to ${busiest} on ${info.cores} cores): other ` +
      'processes shared the CPU, so every time here is inflated and noisier than usual; prefer a run on a quiet machine.');
  }
  lines.push(`* ns per cell visit, over these workloads: ${names.map((name) => `${name} ${range(nsOf(name))}`).join('; ')}.`);
  for (const t of tally) {
    if (t.of === 0) continue;
    const missedAt = results.filter((r) => ratioCell(r, t).met === false).map((r) => `q=${r.q} n=${r.n}`);
    lines.push(`* ${t.label} (target ${t.target}): met at ${t.metCount} of ${t.of} workloads` +
      (missedAt.length ? `; missed at ${missedAt.join(', ')}.` : '.'));
  }
  const kernel = (prefix) => kernels?.rows.find((row) => row.name.startsWith(prefix))?.ns ?? null;
  const plogp = kernel('p log p');
  const log = kernel('log (');
  const mathLog = kernel('Math.log');
  if (plogp !== null && log !== null) {
    const shares = results.filter((r) => r.cells.wasm?.seconds !== undefined)
      .map((r) => `${Math.round((100 * plogp) / ((r.cells.wasm.seconds / r.visits) * 1e9))}% at q=${r.q} n=${r.n}`);
    lines.push(`* Where the wasm time goes: every cell visit is one p log p plus q additions. In cache, the kernel's ` +
      `log costs ${fmt(log)} ns per value and p log p summed ${fmt(plogp)} ns` +
      (mathLog !== null ? ` (Node's Math.log: ${fmt(mathLog)} ns)` : '') +
      `, i.e. p log p alone is about ${shares.join(', ')} of wasm's ns per visit; the rest is summing ` +
      'the axis out and memory traffic (see the kernel table).');
  }
  return lines.join('\n');
}

function report({ info, impls, results, opts, kernels, command, date }) {
  const names = impls.map((i) => i.name);
  const t = tables(results, names);
  const skipped = results.some((r) => names.some((name) => r.cells[name]?.status === 'skipped'));
  return `## Subset entropies: all 2^n H(X_A) (issue 3, item 7)

Generated by \`bench/run.mjs\`; re-running it rewrites this section.

### Machine and run

${machineTable(info, { date, command })}

### What is timed

All 2^n subset entropies H(X_A) of a Dirichlet(1) table on [q]^n (ref.py's
\`dirichlet1_portable\`, seed ${SEED}), by depth-first marginalisation: each marginal is summed
from its parent, positions removed in decreasing order, one buffer per depth. Work: (q+1)^n
cell visits, each one p log p and about q additions. Only this computation is timed, not the
table's generation. Each program runs in its own process and reports the median of its
repetitions (${opts.quick ? `${QUICK_REPS} each (--quick)` : 'one run, repeated up to ~1 s in all when under 0.5 s'})${
  opts.rounds > 1 ? `; everything ran ${opts.rounds} times, interleaved, and each cell is the fastest of those medians` : ''}.
Runs estimated at more than ${opts.limit} s (the same program's time at a smaller n times
(q+1)^Δn) are skipped.${skipped ? ' "skipped (~T s)" gives that estimate.' : ''}

| name | what |
|---|---|
${impls.map((i) => `| ${i.name} | ${i.what}${i.command ? '' : ` — n/a: ${i.missing}`} |`).join('\n')}

wasm is warmed up first (about 0.5 s of \`subsetEntropies()\` on a small table of the same q),
so that V8 has tiered its code up from Liftoff to TurboFan, as in a long-lived process; a fresh
joint is built outside the timed region for every repetition, since results are cached on a
joint. "check": every result agrees with wasm's on H, TC, DTC and every h(j) to this relative
difference (limit ${RTOL}); a disagreement shows as **MISMATCH** and fails the run.

### Results

Seconds per run:

${t.seconds}

ns per cell visit (seconds / (q+1)^n):

${t.ns}

Ratios of seconds, against the targets of issue 3 for single-threaded WebAssembly:

${t.ratios}

Single kernels of build/kernels.wasm on ${kernels?.values ?? '?'} values that stay in cache
(\`bench/kernels.mjs\`; best of 5 batches):

${kernelTable(kernels)}

### Reading the numbers

${reading(results, names, t.tally, kernels, info)}
* The machine is shared and noisy: ../shared/peers/RESULTS.md saw the same binary move by up
  to ±10% between two full runs (1.6× in one cell). Ratios from one run are more stable than
  absolute times; compare against the peers' own table only with the machine line in mind.
* numpy pays a few µs of call overhead per subset (2^n subsets), so it is slow on small tables
  and many subsets, and fast (SIMD \`np.log\`) when the marginals are large.
* c_fast reads a large table once for q ≥ 3 and q^n ≥ 2^21 (a blocked pass that makes H(X)
  and all n first-level marginals); the others stream it once per child.
`;
}

// ---- main ---------------------------------------------------------------------------------

function main() {
  const opts = options(process.argv.slice(2));
  const partial = opts.quick || opts.workloads.length > 0 || opts.impls !== null;
  const workloads = opts.workloads.length ? opts.workloads : opts.quick ? QUICK : FULL;
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) usage('dist/index.js is missing: run `npm run build` (or `npm run bench`)');
  if (!existsSync(join(PEERS, 'profile.c'))) usage(`the peers are missing: expected ${PEERS}/profile.c (../shared beside the repo)`);

  const date = dateNow();
  const info = machine({ gcc: true, python: PYTHON });
  const buildDir = mkdtempSync(join(os.tmpdir(), 'unmasking-bench-'));
  try {
    let impls = implementations(info, buildPeers(buildDir));
    if (opts.impls) {
      const unknown = opts.impls.filter((name) => !impls.some((i) => i.name === name));
      if (unknown.length) usage(`unknown --impls ${unknown.join(',')}`);
      impls = impls.filter((i) => opts.impls.includes(i.name));
    }
    const results = runAll(impls, workloads, opts);
    const kernels = measureKernels();
    info.loadAfter = loadAverage();
    const command = commandLine(import.meta.url, 'bench');
    const markdown = report({ info, impls, results, opts, kernels, command, date });
    console.log(markdown);
    const out = opts.out ?? (partial ? null : join(HERE, 'RESULTS.md'));
    if (out) {
      writeSection(out, 'subsets', markdown);
      console.error(`wrote ${relative(process.cwd(), out) || out}`);
    }
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ date, command, machine: info, results, kernels }, null, 2)}\n`);
    const bad = results.filter((r) => !r.check.ok);
    if (bad.length) {
      console.error(`bench: results disagree at ${bad.map((r) => `q=${r.q} n=${r.n}`).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}

main();
