// The human-readable report: where the table came from, every measure with its formula, the
// per-position entropies, the entropy profile as a table, and the time taken.
import type { Analysis, Measures } from './analyze.js';
import { amount, columns, fixed, milliseconds, sizeList } from './format.js';
import { type Source, describeSource, sourceLabel } from './source.js';
import type { Units } from './units.js';
import { VERSION } from './version.js';

type ScalarKey = Exclude<keyof Measures, 'marginalEntropies' | 'leaveOneOutEntropies'>;

/** Each scalar measure: its name, its definition (DESIGN.md §3) and its key in Measures. */
const SCALARS: readonly [string, string, ScalarKey][] = [
  ['entropy', 'H = −Σ_x p(x) log p(x)', 'entropy'],
  ['total correlation', 'TC = Σ_i H(X_i) − H', 'totalCorrelation'],
  ['dual total correlation', 'DTC = Σ_i H(X_−i) − (n−1) H', 'dualTotalCorrelation'],
  ['O-information', 'TC − DTC', 'oInformation'],
  ['S-information', 'TC + DTC', 'sInformation'],
  ['co-information', '−Σ_(A≠∅) (−1)^|A| H(X_A)', 'coinformation'],
  ['residual entropy', 'H − DTC', 'residualEntropy'],
  ['TSE complexity', 'Σ_(k=1..n−1) [h(k) − (k/n) H]', 'tseComplexity'],
];

/** The `model` (or `input`, `samples`, `dataset`) line and the description line of a report header. */
export function sourceLines(source: Source): string[][] {
  const first = source.kind === 'model'
    ? ['model', source.model.spec + (source.isDefault ? '  (the default; see --help for others)' : '')]
    : [source.kind, source.kind === 'dataset' ? source.name : sourceLabel(source)];
  return [first, ['', describeSource(source)]];
}

/** The `shape` line of a report header: q, n, q^n cells and, for a sparse joint, its support. */
export function shapeLine(q: number, n: number, support: number | null): string {
  const cells = `q = ${q} symbols, n = ${n} positions, ${q ** n} cells`;
  return support === null ? cells : `${cells}; sparse, support ${support} rows`;
}

/** The `units` line of a report header: the label and how to change it. */
export function unitsLine(units: Units): string {
  const { base, label } = units;
  if (base === Math.E) return `${label} (natural logarithm; --base 2 for bits)`;
  return base === 2 ? `${label} (logarithm base 2)` : label;
}

/**
 * The report as text ending in a newline: source, shape and units; every measure; the
 * marginal and leave-one-out entropy of each position; h(j) and D(j) for j = 0..n; the optimal
 * schedule for K = 2..5 beside the constant one; timing.
 */
export function formatReport(source: Source, analysis: Analysis): string {
  const { q, n, measures, profile, timingMs, units, bestSchedules } = analysis;
  const header = columns(
    [...sourceLines(source), ['shape', shapeLine(q, n, analysis.support)], ['units', unitsLine(units)]],
    [false, false],
  );
  const scalars = columns(
    [['measure', 'definition', units.label], ...SCALARS.map(([name, formula, key]) => [name, formula, fixed(measures[key])])],
    [false, false, true],
  );
  const positions = columns(
    [
      ['i', 'marginal H(X_i)', 'leave-one-out H(X_−i)'],
      ...measures.marginalEntropies.map((h, i) => [String(i), fixed(h), fixed(measures.leaveOneOutEntropies[i])]),
    ],
    [true, true, true],
  );
  const table = columns(
    [['j', 'h(j)', 'D(j)'], ...profile.h.map((h, j) => [String(j), fixed(h), j < n ? fixed(profile.D[j]) : ''])],
    [true, true, true],
  );
  const scale = Math.max(profile.h[n], n * (profile.D[0] ?? 0));
  const best = columns(
    [['K', 'optimal sizes', 'E KL', 'constant E KL'], ...bestSchedules.map((b) => [String(b.K), sizeList(b.sizes), amount(b.expectedKL, scale), amount(b.constantKL, scale)])],
    [true, false, true, true],
  );
  const time = `Computed in ${milliseconds(timingMs.total)} ms (table ${milliseconds(timingMs.table)} ms, measures ${milliseconds(timingMs.measures)} ms).`;
  return [
    `unmasking ${VERSION}: exact information measures of a joint distribution`,
    '',
    ...header,
    '',
    'Measures',
    ...scalars,
    '',
    `Per position (${units.label})`,
    ...positions,
    '',
    `Entropy profile (${units.label}): h(j) = mean H of j positions, D(j) = h(j+1) − h(j)`,
    ...table,
    '',
    ...(bestSchedules.length === 0
      ? []
      : [`Best schedules (${units.label}): the least E_S KL(p‖q_S) in K steps, by dynamic programming`, ...best, '']),
    time,
    '',
  ].join('\n');
}
