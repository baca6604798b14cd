// report.html of `unmasking schedules`: one self-contained page (inline CSS, inline SVG, no
// scripts, no external resources) with the model, its H, TC and DTC, the three tables of the
// text report, the entropy profile under the optimal and the cosine schedule, and the expected
// KL of each family against K.
import { plotKLvsSteps, plotProfile } from '../plots/index.js';
import type { Analysis } from './analyze.js';
import * as schedules from '../schedules/index.js';
import { amount, fixed, milliseconds, ratio, sizeList, stepsText } from './format.js';
import { POLICY_RULES } from './policies.js';
import { shapeLine } from './report.js';
import { SKIPPED, familyLabel, policySchedule, studyScale } from './schedulesReport.js';
import { type Source, describeSource, sourceLabel } from './source.js';
import { MIXTURE_LIMITS, type Study } from './study.js';
import { VERSION } from './version.js';

/** Text as HTML: &, <, >, " escaped. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One table: header cells, then rows; `numeric[c]` right-aligns column c; `marked[r]` highlights row r. */
function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[], marked: readonly boolean[]): string {
  const cell = (tag: string, text: string, c: number) => {
    const classes = [numeric[c] ? 'num' : '', tag === 'td' && (text === SKIPPED || text === '—') ? 'na' : ''].filter(Boolean);
    return `<${tag}${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>${escapeHtml(text)}</${tag}>`;
  };
  const body = rows.map((row, r) => `<tr${marked[r] ? ' class="best"' : ''}>${row.map((text, c) => cell('td', text, c)).join('')}</tr>`);
  return [`<table>`, `<thead><tr>${head.map((text, c) => cell('th', text, c)).join('')}</tr></thead>`, `<tbody>`, ...body, `</tbody>`, `</table>`].join('\n');
}

/** Definition list of a table's columns. */
function legend(entries: readonly [string, string][]): string {
  return `<dl class="legend">${entries.map(([term, text]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(text)}</dd>`).join('')}</dl>`;
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #1f2328; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 28px 24px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 6px; }
p { margin: 6px 0; }
.muted { color: #59636e; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13.5px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 18px 0 4px; }
.card { background: #fff; border: 1px solid #d8dee4; border-radius: 8px; padding: 10px 14px; }
.card .label { color: #59636e; font-size: 13px; }
.card .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .note { color: #59636e; font-size: 12.5px; }
.scroll { overflow-x: auto; background: #fff; border: 1px solid #d8dee4; border-radius: 8px; margin: 10px 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 6px 12px; text-align: left; white-space: nowrap; }
th { background: #eef1f4; font-weight: 600; border-bottom: 1px solid #d8dee4; }
td { border-bottom: 1px solid #eef1f4; }
tbody tr:last-child td { border-bottom: none; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.best td { background: #e6f4ea; font-weight: 600; }
td.na { color: #8c959f; font-weight: 400; }
.legend { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0 0; font-size: 13.5px; color: #3d444d; }
.legend dt { font-weight: 600; }
.legend dd { margin: 0; }
figure { display: grid; grid-template-columns: minmax(0, 640px) minmax(220px, 1fr); gap: 8px 24px; align-items: center; margin: 14px 0; background: #fff; border: 1px solid #d8dee4; border-radius: 8px; padding: 10px 20px 10px 10px; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 14px; color: #3d444d; }
figcaption h3 { font-size: 15px; color: #1f2328; margin: 0 0 6px; }
@media (max-width: 900px) { figure { grid-template-columns: 1fr; padding: 10px; } }
footer { margin-top: 36px; font-size: 13px; color: #59636e; }
`;

/** A dataset shown in its own section of the page: where it came from and its analysis. */
export interface DatasetSection {
  source: Source;
  analysis: Analysis;
}

/** The section on a dataset: H, TC, DTC, its profile under the optimal 4-step schedule, the best schedules for K = 2..5. */
function datasetSection({ source, analysis }: DatasetSection, card: (label: string, text: string, note: string) => string): string {
  const { q, n, units, measures, profile, bestSchedules, support } = analysis;
  const u = units.label;
  const divisor = Math.log(units.base);
  const nats = { h: Float64Array.from(profile.h, (v) => v * divisor), D: Float64Array.from(profile.D, (v) => v * divisor) };
  const scale = Math.max(profile.h[n], n * profile.D[0]);
  const shown = bestSchedules.find((b) => b.K === 4) ?? bestSchedules[bestSchedules.length - 1];
  const plot = shown === undefined
    ? ''
    : `<figure>\n<div class="svg">${plotProfile(nats, shown.sizes, { ...(units.base === Math.E ? {} : { base: units.base }), title: `Entropy profile and the optimal ${shown.K}-step schedule ${sizeList(shown.sizes)}` }).trim()}</div>\n<figcaption><h3>The optimal schedule of the data</h3><p>${escapeHtml(`D(j), the mean entropy of a position given j others, falls from ${fixed(profile.D[0], 3)} to ${fixed(profile.D[n - 1], 3)} ${u}: revealed positions say much about the rest. The shaded area is the expected KL of the optimal ${shown.K}-step schedule, ${amount(shown.expectedKL, scale)} ${u}.`)}</p></figcaption>\n</figure>`;
  const best = table(
    ['K', 'optimal sizes', 'E KL', 'constant E KL'],
    bestSchedules.map((b) => [String(b.K), sizeList(b.sizes), amount(b.expectedKL, scale), amount(b.constantKL, scale)]),
    [true, false, true, true],
    bestSchedules.map(() => false),
  );
  return `
<h2>Data: ${escapeHtml(source.kind === 'dataset' ? `the ${source.name} dataset` : sourceLabel(source))}</h2>
<p class="muted">${escapeHtml(describeSource(source))}: q = ${q} symbols, n = ${n} positions${support === null ? '' : `, a support of ${support} of the ${q ** n} rows (a sparse joint)`}; values in ${escapeHtml(u)}.</p>
<div class="cards">
${card('entropy H', fixed(measures.entropy, 4), u)}
${card('total correlation TC', fixed(measures.totalCorrelation, 4), `${u}; the E KL of a single step`)}
${card('dual total correlation DTC', fixed(measures.dualTotalCorrelation, 4), u)}
</div>
${plot}
<div class="scroll">${best}</div>
${legend([['E KL', 'the exact expected KL of the optimal K-step schedule (dynamic programming over the profile).'], ['constant E KL', 'the same for K steps of (nearly) equal sizes.']])}
`;
}

/**
 * The HTML page of a schedules study as a string. `timing` is the line of timings that ends
 * the text report; `dataset`, when given, adds a section on it.
 */
export function formatHtml(source: Source, study: Study, timing: { totalMs: number }, dataset?: DatasetSection): string {
  const { q, n, K, units, measures, profile, families, policies, adapted } = study;
  const scale = studyScale(study);
  const u = units.label;
  const value = (v: number) => amount(v, scale);
  const plotOptions = units.base === Math.E ? {} : { base: units.base };
  const optimal = families[families.length - 1];
  const cosine = families.find((f) => f.name === 'cosine');
  const practical = families.filter((f) => f.name !== 'optimal');
  const bestPractical = practical.reduce((a, b) => (b.expectedKL < a.expectedKL ? b : a));
  const modelLine = sourceLabel(source);

  const times = (f: { expectedKL: number }) =>
    optimal.expectedKL > 1e-12 * scale ? ` (${(f.expectedKL / optimal.expectedKL).toFixed(2)} times the optimum)` : '';
  const figures: [svg: string, title: string, caption: string][] = [
    [
      plotProfile(profile, optimal.sizes, { ...plotOptions, title: `Entropy profile and the optimal ${K}-step schedule ${sizeList(optimal.sizes)}` }),
      'The optimal schedule',
      `D(j) is the mean entropy of a fresh position given j revealed ones; it never increases. A step that starts with w positions revealed draws each of its positions as if only those w were known, so the schedule holds D at D(w) for the whole step, and the shaded area between the two is exactly the expected KL: ${value(optimal.expectedKL)} ${u} for the optimal sizes ${sizeList(optimal.sizes)}, found by dynamic programming over the step boundaries.`,
    ],
    ...(cosine === undefined
      ? []
      : [[
          plotProfile(profile, cosine.sizes, { ...plotOptions, title: `Entropy profile and the cosine (MaskGIT) schedule ${sizeList(cosine.sizes)}` }),
          'MaskGIT’s cosine schedule',
          `The same profile under the cosine schedule ${sizeList(cosine.sizes)}, which reveals few positions first and many last: its expected KL, the shaded area, is ${value(cosine.expectedKL)} ${u}${times(cosine)}.`,
        ] as [string, string, string]]),
    [
      plotKLvsSteps(profile, { constant: schedules.constant, cosine: schedules.cosine, cosineFront: schedules.cosineFront, linear: schedules.linear, dream: schedules.dream }, { ...plotOptions, title: 'Expected KL against the number of steps K' }),
      'Expected KL against the number of steps',
      `The exact expected KL of each family for K = 1..${n}, and of the optimal schedule for each K, on a log scale. One step costs TC = ${value(measures.totalCorrelation)} ${u}; ${n} steps of one position each cost exactly 0, drawn on the bottom row.`,
    ],
  ];

  const familyTable = table(
    ['family', 'sizes', 'E KL', 'KL(q_mix)', 'ratio', 'dim-free bound', 'Li–Cai bound'],
    families.map((f) => [familyLabel(f), sizeList(f.sizes), value(f.expectedKL), f.mixtureKL === null ? SKIPPED : value(f.mixtureKL), ratio(f.mixtureKL, f.expectedKL, scale), value(f.bounds.dimensionFree), value(f.bounds.liCai)]),
    [false, false, true, true, true, true, true],
    families.map((f) => f.best),
  );
  const policyTable = table(
    ['policy', 'sizes', 'KL(p‖q)', '÷ E KL'],
    policies.map((p) => [p.policy, policySchedule(p), p.kl === null ? SKIPPED : value(p.kl), ratio(p.kl, p.expectedKL, scale)]),
    [false, false, true, true],
    policies.map((p) => p.best),
  );
  const adaptedTable = table(
    ['rule', 'eps', 'K', 'sizes', 'E KL', 'guarantee', 'bound', 'E KL ÷ bound'],
    adapted.map((a) => [a.rule, String(a.eps), String(a.sizes.length), sizeList(a.sizes), value(a.expectedKL), a.guaranteeName, value(a.guarantee), ratio(a.expectedKL, a.guarantee, scale)]),
    [false, true, true, false, true, false, true, true],
    adapted.map(() => false),
  );
  const card = (label: string, text: string, note: string) =>
    `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(text)}</div><div class="note">${escapeHtml(note)}</div></div>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Unmasking schedules, K = ${K}: ${modelLine}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Unmasking schedules, ${stepsText(K)}</h1>
<p><span class="mono">${escapeHtml(modelLine)}</span> — ${escapeHtml(describeSource(source))}</p>
<p class="muted">${escapeHtml(shapeLine(q, n, study.support))}; values in ${escapeHtml(u)}. Every number is exact: the sampler reveals s_k positions at step k and draws them independently from the true conditionals, so all of its error comes from revealing positions in parallel.</p>
<div class="cards">
${card('entropy H', fixed(measures.entropy, 4), u)}
${card('total correlation TC', fixed(measures.totalCorrelation, 4), `${u}; the E KL of a single step`)}
${card('dual total correlation DTC', fixed(measures.dualTotalCorrelation, 4), u)}
${card(`optimal ${K}-step E KL`, value(optimal.expectedKL), `sizes ${sizeList(optimal.sizes)}`)}
${card('best practical family', bestPractical.name, `E KL ${value(bestPractical.expectedKL)}${bestPractical.best ? ', optimal' : ''}`)}
</div>

<h2>Schedule families</h2>
<p class="muted">Highlighted: the least expected KL with ${stepsText(K)}.</p>
<div class="scroll">${familyTable}</div>
${legend([
  ['E KL', 'E_S KL(p‖q_S): the exact expected KL over uniformly random reveal sets (Chen–Cong–Li).'],
  ['KL(q_mix)', `KL(p‖q_mix): the exact KL of the law of the sampler’s output, q_mix = E_S q_S${families.some((f) => f.mixtureKL === null) ? `; skipped unless (q+1)^n ≤ ${MIXTURE_LIMITS.cells} cells and the sampler’s work ≤ ${MIXTURE_LIMITS.work.toExponential(0).replace('e+', 'e')}` : ''}.`],
  ['ratio', 'KL(q_mix) / E KL: at most 1, since q_mix is the mean of the q_S (convexity).'],
  ['dim-free bound', '(s_max − 1)(D(0) − D(n−1)), dimension-free (Lavenant–Zanella).'],
  ['Li–Cai bound', '(2^⌈log₂ s_max⌉ − 1)(TC + DTC)/n, the mutual-information bound of Li–Cai (Thm 1).'],
])}

<h2>Profile and schedules</h2>
${figures.map(([svg, title, caption]) => `<figure>\n<div class="svg">${svg.trim()}</div>\n<figcaption><h3>${escapeHtml(title)}</h3><p>${escapeHtml(caption)}</p></figcaption>\n</figure>`).join('\n')}
${policies.length === 0 ? '' : `
<h2>Adaptive policies</h2>
<p class="muted">Exact KL(p‖q) of the sampler’s output when each step reveals the positions a policy picks. Highlighted: the least.</p>
<div class="scroll">${policyTable}</div>
${legend([...[...new Set(policies.map((p) => p.policy))].map((p): [string, string] => [p, `reveals ${POLICY_RULES[p]}.`]), ['÷ E KL', 'KL(p‖q) divided by the expected KL of the same sizes in random order.']])}
`}
<h2>Adapted schedules</h2>
<p class="muted">Chen–Cong–Li’s TC- and DTC-adapted rules and the two-sided rule, for the least eps (to 4 digits) giving at most ${stepsText(K)} and for eps = 0.5: the exact expected KL against the bound each rule guarantees.</p>
<div class="scroll">${adaptedTable}</div>

${dataset === undefined ? '' : datasetSection(dataset, card)}
<footer>Generated by unmasking ${VERSION} in ${milliseconds(timing.totalMs)} ms.</footer>
</main>
</body>
</html>
`;
}
