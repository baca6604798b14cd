#!/usr/bin/env node
// The benchmark of issue 4, item 8: the mask lattice build and samplerDistribution, WebAssembly
// against plain JavaScript twins of the same algorithms (bench/js/), timed in one run:
//   lattice      q=2 n=16, q=26 n=4: wasm = build/kernels.wasm latticeBuild called directly;
//   random       samplerDistribution(p, { sizes }) (the package, dist/) vs bench/js samplerRandom;
//   confidence   samplerDistribution(p, { sizes, policy: 'confidence' }) vs samplerConfidence;
// for q=2 n=16 sizes [4, 4, 4, 4] and q=26 n=4 sizes [2, 2] and [1, 1, 1, 1], on the
// Dirichlet(1) tables models.dirichlet(q, n, { seed: 1 }) (ref.py's dirichlet1_portable).
// Every workload is warmed up on a smaller table first; then timed runs repeat (3 while their
// total stays under BUDGET seconds, up to 21 while under 1 s), and the median is kept. The lattice of the
// timed joint (wasm) and the JS lattice are built outside the timed region. Each wasm result
// is compared with its JS twin (max |Δ| over all cells); above 1e-12 the run fails.
//
//   node bench/schedules.mjs           all workloads; writes section `schedules` of bench/RESULTS.md
//   node bench/schedules.mjs --quick   small tables (q=2 n=10, q=26 n=3), nothing written
// `npm run bench:schedules` builds the package first.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { latticeBuild as jsLattice } from './js/lattice.mjs';
import { samplerConfidence, samplerRandom } from './js/samplerDistribution.mjs';
import { dateNow, loadAverage, machine, machineTable } from './machine.mjs';
import { writeSection } from './results-file.mjs';
import { median } from './timing.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SEED = 1;
const LIMIT = 1e-12;
const BUDGET = 30;
const MAX_RUNS = 3;

const quick = process.argv.includes('--quick');
const { models, samplerDistribution } = await import('../dist/index.js');

/**
 * The kernels of build/kernels.wasm, in a memory of their own: the threads build imports its
 * memory (env.memory, shared, as src/wasm/runtime.ts gives it: 1 page to start, 4 GiB at most).
 */
async function kernels() {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
  const { instance } = await WebAssembly.instantiate(readFileSync(join(HERE, '..', 'build', 'kernels.wasm')), { env: { memory } });
  const k = instance.exports;
  let top = (k.heapBase() + 63) & ~63;
  const alloc = (bytes) => {
    const at = top;
    top = (top + bytes + 63) & ~63;
    const missing = top - k.memory.buffer.byteLength;
    if (missing > 0) k.memory.grow(Math.ceil(missing / 65536));
    return at;
  };
  return { k, alloc, reset: (mark) => { top = mark; }, mark: () => top };
}

const seconds = (f) => {
  const t0 = process.hrtime.bigint();
  const result = f();
  return { t: Number(process.hrtime.bigint() - t0) * 1e-9, result };
};

/**
 * Median seconds and the last result of repeated runs: at least MAX_RUNS while the total stays
 * under BUDGET seconds, and more (up to 21) while it stays under 1 s.
 */
function timeMedian(run) {
  const times = [];
  let result;
  let spent = 0;
  const more = () => times.length === 0 || (times.length < MAX_RUNS && spent + times[times.length - 1] <= BUDGET) || (times.length < 21 && spent < 1);
  while (more()) {
    const r = seconds(run);
    times.push(r.t);
    spent += r.t;
    result = r.result;
  }
  return { seconds: median(times), runs: times.length, result };
}

function maxDifference(a, b) {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return Number.isNaN(d) ? Infinity : d;
}

/** Runs `f` on small tables of alphabet q for about 0.3 s (V8 tiers the code up). */
function warmUp(q, f) {
  const n = q === 2 ? 8 : 2;
  const t0 = Date.now();
  for (let calls = 0; calls < 3 || Date.now() - t0 < 300; calls++) f(models.dirichlet(q, n, { seed: 2 + calls }), n);
}

const choose = (m, k) => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (m - k + i)) / i;
  return r;
};

/** The work of each computation, in its natural unit (ns per unit in the table). */
const WORK = {
  lattice: (q, n) => n * (q - 1) * (q + 1) ** (n - 1), // additions
  random: (q, n, sizes) => {
    let w = 0;
    let total = 0;
    for (const s of sizes) {
      w += s;
      total += choose(n, w) * choose(w, s) * q ** w; // multiply-adds into the level of size w
    }
    return total;
  },
  confidence: (q, n, sizes) => {
    let w = 0;
    let total = 0;
    for (const s of sizes) {
      w += s;
      total += q ** w; // children pushed from the reachable states of level w - s, at most
    }
    return total;
  },
};

const WORKLOADS = quick
  ? [[2, 10, [[3, 3, 3, 1]]], [26, 3, [[2, 1], [1, 1, 1]]]]
  : [[2, 16, [[4, 4, 4, 4]]], [26, 4, [[2, 2], [1, 1, 1, 1]]]];

async function main() {
  const info = machine();
  const { k, alloc, reset, mark } = await kernels();
  const rows = [];
  for (const [q, n, sizesList] of WORKLOADS) {
    const joint = models.dirichlet(q, n, { seed: SEED });
    const p = joint.probabilities();
    // Lattice: the kernel directly, on its own memory.
    const base = mark();
    const table = alloc(q ** n * 8);
    new Float64Array(k.memory.buffer, table, q ** n).set(p);
    const lattice = alloc((q + 1) ** n * 8);
    warmUp(q, (small, m) => jsLattice(small.probabilities(), q, m));
    const wasmLattice = timeMedian(() => k.latticeBuild(table, q, n, lattice));
    const js = timeMedian(() => jsLattice(p, q, n));
    const jsL = js.result;
    rows.push({ what: 'lattice build', q, n, sizes: '–', work: WORK.lattice(q, n), wasm: wasmLattice, js, diff: maxDifference(new Float64Array(k.memory.buffer, lattice, (q + 1) ** n), jsL) });
    reset(base);
    report(rows[rows.length - 1]);
    joint.latticePointer('bench'); // built (and kept on the joint) outside the timed region
    for (const sizes of sizesList) {
      for (const [policy, twin] of [['random', samplerRandom], ['confidence', samplerConfidence]]) {
        warmUp(q, (small, mm) => samplerDistribution(small, { sizes: [mm], policy }).dispose());
        warmUp(q, (small, mm) => twin(jsLattice(small.probabilities(), q, mm), q, mm, [mm]));
        const wasm = timeMedian(() => samplerDistribution(joint, { sizes, policy }));
        const got = wasm.result.probabilities();
        wasm.result.dispose();
        const jsRun = timeMedian(() => twin(jsL, q, n, sizes));
        rows.push({ what: `samplerDistribution ${policy}`, q, n, sizes: `[${sizes.join(', ')}]`, work: WORK[policy](q, n, sizes), wasm, js: jsRun, diff: maxDifference(got, jsRun.result) });
        report(rows[rows.length - 1]);
      }
    }
    joint.dispose();
  }
  info.loadAfter = loadAverage();
  const markdown = section(info, rows);
  console.log(markdown);
  if (!quick) {
    writeSection(join(HERE, 'RESULTS.md'), 'schedules', markdown);
    console.error('wrote section `schedules` of bench/RESULTS.md');
  }
  if (rows.some((r) => !(r.diff <= LIMIT))) {
    console.error(`bench/schedules: a wasm result differs from its JS twin by more than ${LIMIT}`);
    process.exitCode = 1;
  }
}

/** Three significant digits. */
const fmt = (x) => (x >= 1e5 || (x > 0 && x < 1e-3) ? x.toExponential(2) : Number(x.toPrecision(3)).toString());

function report(r) {
  console.error(`${r.what} q=${r.q} n=${r.n} ${r.sizes}: wasm ${fmt(r.wasm.seconds)} s (${r.wasm.runs}), js ${fmt(r.js.seconds)} s (${r.js.runs}), max |Δ| ${r.diff.toExponential(1)}`);
}

function section(info, rows) {
  const lines = rows.map((r) => `| ${r.what} | ${r.q} | ${r.n} | ${r.sizes} | ${fmt(r.work)} | ${fmt((r.wasm.seconds / r.work) * 1e9)} | ${fmt(r.wasm.seconds)} | ${fmt(r.js.seconds)} | ${fmt(r.wasm.seconds / r.js.seconds)} | ${fmt(r.js.seconds / r.wasm.seconds)}× | ${r.diff.toExponential(0)} |`);
  return `## Lattice build and samplerDistribution: wasm vs plain JS (issue 4, item 8)

Generated by \`bench/schedules.mjs\` (\`npm run bench:schedules\`); re-running it rewrites this section.

### Machine and run

${machineTable(info, { date: dateNow() })}

### What is timed

Dirichlet(1) tables \`models.dirichlet(q, n, { seed: ${SEED} })\`. **wasm**: the lattice build is
\`latticeBuild\` of build/kernels.wasm called directly ((q+1)^n cells, n passes of f64x2 sums);
samplerDistribution is the package's call (dist/), on a joint whose lattice is already built.
**js**: the twins in bench/js/ — \`lattice.mjs\` (the same passes, scalar) and
\`samplerDistribution.mjs\` (random: the same level-compact algorithm; confidence: the same
pass over the reachable states only, a Map per revealed count expanded by decreasing lattice
index, fully revealed states straight into the output), Float64Array, one thread. Each workload is warmed up on
a smaller table first; timed runs repeat (${MAX_RUNS} while their total stays under ${BUDGET} s,
up to 21 while under 1 s) and the table gives the median (runs of tens of seconds are timed once). "max |Δ|":
largest difference over all cells between the wasm result and its twin's (limit ${LIMIT}).
"work": lattice, n (q-1) (q+1)^(n-1) additions; random, sum_k C(n, w_k) C(w_k, s_k) q^(w_k)
multiply-adds (w_k = s_1 + ... + s_k); confidence, sum_k q^(w_k), the children pushed from the
reachable states (an upper bound: paths that meet push fewer). "wasm /
js": ratio of seconds (below 1: wasm faster); "speed-up": js / wasm.

### Results

| what | q | n | sizes | work | wasm ns / work | wasm (s) | js (s) | wasm / js | speed-up | max \\|Δ\\| |
|---|---|---|---|---|---|---|---|---|---|---|
${lines.join('\n')}
`;
}

await main();
