// Expected KL against the number of steps K, one series per schedule family plus the optimum,
// on a log axis with a separate row for exact zeros.
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import type { Profile } from '../Joint.js';
import type { ScheduleFamily } from '../schedules/curve.js';
import { expectedKL } from '../schedules/expectedKL.js';
import { optimal as optimalSchedule } from '../schedules/optimal.js';
import { requireProfile } from '../schedules/profile.js';
import { requireSizes } from '../schedules/validate.js';
import { horizontalGrid, xAxis, yAxis, type Area, type Tick } from './axes.js';
import { dropNoise, formatLogTick, formatValue, profileScale } from './format.js';
import { entryWidth, legendEntry, type LegendEntry } from './legend.js';
import { heading, resolveOptions, svgDocument, type PlotOptions } from './options.js';
import { integerTicks, linearScale, logScale, logTicks } from './scale.js';
import { element, fittedText, num, textWidth } from './svg.js';
import { FONT, INK, PALETTE, marker, type Marker } from './style.js';

/** Options of plotKLvsSteps. */
export interface KLvsStepsOptions extends PlotOptions {
  /** Also plot the profile-optimal schedule's expected KL for each K, labelled "optimal" (default true). */
  optimal?: boolean;
}

/** One plotted series. */
interface Series {
  name: string;
  values: number[];
  color: string;
  marker: Marker;
  dash: string | undefined;
}

const FAMILY_MARKERS: readonly Marker[] = ['circle', 'square', 'triangle', 'diamond', 'triangleDown'];
const FAMILY_DASHES = [undefined, '7 3', '2 2'];
const OPTIMAL_COLOR = '#000000';
/** Longest series name shown in the legend. */
const MAX_NAME = 24;

/**
 * An SVG (as a string) of the exact expected KL against K = 1..n for each schedule family, and
 * for the profile-optimal K-step schedule (series "optimal", unless `options.optimal` is false).
 * The y axis is logarithmic, in nats (or `options.base`). A log axis cannot show 0, and the
 * expected KL is exactly 0 at K = n (for a product table, at every K): such points are drawn as
 * hollow markers on a separate "0" row below a break in the axis. Values within 1e-12 × max(h(n),
 * n max D) of 0 count as 0 (rounding noise).
 * @param profile joint.profile(), in nats.
 * @param families named schedule families (n, K) => sizes, e.g. { constant: schedules.constant }.
 * @throws ArgumentTypeError, ArgumentRangeError naming the bad argument (a family's bad output
 *   is named as `families.cosine(8, 3)`).
 * @example plotKLvsSteps(joint.profile(), { constant: schedules.constant, cosine: schedules.cosine })
 */
export function plotKLvsSteps(profile: Profile, families: Record<string, ScheduleFamily>, options?: KLvsStepsOptions): string {
  const fn = 'plotKLvsSteps';
  const n = requireProfile(fn, profile);
  if (families === null || typeof families !== 'object' || Array.isArray(families)) {
    throw new ArgumentTypeError({ fn, argument: 'families', expected: 'an object of named schedule families { name: (n, K) => sizes }', received: describe(families) });
  }
  const named = Object.entries(families);
  for (const [name, family] of named) {
    if (typeof family !== 'function') {
      throw new ArgumentTypeError({ fn, argument: familyArgument(name), expected: 'a function (n, K) => sizes', received: describe(family) });
    }
  }
  const o = resolveOptions(fn, options);
  const withOptimal = options?.optimal ?? true;
  if (typeof withOptimal !== 'boolean') {
    throw new ArgumentTypeError({ fn, argument: 'options.optimal', expected: 'a boolean', received: describe(withOptimal) });
  }
  if (withOptimal && Object.hasOwn(families, 'optimal')) {
    throw new ArgumentRangeError({ fn, argument: 'families.optimal', expected: 'absent (the "optimal" series is added; pass { optimal: false } to leave it out)', received: 'a family named "optimal"' });
  }
  if (named.length === 0 && !withOptimal) {
    throw new ArgumentRangeError({ fn, argument: 'families', expected: 'at least one family when options.optimal is false', received: 'an empty object' });
  }

  // The curves, K = 1..n, in the plotted unit.
  const Ks = Array.from({ length: n }, (_, i) => i + 1);
  const series: Series[] = named.map(([name, family], i) => ({
    name,
    values: Ks.map((K) => {
      const sizes = requireSizes(fn, family(n, K), n, `${familyArgument(name)}(${n}, ${K})`);
      return expectedKL(profile, sizes).total / o.divisor;
    }),
    color: PALETTE[i % PALETTE.length],
    marker: FAMILY_MARKERS[i % FAMILY_MARKERS.length],
    dash: FAMILY_DASHES[Math.floor(i / PALETTE.length) % FAMILY_DASHES.length],
  }));
  if (withOptimal) {
    series.push({ name: 'optimal', values: Ks.map((K) => optimalSchedule(profile, K).expectedKL / o.divisor), color: OPTIMAL_COLOR, marker: 'cross', dash: '5 3' });
  }

  // Zero or not: |v| <= 1e-12 of the profile's scale (h(n), n max D) is rounding noise of 0.
  const tolerance = 1e-12 * profileScale(profile, n, o.divisor);
  const isZero = (v: number) => v <= tolerance;
  for (const s of series) {
    s.values.forEach((v, i) => {
      if (v < -tolerance) {
        throw new ArgumentRangeError({ fn, argument: 'profile', expected: 'an entropy profile with D non-increasing (every expected KL >= 0)', received: `expected KL ${v} for "${s.name}" at K = ${i + 1}` });
      }
    });
  }
  const positive = series.flatMap((s) => s.values.filter((v) => !isZero(v)));
  const hasZero = series.some((s) => s.values.some(isZero));

  // The log axis: the positive values' range padded by 6 % (in decades), at least one decade
  // wide; a default 0.01..1 when every value is 0.
  let lo = -2;
  let hi = 0;
  if (positive.length > 0) {
    const [min, max] = [Math.log10(Math.min(...positive)), Math.log10(Math.max(...positive))];
    const pad = 0.06 * (max - min);
    [lo, hi] = [min - pad, max + pad];
    if (hi - lo < 1) [lo, hi] = [(lo + hi) / 2 - 0.5, (lo + hi) / 2 + 0.5];
  }
  const [top, bottom] = [66, o.height - 52];
  const logBottom = hasZero ? bottom - 38 : bottom; // the 0 row and the axis break below it
  const ticks = logTicks(lo, hi, logBottom - top);
  const plain = ticks.labelled.every((t) => t.value >= 1e-3 && t.value <= 1e4);
  const tickLabels = ticks.labelled.map((t) => formatLogTick(t.m, t.e, plain));

  // Layout: legend on the right, the y labels' width on the left.
  const legend: LegendEntry[] = series.map((s) => ({ label: shorten(s.name), color: s.color, line: { dash: s.dash }, marker: s.marker }));
  if (hasZero) legend.push({ label: ['0 (within rounding)', '0 (rounding)', '0'], color: INK.muted, marker: 'circle', hollow: true });
  const legendWidth = Math.min(Math.max(...legend.map(entryWidth)), Math.max(100, 0.38 * o.width)); // long names are cut
  const labelWidth = Math.max(...[...tickLabels, '0'].map((l) => textWidth(l, FONT.tick)));
  const area: Area = { left: Math.round(40 + labelWidth), top, right: Math.round(o.width - 28 - legendWidth), bottom };
  const zeroY = area.bottom - 12;
  const x = linearScale([0.5, n + 0.5], [area.left, area.right]);
  const y = logScale([10 ** lo, 10 ** hi], [logBottom, area.top]);
  const xStep = x(2) - x(1);
  const radius = Math.min(4, Math.max(2, xStep / 3.2));

  const body: string[] = [];
  const yTicks: Tick[] = ticks.labelled.map((t, i) => ({ at: y(t.value), label: tickLabels[i] }));
  body.push(horizontalGrid(area, yTicks.map((t) => t.at)));
  if (hasZero) {
    yTicks.push({ at: zeroY, label: '0' });
    body.push(element('line', { class: 'zero-row', x1: area.left, x2: area.right, y1: zeroY, y2: zeroY, stroke: INK.grid, 'stroke-dasharray': '2 3' }));
  }

  // Lines through consecutive nonzero points, then the markers (zeros hollow on the 0 row,
  // spread sideways so that series sharing a zero stay visible).
  const zerosAt = Ks.map((_, i) => series.filter((s) => isZero(s.values[i])).length);
  const zeroSeen = Ks.map(() => 0);
  for (const s of series) {
    let d = '';
    let previous = false;
    s.values.forEach((v, i) => {
      const here = !isZero(v);
      if (here) d += `${previous ? 'L' : 'M'}${num(x(i + 1))} ${num(y(v))} `;
      previous = here;
    });
    const marks = s.values.map((v, i) => {
      if (!isZero(v)) return marker(s.marker, x(i + 1), y(v), s.color, false, radius, 'point');
      const m = zerosAt[i];
      const spread = Math.min(10, (0.7 * xStep) / m);
      const dx = (zeroSeen[i]++ - (m - 1) / 2) * spread;
      return marker(s.marker, x(i + 1) + dx, zeroY, s.color, true, radius, 'point zero');
    });
    body.push(
      element('g', { class: 'series', 'data-name': s.name }, [
        d === '' ? '' : element('path', { class: 'line', d: d.trimEnd(), fill: 'none', stroke: s.color, 'stroke-width': 1.75, 'stroke-dasharray': s.dash, 'stroke-linejoin': 'round' }),
        ...marks,
      ]),
    );
  }

  if (positive.length === 0) {
    const note = 'expected KL is 0 for every K (no dependence between positions)';
    const attributes = { class: 'note', x: (area.left + area.right) / 2, y: area.top + 0.25 * (logBottom - area.top), 'text-anchor': 'middle', fill: INK.muted };
    body.push(fittedText(attributes, note, area.right - area.left - 16, FONT.legend));
  }
  const xTicks = integerTicks(1, n, Math.max(2, Math.floor((area.right - area.left) / 30)));
  body.push(
    xAxis(area, xTicks.ticks.map((K) => ({ at: x(K), label: String(K) })), 'steps K', o.height - 14),
    yAxis(area, yTicks, [`expected KL (${o.unit}, log scale)`, `expected KL (${o.unit}, log)`, `KL (${o.unit}, log)`], 12, {
      minor: ticks.minor.map((v) => y(v)),
      gap: hasZero ? [zeroY - 7, logBottom + 9] : undefined,
    }),
  );
  body.push(
    element(
      'g',
      { class: 'legend' },
      legend.map((entry, i) => legendEntry(entry, area.right + 20, area.top + 8 + i * 21, legendWidth)),
    ),
  );

  const tc = dropNoise((n * profile.D[0] - profile.h[n]) / o.divisor, profileScale(profile, n, o.divisor));
  const title = o.title ?? `Expected KL against the number of steps K, n = ${n}`;
  const subtitle = `exact E KL(p ‖ q) of the parallel sampler · K = 1 costs TC = ${formatValue(tc)} ${o.unit} · K = n costs 0`;
  body.push(heading(o.width, title, [subtitle, `K = 1 costs TC = ${formatValue(tc)} ${o.unit}; K = n costs 0`]));

  const desc =
    `Expected KL in ${o.unit} against the number of steps K = 1..${n}, on a log scale; zeros on a separate row. ` +
    series.map((s) => `${s.name}: ${s.values.map((v) => (isZero(v) ? '0' : formatValue(v))).join(', ')}.`).join(' ');
  return svgDocument(o.width, o.height, title, desc, body);
}

/** `families.cosine`, or `families["two words"]` for a name that is not an identifier. */
function familyArgument(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `families.${name}` : `families[${JSON.stringify(name)}]`;
}

function shorten(name: string): string {
  const chars = [...name];
  return chars.length <= MAX_NAME ? name : chars.slice(0, MAX_NAME - 1).join('') + '…';
}
