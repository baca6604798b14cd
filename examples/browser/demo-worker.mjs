// The demo's computing side, a module Worker started by index.html: it imports the single-file
// build, starts the library's worker pool when it can (createPool(); the subset entropies behind
// the profile are split over its workers; `?threads=N` in this module's URL sets their number,
// `?threads=none` computes in this worker alone), and answers each request { id, model, steps, sizes,
// bits } with the measures, the profile, the schedule table and both plots, or with the
// library's error (name and message). The page's thread stays free for the form.
import * as unmasking from '../../dist/unmasking.mjs';

const { ready, createPool, models, schedules, expectedKL, plotProfile, plotKLvsSteps } = unmasking;

/** The fixed-size families of the table and of the KL-vs-steps plot, with whom they follow. */
const FAMILIES = [
  ['constant', 'LLaDA'],
  ['linear', ''],
  ['logLinear', ''],
  ['cosine', 'MaskGIT'],
  ['cosineFront', 'MDLM'],
  ['cosineBack', 'dllm'],
  ['dream', ''],
];
/** The adapted rules (Chen–Cong–Li), each run at the least eps that takes at most K steps. */
const ADAPTED = ['tcAdapted', 'dtcAdapted', 'twoSided'];

/** Builds the joint a model form describes; bad values go to the library, which names them. */
function buildModel({ kind, ...p }) {
  const num = (name) => (p[name] === undefined || p[name] === '' ? NaN : Number(p[name]));
  const list = (name) => String(p[name] ?? '').split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  switch (kind) {
    case 'ising2d':
      return models.ising2d(num('rows'), num('cols'), { J: num('J'), h: num('h'), periodic: p.periodic === true });
    case 'isingChain':
      return models.isingChain(num('n'), { J: num('J'), h: num('h'), periodic: p.periodic === true });
    case 'markovChain':
      return models.markovChain(num('n'), { q: num('q'), flip: num('flip') });
    case 'parity':
      return models.parity(num('q'), num('n'));
    case 'copies':
      return models.copies(num('q'), num('n'));
    case 'product':
      return models.product(list('ones').map((one) => [1 - one, one]));
    case 'dirichlet':
      return models.dirichlet(num('q'), num('n'), { seed: num('seed') });
    case 'uniform':
      return models.uniform(num('q'), num('n'));
    default:
      throw new Error(`unknown model ${kind}`);
  }
}

/** Whole numbers from "2, 4,8" (an empty field gives []). */
function integers(text) {
  return String(text ?? '').trim() === '' ? [] : String(text).split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
}

/** The least eps, rounded up to 4 significant digits, for which `rule(n, eps)` has at most K steps. */
function epsForSteps(rule, n, K) {
  let lo = 0;
  let hi = n; // every rule takes one step at eps = n
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (rule(n, mid).length <= K) hi = mid;
    else lo = mid;
  }
  const unit = 10 ** (Math.floor(Math.log10(hi)) - 3);
  const rounded = Number((Math.ceil(hi / unit) * unit).toPrecision(4));
  return rule(n, rounded).length <= K ? rounded : hi;
}

/**
 * For each K: the optimum, every family and the adapted schedules (with their eps), with the
 * exact expected KL (nats).
 */
function scheduleTable(profile, n, steps) {
  return steps.map((K) => {
    const best = schedules.optimal(profile, K);
    const rows = [{ name: 'optimal', origin: 'dynamic programming', sizes: best.sizes, expectedKL: best.expectedKL }];
    for (const [name, origin] of FAMILIES) {
      const sizes = schedules[name](n, K);
      rows.push({ name, origin, sizes, expectedKL: expectedKL(profile, sizes).total });
    }
    for (const rule of ADAPTED) {
      const eps = epsForSteps(schedules[rule], n, K);
      const sizes = schedules[rule](n, eps);
      rows.push({ name: rule, origin: 'adapted, least ε for ≤ K steps', eps, sizes, expectedKL: expectedKL(profile, sizes).total });
    }
    return { K, rows };
  });
}

const scaled = (values, divisor) => Array.from(values, (v) => v / divisor);

/**
 * Everything the page shows for one request. With a pool, the profile's subset entropies are
 * split over its workers, `signal` aborts them and `onProgress(done, total)` follows them.
 */
async function compute(request, pool, signal, onProgress) {
  const times = {};
  let mark = performance.now();
  const lap = (name) => {
    const now = performance.now();
    times[name] = now - mark;
    mark = now;
  };
  const joint = buildModel(request.model);
  try {
    const { q, n, size } = joint;
    lap('table');
    const profile = pool === undefined ? joint.profile() : await joint.profile({ pool, signal, onProgress });
    lap('profile');
    const base = request.bits ? 2 : Math.E;
    const divisor = Math.log(base);
    const unit = { base };
    const measures = [
      ['H', 'entropy H', joint.entropy(unit)],
      ['TC', 'total correlation TC', joint.totalCorrelation(unit)],
      ['DTC', 'dual total correlation DTC', joint.dualTotalCorrelation(unit)],
      ['O', 'O-information TC − DTC', joint.oInformation(unit)],
      ['S', 'S-information TC + DTC', joint.sInformation(unit)],
      ['coI', 'co-information', joint.coinformation(unit)],
      ['residual', 'residual entropy H − DTC', joint.residualEntropy(unit)],
      ['TSE', 'TSE complexity', joint.tseComplexity(unit)],
    ].map(([key, name, value]) => ({ key, name, value }));
    lap('measures');
    const steps = integers(request.steps);
    const table = scheduleTable(profile, n, steps).map(({ K, rows }) => ({
      K,
      rows: rows.map((row) => ({ ...row, expectedKL: row.expectedKL / divisor })),
    }));
    const custom = integers(request.sizes);
    const plotted = custom.length > 0 ? custom : table[0]?.rows[0].sizes;
    const customKL = custom.length > 0 ? expectedKL(profile, custom).total / divisor : null;
    lap('schedules');
    const families = Object.fromEntries(FAMILIES.map(([name]) => [name, schedules[name]]));
    const plots = {
      profile: plotProfile(profile, plotted, { base }),
      klVsSteps: plotKLvsSteps(profile, families, { base }),
    };
    lap('plots');
    return {
      q,
      n,
      cells: size,
      unit: request.bits ? 'bits' : 'nats',
      measures,
      profile: { h: scaled(profile.h, divisor), D: scaled(profile.D, divisor) },
      table,
      custom: customKL === null ? null : { sizes: custom, expectedKL: customKL },
      plotted,
      plots,
      times,
    };
  } finally {
    joint.dispose();
  }
}

/** Starts the pool the URL asks for, or says why there is none (the work then runs in this worker alone). */
function startPool() {
  const threads = new URL(import.meta.url).searchParams.get('threads') ?? 'auto';
  if (threads === 'none') return { reason: 'asked for none' };
  try {
    return { pool: createPool(threads === 'auto' ? {} : { threads: Number(threads) }) };
  } catch (error) {
    return { reason: `${error.name}: ${error.message}` };
  }
}

const started = performance.now();
await ready();
const { pool, reason } = startPool();
postMessage({
  type: 'ready',
  crossOriginIsolated: self.crossOriginIsolated,
  threads: pool?.threads ?? 1,
  pool: pool === undefined ? null : { threads: pool.threads, sharing: pool.sharing },
  noPool: reason ?? null,
  hardwareConcurrency: navigator.hardwareConcurrency,
  startMs: performance.now() - started,
});

// One request at a time. A request that arrives while one runs replaces any other waiting and
// aborts the running one's pooled work (a computation without a pool runs to its end; the page's
// Stop button ends it), so the worker never spends long on answers the page has replaced.
let waiting;
let running;
async function drain() {
  while (waiting !== undefined) {
    const request = waiting;
    waiting = undefined;
    running = new AbortController();
    const t0 = performance.now();
    const onProgress = (done, total) => postMessage({ type: 'progress', id: request.id, done, total });
    try {
      const result = await compute(request, pool, running.signal, onProgress);
      postMessage({ type: 'result', id: request.id, result, ms: performance.now() - t0 });
    } catch (error) {
      if (!running.signal.aborted) {
        postMessage({ type: 'error', id: request.id, error: { name: error?.name ?? 'Error', message: error?.message ?? String(error) } });
      }
    }
  }
  running = undefined;
}
self.onmessage = ({ data }) => {
  waiting = data;
  if (running === undefined) drain();
  else running.abort();
};
