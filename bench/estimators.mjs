#!/usr/bin/env node
// The estimators benchmark (issue 7, item 3): how fast estimationRisk runs and what it finds.
//   draws   drawCounts(p, { count: 1e6, seed }) on Dirichlet(1) tables of q^n = 2^10, 2^16, 2^20
//           cells (models.dirichlet(2, n, { seed: 1 })): draws per second of the wasm inverse CDF
//           with its guide table, beside plain JS (binary search over a Float64Array of running
//           sums, Math.random uniforms: what one writes without the package; not reproducible);
//   risk    estimationRisk(p, method, m, { trials, seed: 1 }) per method at (n, m) = (10, 1e4),
//           (16, 1e5), (20, 1e6): milliseconds per trial (draw + estimate + KL + entropy and TC
//           estimates) and the mean KL with its standard error, beside the plug-in's (S - 1)/(2m);
//   zipf    estimationRisk of every method (the Gaussian one at δ = 1e-6) on the power law p_i ∝ 1/i over d = 2^12, 2^14, 2^16
//           cells (index order), m = d/4, d, 4d, private methods at ε = 1: the setting of Ye,
//           Feldman and Talwar's Figure 2, where the DP sampling-twice estimator is claimed to beat
//           the minimax add-constant DP baseline ('dp' here).
// Each timing is the median of `rounds` runs.
//
//   node bench/estimators.mjs           3 rounds; writes section `estimators` of bench/RESULTS.md
//   node bench/estimators.mjs --quick   smaller sizes, 1 round (a smoke test; writes only with --out)
//   options: --rounds N   --out FILE (markdown: section `estimators`)
// `npm run bench:estimators` builds first.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, parseArgs, positiveIntegerOption, usageOf } from './cli.mjs';
import { dateNow, loadAverage, machine, machineTable } from './machine.mjs';
import { table, writeSection } from './results-file.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const { Joint, drawCounts, estimationRisk, models } = await import('../dist/index.js');

const FULL = {
  draws: { sizes: [10, 16, 20], count: 1e6 },
  risk: [[10, 1e4, 200], [16, 1e5, 20], [20, 1e6, 3]],
  zipf: [[12, 200], [14, 60], [16, 20]],
  epsilons: { n: 14, trials: 40, values: [0.1, 0.3, 1, 3, 10, 100] },
  rounds: 3,
};
const QUICK = { draws: { sizes: [10, 16], count: 1e5 }, risk: [[10, 1e4, 20], [16, 1e5, 2]], zipf: [[12, 10]], epsilons: { n: 12, trials: 5, values: [0.1, 1, 10] }, rounds: 1 };
const METHODS = ['plugin', 'laplace', 'kt', 'good-turing', 'held-out', 'sampling-twice', 'dp', 'dp-sampling-twice', 'dp-sampling-twice-gaussian', 'miller-madow'];
const ZIPF_METHODS = ['plugin', 'laplace', 'kt', 'good-turing', 'held-out', 'sampling-twice', 'dp', 'dp-sampling-twice', 'dp-sampling-twice-gaussian'];
const PRIVATE = ['dp', 'dp-sampling-twice', 'dp-sampling-twice-gaussian'];
/** δ of the Gaussian variant. */
const DELTA = 1e-6;
const privacy = (method, epsilon = 1) => (!PRIVATE.includes(method) ? {} : method === 'dp-sampling-twice-gaussian' ? { epsilon, delta: DELTA } : { epsilon });

const usage = usageOf(import.meta.url);
const opts = parseArgs(process.argv.slice(2), {
  defaults: { out: null, rounds: null },
  values: { '--out': ['out', resolve], '--rounds': ['rounds', positiveIntegerOption(usage, '--rounds')] },
}, usage);
const plan = opts.quick ? QUICK : FULL;
const rounds = opts.rounds ?? plan.rounds;
const out = opts.out ?? (opts.quick ? null : resolve(ROOT, 'bench/RESULTS.md'));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (v, digits = 3) => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : String(v));

function timedMs(work) {
  const start = performance.now();
  const result = work();
  return { ms: performance.now() - start, result };
}

/** Plain JS: m draws by binary search over running sums, Math.random uniforms. */
function plainDraws(probabilities, m) {
  const K = probabilities.length;
  const cdf = new Float64Array(K);
  let total = 0;
  for (let x = 0; x < K; x++) cdf[x] = total += probabilities[x];
  const counts = new Float64Array(K);
  for (let i = 0; i < m; i++) {
    const t = Math.random() * total;
    let lo = 0;
    let hi = K - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t < cdf[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}

const info = machine();
const drawRows = [];
for (const n of plan.draws.sizes) {
  const p = models.dirichlet(2, n, { seed: 1 });
  const probabilities = p.probabilities();
  const wasm = [];
  const js = [];
  for (let r = 0; r < rounds; r++) {
    const a = timedMs(() => drawCounts(p, { count: plan.draws.count, seed: r + 1 }));
    const b = timedMs(() => plainDraws(probabilities, plan.draws.count));
    if (a.result.reduce((s, v) => s + v, 0) !== plan.draws.count || b.result.reduce((s, v) => s + v, 0) !== plan.draws.count) throw new Error('lost draws');
    wasm.push(a.ms);
    js.push(b.ms);
  }
  const perSecond = (ms) => fmt(plan.draws.count / (ms / 1000) / 1e6) + 'M';
  drawRows.push([`2^${n}`, fmt(plan.draws.count, 2), `${fmt(median(wasm))} (${perSecond(median(wasm))}/s)`, `${fmt(median(js))} (${perSecond(median(js))}/s)`, fmt(median(js) / median(wasm), 2) + '×']);
  console.error(`draws 2^${n}: wasm ${fmt(median(wasm))} ms, js ${fmt(median(js))} ms`);
}

const riskRows = [];
for (const [n, m, trials] of plan.risk) {
  const p = models.dirichlet(2, n, { seed: 1 });
  for (const method of METHODS) {
    const times = [];
    let result;
    for (let r = 0; r < rounds; r++) {
      const t = timedMs(() => estimationRisk(p, method, m, { trials, seed: 1, ...privacy(method) }));
      times.push(t.ms / trials);
      result = t.result;
    }
    const klText = result.kl ? (result.kl.infiniteTrials > 0 ? `∞ (${result.kl.infiniteTrials}/${trials} trials)` : `${fmt(result.kl.mean)} ± ${fmt(result.kl.standardError, 2)}`) : '—';
    riskRows.push([`2^${n}`, fmt(m, 2), trials, method, fmt(median(times)), klText, fmt(result.entropy.bias), fmt(result.entropy.rmse), fmt(result.totalCorrelation.bias)]);
    console.error(`risk 2^${n} m=${m} ${method}: ${fmt(median(times))} ms/trial, KL ${klText}`);
  }
  riskRows.push([`2^${n}`, fmt(m, 2), '', '(S − 1)/(2m)', '', fmt((2 ** n - 1) / (2 * m)), '', '', '']);
}
const klText = (kl, trials) => (kl.infiniteTrials > 0 ? `∞ (${kl.infiniteTrials}/${trials})` : `${fmt(kl.mean)} ± ${fmt(kl.standardError, 2)}`);
const zipfRows = [];
for (const [n, trials] of plan.zipf) {
  const d = 2 ** n;
  const weights = Array.from({ length: d }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((s, v) => s + v, 0);
  const p = Joint.fromProbabilities(2, n, weights.map((v) => v / total));
  for (const m of [d / 4, d, 4 * d]) {
    const risks = Object.fromEntries(ZIPF_METHODS.map((method) => [method, estimationRisk(p, method, m, { trials, seed: 1, ...privacy(method) }).kl]));
    const ratio = (a, b) => fmt(risks[a].mean / risks[b].mean, 2);
    zipfRows.push([`2^${n}`, String(m), trials, ...ZIPF_METHODS.map((method) => klText(risks[method], trials)), ratio('sampling-twice', 'kt'), ratio('dp-sampling-twice', 'dp')]);
    console.error(`zipf 2^${n} m=${m}: ` + ZIPF_METHODS.map((method) => `${method} ${klText(risks[method], trials)}`).join(', '));
  }
}
const epsilonRows = [];
{
  const { n, trials, values } = plan.epsilons;
  const d = 2 ** n;
  const weights = Array.from({ length: d }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((s, v) => s + v, 0);
  const p = Joint.fromProbabilities(2, n, weights.map((v) => v / total));
  const plain = ['kt', 'sampling-twice'].map((method) => klText(estimationRisk(p, method, d, { trials, seed: 1 }).kl, trials));
  for (const epsilon of values) {
    const [dp, twice, gaussian] = PRIVATE.map((method) => estimationRisk(p, method, d, { trials, seed: 1, ...privacy(method, epsilon) }).kl);
    epsilonRows.push([String(epsilon), klText(dp, trials), klText(twice, trials), fmt(twice.mean / dp.mean, 2), klText(gaussian, trials), ...plain]);
    console.error(`zipf 2^${n} m=${d} ε=${epsilon}: dp ${klText(dp, trials)}, dp-sampling-twice ${klText(twice, trials)}`);
  }
}
info.loadAfter = loadAverage();

const markdown = `## Estimators: drawCounts and estimationRisk (issue 7, item 3)

Generated by \`bench/estimators.mjs\`; re-running it rewrites this section.

### Machine and run

${machineTable(info, { date: dateNow(), command: commandLine(import.meta.url, 'bench:estimators') })}

### Independent draws: drawCounts vs plain JS

Milliseconds for ${fmt(plan.draws.count, 2)} draws from a Dirichlet(1) table over q^n cells, median of ${rounds} rounds.
wasm: \`drawCounts\` (inverse CDF on 53-bit xoshiro256** uniforms, guide table, reproducible);
plain JS: binary search over running sums with \`Math.random\` (not reproducible).

${table(['cells', 'draws', 'drawCounts (ms)', 'plain JS (ms)', 'JS / wasm'], drawRows)}

### estimationRisk per trial

Milliseconds per trial (m draws, the estimate, KL(p ‖ p̂), the entropy and TC estimates), median
of ${rounds} rounds; p = models.dirichlet(2, n, { seed: 1 }); KL mean ± standard error over the trials
in nats; entropy and TC bias and RMSE in nats. Private methods at ε = 1 (the Gaussian one with δ = ${DELTA.toExponential()}). The (S − 1)/(2m) row is the
plug-in's classic KL asymptote with full support S = q^n (not reached where m ≲ q^n: there the
plug-in misses cells and its KL is infinite).

${table(['cells', 'm', 'trials', 'method', 'ms / trial', 'KL(p ‖ p̂)', 'entropy bias', 'entropy RMSE', 'TC bias'], riskRows)}

### KL risk on a power law (Ye, Feldman, Talwar 2025, Figure 2's setting)

E KL(p ‖ p̂) in nats (mean ± standard error over the trials, seed 1: every method but 'held-out' sees
the same draws) for p_i ∝ 1/i over d cells (p = Joint.fromProbabilities(2, log2 d, ...)), m samples;
private methods at ε = 1 (one sample replaced; 'dp-sampling-twice-gaussian' with δ = ${DELTA.toExponential()}). ∞ (k/T): k of the T trials gave an
unseen cell of positive mass zero probability. Last columns: risk ratios sampling-twice / kt and
dp-sampling-twice / dp (below 1: the sampling-twice estimator wins).

${table(['d', 'm', 'trials', ...ZIPF_METHODS, 'st / kt', 'dp-st / dp'], zipfRows)}

The same power law over d = 2^${plan.epsilons.n} cells, m = d, ${plan.epsilons.trials} trials, across ε; the non-private
'kt' and 'sampling-twice' (no ε) repeated on each row for reference.

${table(['ε', 'dp', 'dp-sampling-twice', 'dp-st / dp', 'dp-sampling-twice-gaussian', 'kt', 'sampling-twice'], epsilonRows)}
`;

if (out) {
  writeSection(out, 'estimators', markdown);
  console.error(`wrote section estimators of ${relative(process.cwd(), out)}`);
} else {
  console.log(markdown);
}
