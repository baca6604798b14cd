// The text report of `unmasking schedules`: the table's H, TC and DTC; one row per schedule
// family with its exact expected KL, the exact KL of the sampler's output and the bounds; the
// adaptive policies; the adapted schedules against their guarantees; legends and timing.
import { amount, columns, fixed, milliseconds, ratio, sizeList, stepsText } from './format.js';
import { POLICY_RULES } from './policies.js';
import { shapeLine, sourceLines, unitsLine } from './report.js';
import type { Source } from './source.js';
import { FIXED_EPS, MIXTURE_LIMITS, type AdaptedRow, type FamilyRow, type PolicyRow, type Study } from './study.js';
import { VERSION } from './version.js';

/** What main.ts adds after the study: where the report went and the time it all took. */
export interface Epilogue {
  /** Absolute path of the HTML report, or null when --no-report. */
  report: string | null;
  reportMs: number;
  totalMs: number;
}

/** Shown where KL(p || q) was not computed because the sampler's lattices or work are too large. */
export const SKIPPED = 'skipped (too large)';

/** `constant (LLaDA)`, `linear`. */
export function familyLabel(row: FamilyRow): string {
  return row.origin === '' || row.name === 'optimal' ? row.name : `${row.name} (${row.origin})`;
}

/** `optimal [2, 3, 3, 4]`, or `adaptive (T = 0.9)` for the threshold policy. */
export function policySchedule(row: PolicyRow): string {
  return row.sizes === null ? `adaptive (T = ${row.threshold})` : `${row.schedule} ${sizeList(row.sizes)}`;
}

/** The limits of MIXTURE_LIMITS for the legend. */
function limitsText(): string {
  return `(q+1)^n <= ${MIXTURE_LIMITS.cells} and work <= ${MIXTURE_LIMITS.work.toExponential(0).replace('e+', 'e')}`;
}

/** The noise yardstick in the study's units: max(h(n), n D(0)). */
export function studyScale(study: Study): number {
  const { profile, n, units } = study;
  return Math.max(profile.h[n], n * profile.D[0]) / Math.log(units.base);
}

function familiesTable(study: Study, scale: number): string[] {
  const value = (v: number) => amount(v, scale);
  const rows = study.families.map((f) => [
    f.best ? '*' : '',
    familyLabel(f),
    sizeList(f.sizes),
    value(f.expectedKL),
    f.mixtureKL === null ? SKIPPED : value(f.mixtureKL),
    ratio(f.mixtureKL, f.expectedKL, scale),
    value(f.bounds.dimensionFree),
    value(f.bounds.liCai),
  ]);
  return columns([['', 'family', 'sizes', 'E KL', 'KL(q_mix)', 'ratio', 'dim-free', 'Li–Cai'], ...rows], [false, false, false, true, true, true, true, true]);
}

function policiesTable(study: Study, scale: number): string[] {
  const rows = study.policies.map((p) => [
    p.best ? '*' : '',
    p.policy,
    policySchedule(p),
    p.kl === null ? SKIPPED : amount(p.kl, scale),
    ratio(p.kl, p.expectedKL, scale),
  ]);
  return columns([['', 'policy', 'sizes', 'KL(p‖q)', '÷ E KL'], ...rows], [false, false, false, true, true]);
}

function adaptedTable(rows: readonly AdaptedRow[], scale: number): string[] {
  const cells = rows.map((a) => [
    a.rule,
    String(a.eps),
    String(a.sizes.length),
    sizeList(a.sizes),
    amount(a.expectedKL, scale),
    a.guaranteeName,
    amount(a.guarantee, scale),
    ratio(a.expectedKL, a.guarantee, scale),
  ]);
  return columns([['rule', 'eps', 'K', 'sizes', 'E KL', 'guarantee', 'bound', '÷ bound'], ...cells], [false, true, true, false, true, false, true, true]);
}

/** The report as text ending in a newline. */
export function formatSchedules(source: Source, study: Study, epilogue: Epilogue): string {
  const { q, n, K, units, measures, timingMs } = study;
  const scale = studyScale(study);
  const m = (v: number) => fixed(v, 6);
  const header = columns(
    [
      ...sourceLines(source),
      ['shape', shapeLine(q, n, study.support)],
      ['units', unitsLine(units)],
      ['table', `H = ${m(measures.entropy)}, TC = ${m(measures.totalCorrelation)}, DTC = ${m(measures.dualTotalCorrelation)}`],
    ],
    [false, false],
  );
  const skipped = study.families.some((f) => f.mixtureKL === null) || study.policies.some((p) => p.kl === null);
  const families = [
    `Schedule families, ${stepsText(K)} (${units.label})`,
    ...familiesTable(study, scale),
    '  E KL       E_S KL(p‖q_S), exact, over uniformly random reveal sets (Chen–Cong–Li)',
    "  KL(q_mix)  KL(p‖q_mix), exact: q_mix is the law of the sampler's output",
    '  ratio      KL(q_mix) / E KL, at most 1 since q_mix is the mean of the q_S',
    '  dim-free   bound (s_max − 1)(D(0) − D(n−1)) (Lavenant–Zanella)',
    '  Li–Cai     bound (2^⌈log2 s_max⌉ − 1)(TC + DTC)/n (Li–Cai, Thm 1)',
    '  *          the least E KL with K steps; optimal is found by dynamic programming',
    ...(skipped ? [`  ${SKIPPED}: computed only when ${limitsText()} (see --help)`] : []),
  ];
  const policyNames = [...new Set(study.policies.map((p) => p.policy))];
  const policies =
    study.policies.length === 0
      ? []
      : [
          '',
          `Adaptive policies: exact KL(p‖q) of the sampler's output (${units.label})`,
          ...policiesTable(study, scale),
          ...columns(
            [
              ...policyNames.map((p) => [p, `reveals ${POLICY_RULES[p]}${p === 'random' ? ' (q_mix)' : ''}`]),
              ['÷ E KL', 'KL(p‖q) / the E KL of the same sizes in random order'],
              ['*', 'the least KL(p‖q) with K steps'],
              ...(policyNames.includes('threshold') ? [['', 'threshold takes as many steps as it needs, up to n']] : []),
            ],
            [false, false],
          ),
          ...(q === 2 && policyNames.filter((p) => p === 'confidence' || p === 'margin' || p === 'entropy').length > 1
            ? ['  (for q = 2, confidence, margin and entropy rank positions alike)']
            : []),
        ];
  const adapted = [
    '',
    `Adapted schedules (Chen–Cong–Li rules): exact E KL against the guarantee (${units.label})`,
    ...adaptedTable(study.adapted, scale),
    ...columns(
      [
        ['eps', `the least (to 4 digits) giving at most ${stepsText(K)}, then ${FIXED_EPS}`],
        ['bound', 'the guarantee of the rule: E KL <= bound for every distribution'],
      ],
      [false, false],
    ),
  ];
  const t = timingMs;
  const report = epilogue.report === null ? '' : `, report ${milliseconds(epilogue.reportMs)} ms`;
  const time = [
    `Computed in ${milliseconds(epilogue.totalMs)} ms: table ${milliseconds(t.table)} ms, expected KL ${milliseconds(t.expectedKL)} ms,`,
    `q_mix ${milliseconds(t.mixture)} ms (${study.mixtures} size vectors), policies ${milliseconds(t.policies)} ms${report}.`,
  ];
  return [
    `unmasking ${VERSION}: exact KL of the parallel unmasking sampler, ${stepsText(K)}`,
    '',
    ...header,
    '',
    ...families,
    ...policies,
    ...adapted,
    '',
    ...time,
    ...(epilogue.report === null ? [] : [`Report written to ${epilogue.report}`]),
    '',
  ].join('\n');
}
