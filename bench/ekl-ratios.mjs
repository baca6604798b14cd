#!/usr/bin/env node
// The table of issue 4, item 3: how EKL·K/TC and EKL·K/DTC behave as n grows, for the
// randomized-size family in the spirit of Zhao–Cai (schedules.randomizedGeometric, weight 'tc'
// and 'dtc', exact expectation by expectedKLMixture), the TC / DTC / two-sided adapted rules of
// Chen–Cong–Li (eps chosen as the smallest giving at most K steps), and the constant and
// profile-optimal K-step schedules as reference points. EKL is the exact E_S KL(p || q_S) of
// ../shared/SCHEDULES.md §0 (perfect denoiser; the error is parallelism only), from the model's
// entropy profile. Every cell is checked against the published bounds (dimension-free
// (s_max - 1)(D(0) - D(n-1)), Li–Cai's, eps·TC / eps·DTC / eps·min for the adapted rules), and
// for n <= 6 every size vector's EKL against a brute force over all reveal orders.
//
//   node bench/ekl-ratios.mjs            n = 4, 6, ..., 20 (~2 min); writes section `ekl` of bench/RESULTS.md
//   node bench/ekl-ratios.mjs --quick    n = 4, 6, 8, 10 (a smoke test, a second)
//   options: --out FILE (markdown; a quick run writes a file only when --out says so)
// `npm run bench:ekl` builds the package first; this script uses dist/ as it is.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, parseArgs, usageOf } from './cli.mjs';
import { dateNow, machine } from './machine.mjs';
import { table, writeSection } from './results-file.mjs';

const { models, schedules, expectedKL, expectedKLMixture, bounds } = await import('../dist/index.js');

const HERE = dirname(fileURLToPath(import.meta.url));
const FULL_N = [4, 6, 8, 10, 12, 14, 16, 18, 20];
const QUICK_N = [4, 6, 8, 10];
/** Largest n whose size vectors are all re-computed by brute force over reveal orders. */
const BRUTE_N = 6;
/** Relative slack of the bound checks and the brute-force comparison. */
const RTOL = 1e-9;

/**
 * The models, q = 2, with parameters giving dependence at every range. Parity and copies are
 * the two extremes of the weight form: all of dF at m = n - 1 (TC = ln 2, DTC = (n-1) ln 2) and
 * all of it at m = 1 (TC = (n-1) ln 2, DTC = ln 2).
 */
const MODELS = [
  { title: 'Binary symmetric Markov chain, flip 0.1', build: (n) => models.markovChain(n, { flip: 0.1 }) },
  { title: 'Even parity, q = 2', build: (n) => models.parity(2, n) },
  { title: 'Copies of one fair bit', build: (n) => models.copies(2, n) },
  { title: 'Ising chain, J = 0.5, h = 0.2, open boundary', build: (n) => models.isingChain(n, { J: 0.5, h: 0.2 }) },
  { title: 'Ising 2 × n/2 grid, J = 0.5, h = 0, open boundary', build: (n) => models.ising2d(2, n / 2, { J: 0.5 }) },
];

// ---- schedule families --------------------------------------------------------------------

/** A fixed schedule as a one-point law. */
const fixed = (sizes) => [{ probability: 1, sizes }];

/**
 * The adapted rule's schedule for the smallest eps giving at most K steps. Step counts only
 * change where eps·m crosses an integer (and, two-sided, where (1 + eps(n-a+1))/(1 + eps) does),
 * i.e. at eps = k/m, so those are the candidates, in increasing order.
 */
function adaptedWithin(rule, n, K) {
  const candidates = [];
  for (let m = 1; m <= n + 1; m++) for (let k = 1; k <= n; k++) candidates.push(k / m);
  candidates.sort((a, b) => a - b);
  for (const eps of candidates) {
    const sizes = rule(n, eps);
    if (sizes.length <= K) return { eps, law: fixed(sizes) };
  }
  throw new Error(`no eps gives ${rule.name}(${n}, eps) at most ${K} steps`);
}

/**
 * Each family gives, for (n, K, profile), a law over size vectors with at most K steps and,
 * for the adapted rules, the eps they were built with and the guarantee EKL <= eps·guarantee.
 */
const FAMILIES = [
  { key: 'constant', make: (n, K) => ({ law: fixed(schedules.constant(n, K)) }) },
  { key: 'optimal', make: (n, K, profile) => ({ law: fixed(schedules.optimal(profile, K).sizes) }) },
  { key: 'TC-adapted', guarantee: 'TC', make: (n, K) => adaptedWithin(schedules.tcAdapted, n, K) },
  { key: 'DTC-adapted', guarantee: 'DTC', make: (n, K) => adaptedWithin(schedules.dtcAdapted, n, K) },
  { key: 'two-sided', guarantee: 'min', make: (n, K) => adaptedWithin(schedules.twoSided, n, K) },
  { key: 'random TC', make: (n, K) => ({ law: schedules.randomizedGeometric(n, K, { weight: 'tc' }) }) },
  { key: 'random DTC', make: (n, K) => ({ law: schedules.randomizedGeometric(n, K, { weight: 'dtc' }) }) },
];

/** The step budgets: 2, 4, 8 and n/2, those below n, without repeats. */
const budgets = (n) => [...new Set([2, 4, 8, n / 2])].filter((K) => K < n).sort((a, b) => a - b);

// ---- exact values, checks --------------------------------------------------------------------

/** Expectation over a law of f(sizes). */
const mean = (law, f) => law.reduce((sum, { probability, sizes }) => sum + probability * f(sizes), 0);

/**
 * Distribution-free worst cases: sup over all p of EKL·K/TC and of EKL·K/DTC for this law,
 * i.e. max_m K E r(m)/(n - m) and max_m K E r(m)/m (weight form, SCHEDULES.md §0).
 */
function worstCase(n, K, law) {
  const r = schedules.revealWeights(n, law);
  let tc = 0;
  let dtc = 0;
  for (let m = 1; m < n; m++) {
    tc = Math.max(tc, (K * r[m]) / (n - m));
    dtc = Math.max(dtc, (K * r[m]) / m);
  }
  return { tc, dtc };
}

/**
 * E_S KL(p || q_S) by enumeration, independent of the entropy profile: every ordering of the
 * positions cut into blocks of `sizes` (so every ordered partition equally often), with
 * q_S(x) = prod_k prod_{i in S_k} p(x_i | x_{W_{k-1}}). Returns sizes => EKL for one joint,
 * remembering the marginals and the answers. O(n! q^n n) per size vector.
 */
function bruteForce(joint) {
  const { q, n } = joint;
  const p = joint.probabilities();
  const weight = Array.from({ length: n }, (_, i) => q ** (n - 1 - i));
  // marginal[mask][x] = p(x_A), A = the positions in mask: sums over x agreeing on A.
  const marginal = Array.from({ length: 2 ** n }, (_, mask) => {
    const key = (x) => weight.reduce((k, w, i) => ((mask >> i) & 1 ? k + (Math.floor(x / w) % q) * w : k), 0);
    const sums = new Float64Array(p.length);
    for (let x = 0; x < p.length; x++) sums[key(x)] += p[x];
    return Float64Array.from(p, (_, x) => sums[key(x)]);
  });
  const memo = new Map();
  const ekl = (sizes) => {
    let total = 0;
    let orders = 0;
    for (const order of permutations(n)) {
      let kl = 0;
      for (let x = 0; x < p.length; x++) {
        if (p[x] === 0) continue;
        let logQ = 0;
        let at = 0;
        let W = 0;
        for (const s of sizes) {
          const block = order.slice(at, at + s);
          for (const i of block) logQ += Math.log(marginal[W | (1 << i)][x] / marginal[W][x]);
          for (const i of block) W |= 1 << i;
          at += s;
        }
        kl += p[x] * (Math.log(p[x]) - logQ);
      }
      total += kl;
      orders++;
    }
    return total / orders;
  };
  return (sizes) => {
    const key = sizes.join();
    if (!memo.has(key)) memo.set(key, ekl(sizes));
    return memo.get(key);
  };
}

function* permutations(n) {
  const a = Array.from({ length: n }, (_, i) => i);
  function* go(k) {
    if (k === n) yield a.slice();
    for (let i = k; i < n; i++) {
      [a[k], a[i]] = [a[i], a[k]];
      yield* go(k + 1);
      [a[k], a[i]] = [a[i], a[k]];
    }
  }
  yield* go(0);
}

/** One cell: the family's exact EKL at (n, K) on this profile, its bounds and the checks. */
function cell(family, n, K, profile, measures, bruteForceEKL, problems) {
  const { law, eps } = family.make(n, K, profile);
  const ekl = expectedKLMixture(profile, law);
  const where = `${family.key}, n = ${n}, K = ${K}`;
  const exceeds = (value, bound, name) => {
    if (value > bound * (1 + RTOL) + 1e-12) problems.push(`${where}: EKL ${value} above ${name} ${bound}`);
  };
  exceeds(ekl, mean(law, (sizes) => bounds(profile, sizes).dimensionFree), 'the dimension-free bound');
  exceeds(ekl, mean(law, (sizes) => bounds(profile, sizes).mutualInformation), "Li–Cai's bound");
  if (family.guarantee) {
    const { TC, DTC } = measures;
    exceeds(ekl, eps * { TC, DTC, min: Math.min(TC, DTC) }[family.guarantee], `eps·${family.guarantee}`);
  }
  let bruteForceError = 0;
  if (bruteForceEKL) {
    for (const { sizes } of law) {
      const exact = expectedKL(profile, sizes).total;
      const brute = bruteForceEKL(sizes);
      bruteForceError = Math.max(bruteForceError, Math.abs(exact - brute));
      if (Math.abs(exact - brute) > 1e-12 + RTOL * brute) problems.push(`${where}: sizes ${sizes} EKL ${exact}, brute force ${brute}`);
    }
  }
  return {
    ekl,
    eps,
    steps: mean(law, (sizes) => sizes.length),
    tcRatio: (ekl * K) / measures.TC,
    dtcRatio: (ekl * K) / measures.DTC,
    dimensionFree: ekl / mean(law, (sizes) => bounds(profile, sizes).dimensionFree),
    worst: worstCase(n, K, law),
    bruteForceError,
  };
}

/** Every model, n and K: rows { n, K, TC, DTC, cells: { family: cell } }. */
function run(ns, problems) {
  return MODELS.map((model) => {
    const rows = [];
    for (const n of ns) {
      const joint = model.build(n);
      const profile = joint.profile();
      const measures = { TC: joint.totalCorrelation(), DTC: joint.dualTotalCorrelation() };
      const bruteForceEKL = n <= BRUTE_N ? bruteForce(joint) : null;
      for (const K of budgets(n)) {
        const cells = Object.fromEntries(FAMILIES.map((f) => [f.key, cell(f, n, K, profile, measures, bruteForceEKL, problems)]));
        rows.push({ n, K, ...measures, cells });
      }
      joint.dispose();
    }
    return { model, rows };
  });
}

// ---- report ---------------------------------------------------------------------------------

/** Three significant digits; zeros up to rounding (|x| < 1e-9) as 0. */
function fmt(x) {
  if (Math.abs(x) < 1e-9) return '0';
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

function modelTable({ model, rows }) {
  const header = ['n', 'K', 'TC', 'DTC', ...FAMILIES.map((f) => f.key), 'max EKL / LZ'];
  const body = rows.map((row) => {
    const cells = FAMILIES.map((f) => row.cells[f.key]);
    const ratios = FAMILIES.map((f) => {
      const c = row.cells[f.key];
      const fewer = c.steps < row.K - 1e-9 ? ` (${fmt(c.steps)})` : '';
      return `${fmt(c.tcRatio)} / ${fmt(c.dtcRatio)}${fewer}`;
    });
    const lz = Math.max(...cells.map((c) => c.dimensionFree).filter(Number.isFinite));
    return [row.n, row.K, fmt(row.TC), fmt(row.DTC), ...ratios, fmt(lz)];
  });
  return `### ${model.title}\n\n${table(header, body)}`;
}

/** Distribution-free worst cases depend on (n, K) only: taken from the first model's rows. */
function worstTable(results) {
  const keys = FAMILIES.filter((f) => f.key !== 'optimal').map((f) => f.key);
  const body = results[0].rows.map((row) => [row.n, row.K, ...keys.map((k) => `${fmt(row.cells[k].worst.tc)} / ${fmt(row.cells[k].worst.dtc)}`), fmt(Math.log(row.n))]);
  return table(['n', 'K', ...keys, 'ln n'], body);
}

/** The rows of one result whose K is given by `pick(n)`, in increasing n. */
const rowsAt = (result, pick) => result.rows.filter((row) => row.K === pick(row.n));

/** "a → b" over n for a row value, e.g. a family's worst case at K = n/2. */
function trend(rows, value) {
  return `${fmt(value(rows[0]))} (n = ${rows[0].n}) → ${fmt(value(rows.at(-1)))} (n = ${rows.at(-1).n})`;
}

/** "v (n = ..), ..." over rows. */
const list = (rows, value) => rows.map((row) => `${fmt(value(row))} (n = ${row.n})`).join(', ');

/** The chain and Ising models: dependence at every range, unlike parity and copies. */
const smooth = (results) => results.filter(({ model }) => !/parity|Copies/.test(model.title));

/** min–max of a family's ratio over the rows of the chain and Ising models at K = n/2. */
function spread(results, key, ratio) {
  const values = smooth(results).flatMap((result) => rowsAt(result, (n) => n / 2).map((row) => row.cells[key][ratio]));
  return `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
}

/** The paragraph under the tables: what the numbers show, with the numbers of this run. */
function reading(results) {
  const half = rowsAt(results[0], (n) => n / 2);
  const four = rowsAt(results[0], () => 4);
  const worst = (key, which) => (row) => row.cells[key].worst[which];
  const tcWorst = half.map(worst('random TC', 'tc'));
  const grows = tcWorst.at(-1) > 1.1 * tcWorst[0];
  const constantOverOptimal = Math.max(...smooth(results).flatMap((r) => r.rows.map((row) => row.cells.constant.ekl / row.cells.optimal.ekl)));
  return `- **Trivial ceiling.** r(m) <= n - m, so EKL <= TC and EKL·K/TC <= K for every schedule:
  a TC-type guarantee says something only where the ratio stays well below K.
- **Random TC, K = n/2.** Its worst case over all distributions is ${list(half, worst('random TC', 'tc'))},
  against ln n = ${trend(half, (row) => Math.log(row.n))}; on the Markov chain and the Ising
  models EKL·K/TC is ${spread(results, 'random TC', 'tcRatio')}. ${grows ? `The worst case grows with n up to n = ${half.at(-1).n}.` : `It does not grow with n up to n = ${half.at(-1).n}: the
  Õ(TC/K) shape holds here with a constant of about ${fmt(tcWorst.at(-1))}, no visible log n factor.`} At a fixed K <= log2 n the worst case is K itself,
  reached by parity: n^(1/K) >= 2, so the mirrored grid's last step is never a singleton.
- **Random DTC, K = n/2.** Worst case EKL·K/DTC ${trend(half, worst('random DTC', 'dtc'))}; on the chain
  and Ising models ${spread(results, 'random DTC', 'dtcRatio')}. **At a fixed K it grows like n^(1/K), faster than ln n:**
  at K = 4 the worst case is ${list(four, worst('random DTC', 'dtc'))}. It is reached by copies, where EKL = (s_1 - 1) ln 2
  exactly (SCHEDULES.md §8.2; brute force agrees for n <= ${BRUTE_N}), so the ratio is K (E s_1 - 1) with
  s_1 = floor(n^((1+u)/K)) >= floor(n^(1/K)): of order n^(1/K), since the grid never starts with
  a single position. The deterministic DTC-adapted rule has ${trend(four, worst('DTC-adapted', 'dtc'))} there.
  Unlike EKL·K/TC, EKL·K/DTC has no ceiling of K (r(1) = s_1 - 1 can exceed 1).
- **Parity** (TC = ln 2, DTC = (n-1) ln 2): EKL = ln 2 · P(s_K >= 2) (SCHEDULES.md §8.3). The
  TC-type rules end on singletons and reach 0 once K is large enough; every schedule ending on a
  bigger step pays ln 2, which is EKL·K/TC = K but only EKL·K/DTC = K/(n-1): for the DTC-type
  rules a large DTC makes the guarantee loose, not wrong. **Copies** mirror this.
- **References.** The profile-optimal schedule is below every family everywhere (0 on parity and
  copies); on the chain and Ising models the constant schedule's EKL is at most ${fmt(constantOverOptimal)}× the optimal.
  No EKL exceeds the dimension-free bound; max EKL / LZ reaches 1 on copies and on parity.`;
}

function report({ results, problems, command, date }) {
  const info = machine();
  const maxBrute = Math.max(...results.flatMap((r) => r.rows.flatMap((row) => Object.values(row.cells).map((c) => c.bruteForceError))));
  return `## Expected KL against TC and DTC as n grows (issue 4, item 3)

Generated by \`bench/ekl-ratios.mjs\`; re-running it rewrites this section.

| | |
|---|---|
| date | ${date} |
| command | \`${command}\` |
| machine | ${info.cpu}, ${info.cores} cores, Node ${process.version} |
| unmasking | commit ${info.commit} |

Each cell is **EKL·K/TC / EKL·K/DTC** for a budget of K steps, EKL the exact expected KL of the
unmasking sampler with a perfect denoiser (nats; TC and DTC in nats too). A family that used
fewer steps than K on average shows its mean step count in parentheses; the ratio still uses K.
Families: \`constant(n, K)\`; \`optimal(profile, K)\` (the best K-step schedule for this profile);
the TC-adapted, DTC-adapted and two-sided rules at the smallest eps giving at most K steps;
\`randomizedGeometric(n, K, { weight })\` with weight 'tc' and 'dtc' (64 offsets; a random size
vector per run, exact expectation over its law). *max EKL / LZ*: the largest ratio over the
families of EKL to the dimension-free bound (s_max - 1)(D(0) - D(n-1)) (expected s_max for the
random families).

Checks: every EKL is at most the dimension-free bound and Li–Cai's bound, and each adapted
rule's EKL at most eps·TC, eps·DTC or eps·min(TC, DTC); for n <= ${BRUTE_N} every size vector's
EKL matches a brute force over all n! reveal orders (largest difference ${maxBrute.toExponential(1)} nats).
${problems.length === 0 ? 'All checks pass.' : `**Failed checks:**\n\n${problems.map((p) => `- ${p}`).join('\n')}`}

${results.map(modelTable).join('\n\n')}

### Worst case over all distributions

sup over every joint p on n positions of EKL·K/TC / EKL·K/DTC, i.e. max_m K E r(m)/(n-m) and
max_m K E r(m)/m in the weight form EKL = sum_m r(m) dF(m) (SCHEDULES.md §0); the same for
every model. A TC-type guarantee Õ(TC/K) asks the first number to stay within a log factor.

${worstTable(results)}

### Reading

${reading(results)}`;
}

// ---- command line -------------------------------------------------------------------------

const usage = usageOf(import.meta.url);

const opts = parseArgs(process.argv.slice(2), { defaults: { out: null }, values: { '--out': ['out', resolve] } }, usage);
const ns = opts.quick ? QUICK_N : FULL_N;
const out = opts.out ?? (opts.quick ? null : resolve(HERE, 'RESULTS.md'));
const problems = [];
const started = performance.now();
const results = run(ns, problems);
const command = commandLine(import.meta.url);
const date = dateNow();
const markdown = report({ results, problems, command, date });
console.log(markdown);
console.error(`bench/ekl-ratios.mjs: ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (out) {
  writeSection(out, 'ekl', markdown);
  console.error(`wrote section ekl of ${relative(process.cwd(), out)}`);
}
if (problems.length > 0) process.exitCode = 1;
