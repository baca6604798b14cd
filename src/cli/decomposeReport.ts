// The output of `unmasking decompose`: the table of orders k = 1..n with KL(p‖p^(k)), H(p^(k)),
// I^(k) and how IPF ended, the TC check, and the mode selection of --modes; or one JSON object.
import type { DecomposeRun, KeptMode } from './decomposeRun.js';
import { amount, columns, milliseconds } from './format.js';
import { sourceFields } from './json.js';
import { sourceLines, unitsLine } from './report.js';
import type { Source } from './source.js';
import type { Units } from './units.js';
import { VERSION } from './version.js';

/** Kept modes listed in the text report; the JSON has them all. */
const LISTED_MODES = 20;

/** A mode set as {0, 3} (q = 2) or {0=1, 3=2} (x_A shown when q > 2). */
function modeSet(mode: KeptMode, q: number): string {
  return `{${mode.positions.map((i, j) => (q === 2 ? `${i}` : `${i}=${mode.values[j]}`)).join(', ')}}`;
}

function modeLines(run: DecomposeRun, q: number, units: Units): string[] {
  const report = run.modes;
  if (report === null) return [];
  const heading = `Mode selection: the ${report.kept} largest |θ_A(x_A)| of the log-linear parameters,\nlog p(x) = Σ_(A ⊆ supp x) θ_A(x_A), supp x = {i : x_i ≠ 0} (baseline symbol 0)`;
  if ('skipped' in report) return ['', heading, `  skipped: ${report.skipped}`];
  const scale = Math.max(1, ...report.modes.map((m) => Math.abs(m.theta)));
  const rows = report.modes.slice(0, LISTED_MODES).map((m, j) => [String(j + 1), modeSet(m, q), String(m.positions.length), amount(m.theta, scale)]);
  const fit = report.refit;
  const how = fit === null
    ? ['  p_m ∝ exp(Σ of the kept θ), p\'s own values (--refit fits them)']
    : [`  p_m ∝ exp(Σ of the kept θ), refitted by maximum likelihood: ${fit.iterations} iterations, largest`,
      `  feature gap ${fit.mismatch.toExponential(1)}, ${fit.converged ? 'converged' : 'NOT converged (raise --max-iterations)'}`];
  return [
    '',
    heading,
    ...how,
    `  KL(p‖p_m) = ${amount(report.kl, scale)} ${units.label}`,
    ...(rows.length > 0 ? columns([['#', 'mode set A', '|A|', `θ (${units.label})`], ...rows], [true, false, true, true]) : []),
    ...(report.modes.length > LISTED_MODES ? [`  … ${report.modes.length - LISTED_MODES} more (--json lists them all)`] : []),
  ];
}

/** The text report, ending in a newline. */
export function formatDecompose(source: Source, run: DecomposeRun, units: Units): string {
  const d = run.decomposition;
  const scale = Math.max(d.entropy, d.totalCorrelation, 1);
  const header = columns(
    [...sourceLines(source), ['shape', `q = ${d.q} symbols, n = ${d.n} positions, ${d.q ** d.n} cells`], ['units', unitsLine(units)]],
    [false, false],
  );
  const rows = d.orders.map((o) => [
    String(o.k),
    amount(o.kl, scale),
    amount(o.entropy, scale),
    o.connectedInformation === null ? '' : amount(o.connectedInformation, scale),
    String(o.iterations),
    o.mismatch.toExponential(1),
    o.converged ? 'yes' : 'NO',
  ]);
  const table = columns([['k', 'KL(p‖p^(k))', 'H(p^(k))', 'I^(k)', 'sweeps', 'mismatch', 'converged'], ...rows], [true, true, true, true, true, true, false]);
  const connected = d.orders.slice(1).reduce((sum, o) => sum + (o.connectedInformation as number), 0);
  const identity = Math.max(...d.orders.map((o) => Math.abs(o.identityResidual)));
  const checks = columns(
    [
      ['TC = Σ_i H(X_i) − H', amount(d.totalCorrelation, scale)],
      ['Σ_(k≥2) I^(k)', amount(connected, scale)],
      ['TC − Σ_(k≥2) I^(k)', d.tcResidual.toExponential(1)],
      ['max_k |KL(p‖p^(k)) − (H(p^(k)) − H)|', identity.toExponential(1)],
    ],
    [false, true],
  );
  const stalled = d.orders.filter((o) => !o.converged).map((o) => o.k);
  const { timingMs } = run;
  return [
    `unmasking ${VERSION}: KL decomposition by interaction order`,
    '',
    ...header,
    '',
    `Maximum-entropy projections p^(k): the largest-entropy table with p's k-position`,
    `marginals, by iterative proportional fitting from p^(k−1) (p^(1) from uniform;`,
    `tolerance ${run.tolerance} on the marginals, at most ${run.maxIterations} sweeps). I^(k) =`,
    `H(p^(k−1)) − H(p^(k)) is the connected information of order k; KL(p‖p^(k)) =`,
    `Σ_(j>k) I^(j). Values in ${units.label}.`,
    ...table,
    ...(stalled.length > 0
      ? [`  k = ${stalled.join(', ')}: not converged; raise --max-iterations (IPF reaches a projection`, '  with zero cells only in the limit)']
      : []),
    '',
    'Checks',
    ...checks,
    ...modeLines(run, d.q, units),
    '',
    `Computed in ${milliseconds(timingMs.total)} ms (table ${milliseconds(timingMs.table)} ms, decomposition ${milliseconds(timingMs.decompose)} ms${run.modes === null ? '' : `, modes ${milliseconds(timingMs.modes)} ms`}).`,
    '',
  ].join('\n');
}

/**
 * The run as pretty-printed JSON, ending in a newline: `{ command: "decompose", model, input,
 * description, q, n, base, units, tolerance, maxIterations, entropy, totalCorrelation, orders:
 * [{ k, kl, entropy, connectedInformation, identityResidual, iterations, mismatch, converged }],
 * tcResidual, converged, modes: null | { kept, kl, modes: [{ positions, values, theta }], refit:
 * null | { iterations, mismatch, converged } } |
 * { kept, skipped }, timingMs: { table, decompose, modes, total } }`. Values in `units`
 * (mismatch is a probability); connectedInformation is null for k = 1.
 */
export function formatDecomposeJson(source: Source, run: DecomposeRun, units: Units): string {
  const d = run.decomposition;
  const output = {
    command: 'decompose',
    ...sourceFields(source),
    q: d.q,
    n: d.n,
    base: units.base,
    units: units.label,
    tolerance: run.tolerance,
    maxIterations: run.maxIterations,
    entropy: d.entropy,
    totalCorrelation: d.totalCorrelation,
    orders: d.orders,
    tcResidual: d.tcResidual,
    converged: d.converged,
    modes: run.modes,
    timingMs: run.timingMs,
  };
  return JSON.stringify(output, null, 2) + '\n';
}
