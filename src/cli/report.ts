// The human-readable report: where the table came from, every measure with its formula, the
// per-position entropies, the entropy profile as a table, and the time taken.
import type { Analysis, Measures } from './analyze.js';
import { columns, fixed, milliseconds } from './format.js';
import { type Source, describeSource } from './source.js';
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

/** The `model` (or `input`) line and the description line of a report header. */
export function sourceLines(source: Source): string[][] {
  const first =
    source.kind === 'input'
      ? ['input', source.path === '-' ? 'stdin' : source.path]
      : ['model', source.model.spec + (source.isDefault ? '  (the default; see --help for others)' : '')];
  return [first, ['', describeSource(source)]];
}

/** The `units` line of a report header: the label and how to change it. */
export function unitsLine(units: Units): string {
  const { base, label } = units;
  if (base === Math.E) return `${label} (natural logarithm; --base 2 for bits)`;
  return base === 2 ? `${label} (logarithm base 2)` : label;
}

/**
 * The report as text ending in a newline: source, shape and units; every measure; the
 * marginal and leave-one-out entropy of each position; h(j) and D(j) for j = 0..n; timing.
 */
export function formatReport(source: Source, analysis: Analysis): string {
  const { q, n, measures, profile, timingMs, units } = analysis;
  const cells = q ** n;
  const header = columns(
    [...sourceLines(source), ['shape', `q = ${q} symbols, n = ${n} positions, ${cells} cells`], ['units', unitsLine(units)]],
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
    time,
    '',
  ].join('\n');
}
