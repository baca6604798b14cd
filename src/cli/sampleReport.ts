// The text report of `unmasking sample`: the run (sizes, policy, rows, seed), the speed of the
// sampling call, where the conditionals came from and what they cost, then the empirical KL of
// the rows beside the exact KL of the sampler's output law and the expected KL.
import { amount, columns, milliseconds, sizeList, stepsText } from './format.js';
import { POLICY_RULES } from './policies.js';
import { sourceLines, unitsLine } from './report.js';
import { PROFILE_CELLS, type SampleRun } from './sampleRun.js';
import type { Source } from './source.js';
import { MIXTURE_LIMITS } from './study.js';
import { VERSION } from './version.js';

/** `q_mix` for random order (a mixture of the q_S), `q` for the adaptive policies. */
export function outputName(run: SampleRun): string {
  return run.policy === 'random' ? 'q_mix' : 'q';
}

/** Where the conditionals came from and their cost, in one or two lines. */
export function conditionalsCost(run: SampleRun): string[] {
  const { source, latticeCells, reason } = run.conditionals;
  if (source === 'lattice') return [`lattice: (q+1)^n = ${latticeCells} cells, O(q) per conditional`];
  const perRow = run.tableWorkPerRow;
  return [
    `table: sums the table, q^m (1 + m) per step with m masked${perRow === null ? '' : ','}`,
    ...(perRow === null ? [] : [`${perRow.toPrecision(3)} per row`]),
    reason === 'asked' ? '(as --conditionals table asks)' : `(the lattice of (q+1)^n = ${latticeCells} cells does not fit)`,
  ];
}

/** Where --out wrote the rows and how. */
function outLine(out: NonNullable<SampleRun['out']>, q: number, n: number): string {
  const layout =
    out.format === 'csv'
      ? `csv: header x0..x${n - 1}, one row per line`
      : q <= 256
        ? '1 byte per symbol, row-major'
        : '2 bytes per symbol, little-endian, row-major';
  return `${out.path} (${layout}; ${out.bytes} bytes)`;
}

/** Rows per second with 3 significant digits, as an integer: `2310000`. */
export function rate(perSecond: number): string {
  return Number.isFinite(perSecond) ? String(Math.round(Number(perSecond.toPrecision(3)))) : 'over 1e9';
}

/** The report as text ending in a newline. */
export function formatSample(source: Source, run: SampleRun): string {
  const { q, n, units, sizes, kl, count, timingMs: t } = run;
  const scale = (n * Math.log(q)) / Math.log(units.base);
  const value = (v: number | null, none = '—') => (v === null ? none : v === Infinity ? '∞' : amount(v, scale));
  const Q = outputName(run);
  const policyLine =
    run.policy === 'threshold'
      ? `threshold T = ${run.threshold}: reveals ${POLICY_RULES.threshold}`
      : `${run.policy}: reveals ${POLICY_RULES[run.policy]}`;
  const sizesLine =
    sizes === null
      ? 'adaptive: as many steps as the threshold needs, up to n'
      : `${run.schedule ?? 'given'}, ${stepsText(sizes.length)}: ${sizeList(sizes)}`;
  const header = columns(
    [
      ...sourceLines(source),
      ['shape', `q = ${q} symbols, n = ${n} positions, ${q ** n} cells`],
      ['units', unitsLine(units)],
      ['sizes', sizesLine],
      ['policy', policyLine],
      ['temperature', run.temperature === 1 ? '1 (the exact conditionals)' : `${run.temperature}: draws from p(x_i | revealed)^(1/T), renormalised`],
      ['rows', `N = ${count}, seed ${run.seed} (row r uses xoshiro256** stream r)`],
      ['speed', `${rate(run.samplesPerSecond)} samples/s (${count} rows in ${milliseconds(t.sample)} ms)`],
      ...conditionalsCost(run).map((line, i) => [i === 0 ? 'conditionals' : '', line]),
      ...(run.out === null ? [] : [['samples', outLine(run.out, q, n)]]),
    ],
    [false, false],
  );
  const exactNote =
    run.missing === 'too large'
      ? `limits: (q+1)^n <= ${MIXTURE_LIMITS.cells}, work <= ${MIXTURE_LIMITS.work.toExponential(0).replace('e+', 'e')}`
      : 'samplerDistribution, from the mask lattice';
  // The chi-square approximation behind the bias needs many rows per cell of q's support.
  const fewRows = kl.support !== null && count < 10 * kl.support;
  const bias = kl.bias === null || fewRows ? '' : ` + bias ${value(kl.bias)}`;
  const expectedNote: string = {
    'no sizes': 'no fixed sizes to compare with',
    'too large': `limit: (q+1)^n <= ${PROFILE_CELLS} (the profile)`,
    none:
      run.policy === 'random'
        ? run.temperature === 1
          ? `same sizes, random order: >= KL(p‖${Q})`
          : 'same sizes, random order, at T = 1'
        : `the same sizes in random order: the baseline for ${run.policy}`,
  }[run.expectedMissing ?? 'none'];
  const table = columns(
    [
      ['', 'divergence', 'value', 'compare with'],
      ['empirical', 'KL(p̂‖p)', value(kl.empiricalToP), kl.exactReverse === null ? '' : `about KL(${Q}‖p) = ${value(kl.exactReverse)}${kl.exactReverse === Infinity ? '' : bias}`],
      ['empirical', `KL(p̂‖${Q})`, value(kl.empiricalToQ, 'too large'), kl.bias === null ? '' : fewRows ? 'biased up: N < 10 × support' : `about 0${bias}`],
      ['exact', `KL(p‖${Q})`, value(kl.exact, 'too large'), exactNote],
      ['expected', 'E_S KL(p‖q_S)', value(kl.expected, run.expectedMissing === 'too large' ? 'too large' : '—'), expectedNote],
    ],
    [false, false, true, false],
  );
  const legend = columns(
    [
      ['p̂', 'the empirical law of the N rows'],
      [Q, `the exact law of the sampler's output${run.policy === 'random' ? ': the mean of the q_S' : ''}`],
      ...(kl.bias === null
        ? []
        : [
            ['bias', `(support − 1)/(2N), support = ${kl.support} cells with ${Q} > 0: for N >> support,`],
            ['', `2N KL(p̂‖${Q}) is about chi-square(support − 1), whose mean this is`],
          ]),
      ...(run.outsideSupport > 0 ? [['∞', `${run.outsideSupport} rows (${((100 * run.outsideSupport) / count).toPrecision(3)}%) have p(x) = 0`]] : []),
    ],
    [false, false],
  );
  return [
    `unmasking ${VERSION}: the unmasking sampler, ${count} rows`,
    '',
    ...header,
    '',
    `KL divergences (${units.label})`,
    ...table,
    ...legend,
    '',
    `Computed in ${milliseconds(t.total)} ms: table ${milliseconds(t.table)} ms, sampling ${milliseconds(t.sample)} ms,`,
    `${run.out === null ? '' : `writing ${milliseconds(t.write)} ms, `}exact ${Q} and expected KL ${milliseconds(t.exact)} ms.`,
    '',
  ].join('\n');
}
