// The reference checks, written once for any engine: the browser page runs them, and Node can
// import this file too (plain ESM, no Node or DOM APIs). Each function takes the package's
// exports as `api`, so the same code checks dist/index.js wherever it is loaded.
//
// A check is one quantity of one case (an array counts once); a failure carries the case, the
// quantity (with the first failing index for arrays), got, want and |Δ|. All values are in nats.

/** Absolute tolerance, as in test/reference.test.ts. */
export const TOLERANCE = 1e-12;

/** Collects passes and failures for one named subject (a reference case, the bundle, ...). */
export class Tally {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failures = [];
  }

  fail(quantity, got, want, note = '') {
    const delta = typeof got === 'number' && typeof want === 'number' ? Math.abs(got - want) : NaN;
    this.failures.push({ case: this.name, quantity, got, want, delta, note });
  }

  ok(condition, quantity, got, want, note = '') {
    if (condition) this.passed++;
    else this.fail(quantity, got, want, note);
  }

  /** |got - want| <= TOLERANCE (NaN never passes). */
  close(quantity, got, want) {
    this.ok(Math.abs(got - want) <= TOLERANCE, quantity, got, want);
  }

  /** Element-wise close; one check per array, reporting the first failing index and how many fail. */
  allClose(quantity, got, want) {
    if (got?.length !== want.length) return this.fail(`${quantity}.length`, got?.length, want.length);
    let first = -1;
    let bad = 0;
    for (let i = 0; i < want.length; i++) {
      if (!(Math.abs(got[i] - want[i]) <= TOLERANCE)) {
        if (first < 0) first = i;
        bad++;
      }
    }
    if (first < 0) return this.passed++;
    this.fail(`${quantity}[${first}]`, got[first], want[first], bad > 1 ? `${bad} of ${want.length} elements differ` : '');
  }

  /** Runs `body`, recording an exception as a failure instead of stopping the run. */
  guard(quantity, body) {
    try {
      body();
    } catch (error) {
      this.fail(quantity, 'threw', 'a value', `${error?.name ?? 'Error'}: ${error?.message ?? error}`);
    }
  }

  result() {
    return { name: this.name, passed: this.passed, failed: this.failures.length, failures: this.failures };
  }
}

/**
 * Every measure of one reference case against the numpy values: the same checks as
 * test/reference.test.ts. `api` needs Joint, kl, crossEntropy, jensenShannon and models.
 */
export function checkReferenceCase(api, c) {
  const { Joint, kl, crossEntropy, jensenShannon, models } = api;
  const t = new Tally(c.name);
  let joint;
  t.guard('Joint.fromProbabilities', () => (joint = Joint.fromProbabilities(c.q, c.n, c.pmf)));
  if (joint === undefined) return t.result();

  t.guard('entropy', () => t.close('entropy', joint.entropy(), c.entropy));
  t.guard('marginal_entropies', () => t.allClose('marginal_entropies', joint.marginalEntropies(), c.marginal_entropies));
  t.guard('leave_one_out_entropies', () =>
    t.allClose('leave_one_out_entropies', joint.leaveOneOutEntropies(), c.leave_one_out_entropies),
  );
  t.guard('total_correlation', () => t.close('total_correlation', joint.totalCorrelation(), c.total_correlation));
  t.guard('dual_total_correlation', () =>
    t.close('dual_total_correlation', joint.dualTotalCorrelation(), c.dual_total_correlation),
  );
  t.guard('o_information', () => t.close('o_information', joint.oInformation(), c.o_information));
  t.guard('s_information', () => t.close('s_information', joint.sInformation(), c.s_information));
  t.guard('coinformation', () => t.close('coinformation', joint.coinformation(), c.coinformation));
  t.guard('residual_entropy', () => t.close('residual_entropy', joint.residualEntropy(), c.residual_entropy));
  t.guard('tse_complexity', () => t.close('tse_complexity', joint.tseComplexity(), c.tse_complexity));
  t.guard('subset_entropies', () => t.allClose('subset_entropies', joint.subsetEntropies(), c.subset_entropies));
  t.guard('profile', () => {
    const { h, D } = joint.profile();
    t.allClose('profile_h', h, c.profile_h);
    t.allClose('profile_D', D, c.profile_D);
  });

  t.guard('kl_to_uniform', () => {
    const uniform = models.uniform(c.q, c.n);
    t.close('kl_to_uniform', kl(joint, uniform), c.kl_to_uniform);
    t.close('cross_entropy_to_uniform', crossEntropy(joint, uniform), c.n * Math.log(c.q));
  });
  t.guard('kl_to_product_of_marginals', () => {
    const m = joint.marginals();
    const rows = Array.from({ length: c.n }, (_, i) => Array.from(m.subarray(i * c.q, (i + 1) * c.q)));
    t.close('kl_to_product_of_marginals', kl(joint, models.product(rows)), c.kl_to_product_of_marginals);
  });
  t.guard('kl_to_half_uniform_mix', () => {
    const cells = c.q ** c.n;
    const half = Joint.fromProbabilities(c.q, c.n, joint.probabilities().map((v) => 0.5 * v + 0.5 / cells));
    t.close('kl_to_half_uniform_mix', kl(joint, half), c.kl_to_half_uniform_mix);
  });
  t.guard('jensen_shannon_to_self', () => {
    const js = jensenShannon(joint, joint);
    t.ok(js === 0, 'jensen_shannon_to_self', js, 0);
  });
  return t.result();
}

/**
 * The same case as a SparseJoint (its support, SparseJoint.fromJoint): every measure against the
 * numpy values, kl between two sparse joints, and the table back from toJoint(). `api` needs
 * Joint, SparseJoint, kl and models.
 */
export function checkSparseReferenceCase(api, c) {
  const { Joint, SparseJoint, kl, models } = api;
  const t = new Tally(`${c.name} (sparse)`);
  let sparse;
  t.guard('SparseJoint.fromJoint', () => (sparse = SparseJoint.fromJoint(Joint.fromProbabilities(c.q, c.n, c.pmf))));
  if (sparse === undefined) return t.result();

  t.guard('support', () => t.ok(sparse.support === c.pmf.filter((v) => v > 0).length, 'support', sparse.support, c.pmf.filter((v) => v > 0).length));
  t.guard('entropy', () => t.close('entropy', sparse.entropy(), c.entropy));
  t.guard('marginal_entropies', () => t.allClose('marginal_entropies', sparse.marginalEntropies(), c.marginal_entropies));
  t.guard('leave_one_out_entropies', () =>
    t.allClose('leave_one_out_entropies', sparse.leaveOneOutEntropies(), c.leave_one_out_entropies),
  );
  t.guard('total_correlation', () => t.close('total_correlation', sparse.totalCorrelation(), c.total_correlation));
  t.guard('dual_total_correlation', () =>
    t.close('dual_total_correlation', sparse.dualTotalCorrelation(), c.dual_total_correlation),
  );
  t.guard('o_information', () => t.close('o_information', sparse.oInformation(), c.o_information));
  t.guard('s_information', () => t.close('s_information', sparse.sInformation(), c.s_information));
  t.guard('coinformation', () => t.close('coinformation', sparse.coinformation(), c.coinformation));
  t.guard('residual_entropy', () => t.close('residual_entropy', sparse.residualEntropy(), c.residual_entropy));
  t.guard('tse_complexity', () => t.close('tse_complexity', sparse.tseComplexity(), c.tse_complexity));
  t.guard('subset_entropies', () => t.allClose('subset_entropies', sparse.subsetEntropies(), c.subset_entropies));
  t.guard('profile', () => {
    const { h, D } = sparse.profile();
    t.allClose('profile_h', h, c.profile_h);
    t.allClose('profile_D', D, c.profile_D);
  });
  t.guard('kl_to_uniform', () => {
    t.close('kl_to_uniform', kl(sparse, SparseJoint.fromJoint(models.uniform(c.q, c.n))), c.kl_to_uniform);
  });
  t.guard('toJoint', () => t.allClose('toJoint().probabilities()', sparse.toJoint().probabilities(), c.pmf));
  return t.result();
}

/** models.dirichlet(2, 6, { seed: 42 }) regenerates ref.py's dirichlet1_portable case. */
export function checkPortableDirichlet(api, cases) {
  const t = new Tally('models.dirichlet(2, 6, { seed: 42 })');
  const c = cases.find((x) => x.name === 'dir1portable_q2_n6_s42');
  if (c === undefined) {
    t.fail('reference case', 'missing', 'dir1portable_q2_n6_s42');
    return t.result();
  }
  t.guard('dirichlet', () => {
    const joint = api.models.dirichlet(2, 6, { seed: 42 });
    t.close('entropy', joint.entropy(), c.entropy);
    t.allClose('probabilities', joint.probabilities(), c.pmf);
  });
  return t.result();
}

/**
 * Row r of a sample is drawn with stream r of the seed: for a fair coin (n = 1, one step), row r
 * is 1 exactly when the second output of Xoshiro256StarStar.fromSeed(seed, r) gives u >= 1/2
 * (the first is the bounded draw that picks the position).
 */
export function checkSampleStreams(api) {
  const t = new Tally('sample(): row r uses stream r of the seed');
  t.guard('fair coin', () => {
    const coin = api.Joint.fromProbabilities(2, 1, [0.5, 0.5]);
    const { samples } = api.sample(coin, { sizes: [1], count: 200, seed: 77 });
    const want = Array.from({ length: 200 }, (_, r) => {
      const g = api.Xoshiro256StarStar.fromSeed(77, r);
      g.below(1);
      return g.uniform() < 0.5 ? 0 : 1;
    });
    t.ok(samples.every((x, r) => x === want[r]), 'rows', Array.from(samples.slice(0, 8)).join(''), want.slice(0, 8).join(''));
  });
  return t.result();
}

/** FNV-1a over the bytes of a typed array (symbols, or the bits of float64 values). */
function fnv1a(values) {
  let h = 0x811c9dc5;
  for (const x of new Uint8Array(values.buffer, values.byteOffset, values.byteLength)) h = Math.imul(h ^ x, 0x01000193) >>> 0;
  return h.toString(16);
}

/** The sample() runs digested: every policy, on one joint. */
const SAMPLE_RUNS = [
  { policy: 'random', sizes: [2, 2, 1] },
  { policy: 'confidence', sizes: [2, 2, 1] },
  { policy: 'margin', sizes: [1, 3, 1] },
  { policy: 'entropy', sizes: [3, 2] },
  { policy: 'threshold', threshold: 0.5 },
  { policy: 'random', sizes: [2, 3], temperature: 0.7 },
];
const SAMPLE_OPTIONS = { count: 20000, seed: 2n ** 63n + 5n };
const sampleJoint = (api) => api.models.dirichlet(3, 5, { seed: 21 });

/**
 * Digests (FNV-1a) of seeded samples for every policy, and of the estimators' seeded draws,
 * private noise and risk (bit for bit): the runner compares the page's with Node's, so the same
 * seed must give the same numbers in both engines.
 */
export function sampleDigests(api) {
  return policyDigests(api).concat(estimatorDigests(api, sampleJoint(api)));
}

/** The digests of the seeded samples alone (SAMPLE_RUNS), on this thread. */
export function policyDigests(api) {
  const p = sampleJoint(api);
  return SAMPLE_RUNS.map((options) => ({ run: JSON.stringify(options), digest: fnv1a(api.sample(p, { ...options, ...SAMPLE_OPTIONS }).samples) }));
}

/** policyDigests with the rows drawn by `pool`'s workers: the same digests are expected. */
export async function pooledPolicyDigests(api, pool) {
  const p = sampleJoint(api);
  const digests = [];
  for (const options of SAMPLE_RUNS) {
    const { samples } = await api.sample(p, { ...options, ...SAMPLE_OPTIONS, pool });
    digests.push({ run: JSON.stringify(options), digest: fnv1a(samples) });
  }
  return digests;
}

/** The tables whose subset entropies are digested: [q, n, seed] of models.dirichlet. */
const SUBSET_TABLES = [[2, 12, 31], [3, 7, 32], [26, 3, 33]];

/** Digests of the bits of every subset entropy of a few tables: Node's and the page's must match. */
export function subsetDigests(api) {
  return SUBSET_TABLES.map(([q, n, seed]) => ({ run: `subsetEntropies q=${q} n=${n}`, digest: fnv1a(api.models.dirichlet(q, n, { seed }).subsetEntropies()) }));
}

/** subsetDigests with the entropies computed by `pool`'s workers. */
export async function pooledSubsetDigests(api, pool) {
  const digests = [];
  for (const [q, n, seed] of SUBSET_TABLES) {
    const values = await api.models.dirichlet(q, n, { seed }).subsetEntropies({ pool });
    digests.push({ run: `subsetEntropies q=${q} n=${n}`, digest: fnv1a(values) });
  }
  return digests;
}

/**
 * The tables whose mask lattice is digested, [q, n, seed] of models.dirichlet. q=2 n=12 has
 * passes of more than 2^16 cells, so they are split over the workers.
 */
const LATTICE_TABLES = [[2, 10, 34], [3, 5, 35], [2, 12, 36]];

/**
 * What the public API reads of a built lattice (it is not public itself), on this thread: the
 * subset entropies (latticeSubsetEntropies: every cell adds -M log M to its subset's entropy)
 * and samplerDistribution one position a step (every conditional a ratio of two cells). Rounding
 * hides some one-ulp changes of one cell from both (most for q=2 n=10); changes of many cells
 * or of more than an ulp show.
 */
function latticeReadout(api, p) {
  const subsets = p.subsetEntropies();
  const table = api.samplerDistribution(p, { sizes: Array(p.n).fill(1) });
  const values = new Float64Array(subsets.length + table.size);
  values.set(subsets);
  values.set(table.probabilities(), subsets.length);
  table.dispose();
  return values;
}

/** Digests of each table's lattice readout, the lattice built on this thread. */
export function latticeDigests(api) {
  return LATTICE_TABLES.map(([q, n, seed]) => {
    const p = api.models.dirichlet(q, n, { seed });
    p.buildLattice();
    const digest = fnv1a(latticeReadout(api, p));
    p.dispose();
    return { run: `buildLattice q=${q} n=${n}`, digest };
  });
}

/** latticeDigests with each lattice built by `pool`'s workers (buildLattice({ pool })). */
export async function pooledLatticeDigests(api, pool) {
  const digests = [];
  for (const [q, n, seed] of LATTICE_TABLES) {
    const p = api.models.dirichlet(q, n, { seed });
    await p.buildLattice({ pool });
    digests.push({ run: `buildLattice q=${q} n=${n}`, digest: fnv1a(latticeReadout(api, p)) });
    p.dispose();
  }
  return digests;
}

/**
 * The samplerDistribution runs digested: [label, q, n, seed, options(api)]. Random q=2 n=12
 * [4, 4, 4] has a level of 9e6 multiply-adds, split over the workers; adaptive policies with a
 * law over size vectors run one vector per worker at a time.
 */
const SAMPLER_RUNS = [
  ['random q=2 n=10 [4, 3, 3]', 2, 10, 44, () => ({ sizes: [4, 3, 3] })],
  ['random q=3 n=5 [2, 2, 1], T = 0.7', 3, 5, 45, () => ({ sizes: [2, 2, 1], temperature: 0.7 })],
  ['random q=2 n=10, randomizedGeometric(10, 3)', 2, 10, 46, (api) => ({ sizes: api.schedules.randomizedGeometric(10, 3) })],
  ['random q=2 n=12 [4, 4, 4]', 2, 12, 47, () => ({ sizes: [4, 4, 4] })],
  ['confidence q=2 n=10 [2, 3, 1, 4]', 2, 10, 48, () => ({ sizes: [2, 3, 1, 4], policy: 'confidence' })],
  ['confidence q=3 n=5, randomizedGeometric(5, 2), T = 1.5', 3, 5, 49, (api) => ({ sizes: api.schedules.randomizedGeometric(5, 2), policy: 'confidence', temperature: 1.5 })],
  ['threshold 0.6 q=2 n=10', 2, 10, 50, () => ({ policy: 'threshold', threshold: 0.6 })],
  ['threshold 0.4 q=3 n=5', 3, 5, 51, () => ({ policy: 'threshold', threshold: 0.4 })],
];

/** Digests of the bits of samplerDistribution's table for each run, on this thread. */
export function samplerDigests(api) {
  return SAMPLER_RUNS.map(([run, q, n, seed, options]) => {
    const p = api.models.dirichlet(q, n, { seed });
    const table = api.samplerDistribution(p, options(api));
    const digest = fnv1a(table.probabilities());
    table.dispose();
    p.dispose();
    return { run: `samplerDistribution ${run}`, digest };
  });
}

/** samplerDigests by `pool`'s workers, each on a fresh joint (so its lattice is built by the pool too). */
export async function pooledSamplerDigests(api, pool) {
  const digests = [];
  for (const [run, q, n, seed, options] of SAMPLER_RUNS) {
    const p = api.models.dirichlet(q, n, { seed });
    const table = await api.samplerDistribution(p, { ...options(api), pool });
    digests.push({ run: `samplerDistribution ${run}`, digest: fnv1a(table.probabilities()) });
    table.dispose();
    p.dispose();
  }
  return digests;
}

function estimatorDigests(api, p) {
  const counts = api.drawCounts(p, { count: 20000, seed: 6, stream: 2 });
  const risk = (method, options) => {
    const r = api.estimationRisk(p, method, 500, { trials: 5, seed: 8, ...options });
    return Float64Array.of(r.kl.mean, r.kl.standardError, r.entropy.mean, r.entropy.rmse, r.totalCorrelation.mean, r.totalCorrelation.rmse);
  };
  const runs = [
    ['drawCounts, 3^5 cells', () => counts],
    ['drawCounts, 2^16 cells (sorted batches)', () => api.drawCounts(api.models.dirichlet(2, 16, { seed: 3 }), { count: 100000, seed: 5 })],
    ['estimate dp', () => api.estimate(counts, { q: 3, n: 5, method: 'dp', epsilon: 0.5, seed: 9, stream: 4 }).probabilities()],
    ['estimate good-turing', () => api.estimate(counts, { q: 3, n: 5, method: 'good-turing' }).probabilities()],
    ['estimationRisk dp', () => risk('dp', { epsilon: 1 })],
    ['estimationRisk held-out', () => risk('held-out', {})],
    ['estimate dp-sampling-twice', () => api.estimate(counts, { q: 3, n: 5, method: 'dp-sampling-twice', epsilon: 0.5, seed: 9, stream: 4 }).probabilities()],
    ['estimationRisk sampling-twice', () => risk('sampling-twice', {})],
    ['estimate dp-sampling-twice-gaussian', () => api.estimate(counts, { q: 3, n: 5, method: 'dp-sampling-twice-gaussian', epsilon: 0.5, delta: 1e-6, seed: 9 }).probabilities()],
  ];
  return runs.map(([run, values]) => ({ run, digest: fnv1a(values()) }));
}

/**
 * Text checks that dist/index.js is one self-contained ESM file: no Node built-ins, no CommonJS
 * require of a module, no esbuild require shim, no .wasm file named anywhere. (A method that
 * happens to be called `require`, like the arena's, is not a CommonJS require.)
 */
export function checkBundleText(source) {
  const t = new Tally('bundle dist/index.js');
  const forbidden = [
    ['no node: specifier', /["'`]node:/],
    ['no require("...") call', /(?<![\w$.])require\s*\(\s*["'`]/],
    ['no esbuild __require shim', /__require\b/],
    ['no createRequire', /\bcreateRequire\b/],
    ['no .wasm file name', /\.wasm["'`?]/],
    ['no import of another module', /^\s*import\s[^(]|^\s*export\s[^;]*\sfrom\s/m],
  ];
  for (const [quantity, pattern] of forbidden) {
    const match = source.match(pattern);
    t.ok(match === null, quantity, match === null ? 'absent' : JSON.stringify(excerpt(source, match.index)), 'absent');
  }
  return t.result();
}

function excerpt(source, index) {
  return source.slice(Math.max(0, index - 30), index + 50).replace(/\s+/g, ' ');
}

/** One line per failure: case, quantity, got, want (and |Δ| or a note). */
export function formatFailure(f) {
  if (f.got === undefined && f.want === undefined) return `FAIL  ${f.case}  ${f.quantity}: ${f.note}`;
  const delta = Number.isNaN(f.delta) ? '' : `  |Δ| ${f.delta.toExponential(2)}`;
  return `FAIL  ${f.case}  ${f.quantity}  got ${show(f.got)}  want ${show(f.want)}${delta}${f.note ? `  (${f.note})` : ''}`;
}

function show(x) {
  return typeof x === 'number' ? String(x) : `${x}`;
}

/** Totals over results: `N passed, M failed`. */
export function totals(results) {
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    passed += r.passed;
    failed += r.failed;
  }
  return { passed, failed, line: `${passed} passed, ${failed} failed` };
}

/**
 * Prints every failure (and with `verbose` one line per subject that passed), the wall time
 * since `started` (a performance.now() reading) and the `N passed, M failed` line; returns the
 * exit code: 0 only if checks ran and none failed.
 */
export function printSummary(results, started, verbose) {
  for (const r of results) {
    if (verbose && r.failed === 0) console.log(`ok    ${r.name}  ${r.passed} checks`);
    for (const f of r.failures) console.log(formatFailure(f));
  }
  const { passed, failed, line } = totals(results);
  console.log(`wall time ${((performance.now() - started) / 1000).toFixed(2)} s`);
  console.log(line);
  return failed === 0 && passed > 0 ? 0 : 1;
}
