// The entropy profile D(j) with an unmasking schedule drawn over it; the shaded area is the
// schedule's exact expected KL (DESIGN.md §4).
import type { Profile } from '../Joint.js';
import { expectedKL } from '../schedules/expectedKL.js';
import { requireProfile } from '../schedules/profile.js';
import { cumulative, requireSizes } from '../schedules/validate.js';
import { horizontalGrid, xAxis, yAxis, type Area } from './axes.js';
import { dropNoise, formatSizes, formatTick, formatValue, profileScale } from './format.js';
import { legendFlow, rowWidth, type LegendEntry } from './legend.js';
import { heading, resolveOptions, svgDocument, type PlotOptions } from './options.js';
import { integerTicks, linearScale, niceTicks } from './scale.js';
import { element, polygonPoints, polylinePath, text, textWidth } from './svg.js';
import { FONT, INK } from './style.js';

const PROFILE_COLOR = '#0072B2';
const SCHEDULE_COLOR = '#D55E00';
const AREA_OPACITY = 0.28;

/**
 * An SVG (as a string) of the entropy profile D(j), j = 0..n-1, as a step function over
 * [j, j+1). Given `sizes`, the schedule is drawn too: over each block [w_{k-1}, w_k) it sits
 * at D(w_{k-1}), as the sampler treats every token of step k as if only w_{k-1} were revealed.
 * The shaded area between the two is exactly the expected KL, expectedKL(profile, sizes).total,
 * printed in the legend. Values are taken in nats (joint.profile()); `options.base` converts.
 * @param profile joint.profile(), in nats.
 * @param sizes optional step sizes s_1..s_K >= 1 summing to n.
 * @throws ArgumentTypeError, ArgumentRangeError naming the bad argument.
 * @example plotProfile(models.markovChain(8, { flip: 0.1 }).profile(), [2, 2, 2, 2])
 */
export function plotProfile(profile: Profile, sizes?: readonly number[], options?: PlotOptions): string {
  const fn = 'plotProfile';
  const n = requireProfile(fn, profile);
  const steps = sizes === undefined ? undefined : requireSizes(fn, sizes, n);
  const o = resolveOptions(fn, options);
  const D = Array.from(profile.D, (d) => d / o.divisor);
  const hn = profile.h[n] / o.divisor;
  // Printed values: differences that are 0 in exact arithmetic print as 0.
  const scale = profileScale(profile, n, o.divisor);
  const tc = dropNoise((n * profile.D[0] - profile.h[n]) / o.divisor, scale);
  const dtc = dropNoise((profile.h[n] - n * profile.D[n - 1]) / o.divisor, scale);
  const ekl = steps === undefined ? undefined : expectedKL(profile, steps);
  const eklTotal = ekl === undefined ? 0 : dropNoise(ekl.total / o.divisor, scale);

  // The legend first (it may wrap), then the plot area under it: a band for the step numbers
  // when there is a schedule, the y labels' width on the left.
  const entries: LegendEntry[] = [{ label: 'D(j) = h(j+1) − h(j)', color: PROFILE_COLOR, line: { width: 2.25 } }];
  if (steps !== undefined) {
    entries.push(
      { label: `schedule ${formatSizes(steps)}`, color: SCHEDULE_COLOR, line: {} },
      { label: `expected KL = ${formatValue(eklTotal)} ${o.unit}`, color: SCHEDULE_COLOR, swatch: { opacity: AREA_OPACITY } },
    );
    if (rowWidth(entries) > o.width - 32) entries[1] = { ...entries[1], label: 'schedule' }; // the title has the sizes
  }
  if (rowWidth(entries) > o.width - 32) entries[0] = { ...entries[0], label: 'D(j)' };
  const legend = legendFlow(entries, 16, 68, o.width - 32);
  const top = 68 + 20 * (legend.lines - 1) + (steps === undefined ? 22 : 36);
  const bottom = o.height - 52;

  // Scales: x over [0, n] revealed tokens, y from 0 (or a clearly negative D) to a nice top.
  const maxD = Math.max(...D);
  const minD = Math.min(...D);
  const yCount = Math.min(8, Math.max(2, Math.round((bottom - top) / 45)));
  const yTicks = niceTicks(minD < -1e-12 * Math.max(1, Math.abs(maxD)) ? minD : 0, maxD, yCount, 0.03);
  const yLabels = yTicks.ticks.map((v) => formatTick(v, yTicks.step));
  const labelWidth = Math.max(...yLabels.map((l) => textWidth(l, FONT.tick)));
  const area: Area = { left: Math.round(40 + labelWidth), top, right: o.width - 24, bottom };
  const x = linearScale([0, n], [area.left, area.right]);
  const y = linearScale(yTicks.domain, [area.bottom, area.top]);
  const xTicks = integerTicks(0, n, Math.max(2, Math.floor((area.right - area.left) / 30)));

  const body: string[] = [];
  body.push(horizontalGrid(area, yTicks.ticks.map(y)));

  const w = steps === undefined ? [] : cumulative(steps);
  if (steps !== undefined) {
    // One polygon per block: along the top at D(w_{k-1}), back along the D(j) steps.
    const polygons: string[] = [];
    for (let k = 1; k < w.length; k++) {
      const [a, b] = [w[k - 1], w[k]];
      if (b - a < 2) continue; // a one-token step costs nothing: no area
      const points: [number, number][] = [[x(a), y(D[a])], [x(b), y(D[a])]];
      for (let j = b - 1; j > a; j--) points.push([x(j + 1), y(D[j])], [x(j), y(D[j])]);
      points.push([x(a + 1), y(D[a])]); // and back along D(a) = the top edge's height to the start
      polygons.push(element('polygon', { points: polygonPoints(points), 'data-step': k }));
    }
    body.push(element('g', { class: 'expected-kl-area', fill: SCHEDULE_COLOR, 'fill-opacity': AREA_OPACITY, stroke: 'none' }, polygons));
    // Block boundaries w_1..w_{K-1}, and each step's number above the plot when it fits.
    const lines = w.slice(1, -1).map((b) => element('line', { x1: x(b), x2: x(b), y1: area.top, y2: area.bottom }));
    body.push(element('g', { class: 'block-boundaries', stroke: INK.boundary, 'stroke-width': 1, 'stroke-dasharray': '4 3' }, lines));
    const numbers: string[] = [];
    for (let k = 1; k < w.length; k++) {
      const room = x(w[k]) - x(w[k - 1]);
      const label = room >= 48 ? `step ${k}` : String(k);
      if (room >= 18) numbers.push(text({ x: (x(w[k - 1]) + x(w[k])) / 2, y: area.top - 6, 'text-anchor': 'middle' }, label));
    }
    body.push(element('g', { class: 'step-numbers', 'font-size': FONT.note, fill: INK.muted }, numbers));
  }

  // D(j) as a step function over [j, j+1).
  const profilePoints: [number, number][] = [];
  D.forEach((d, j) => profilePoints.push([x(j), y(d)], [x(j + 1), y(d)]));
  body.push(element('path', { class: 'profile', d: polylinePath(profilePoints), fill: 'none', stroke: PROFILE_COLOR, 'stroke-width': 2.25, 'stroke-linejoin': 'round' }));

  if (steps !== undefined) {
    // The schedule: over block k at D(w_{k-1}).
    const schedulePoints: [number, number][] = [];
    for (let k = 1; k < w.length; k++) schedulePoints.push([x(w[k - 1]), y(D[w[k - 1]])], [x(w[k]), y(D[w[k - 1]])]);
    body.push(element('path', { class: 'schedule', d: polylinePath(schedulePoints), fill: 'none', stroke: SCHEDULE_COLOR, 'stroke-width': 2, 'stroke-linejoin': 'round' }));
  }

  body.push(
    xAxis(area, xTicks.ticks.map((t) => ({ at: x(t), label: String(t) })), 'revealed tokens j', o.height - 14),
    yAxis(area, yTicks.ticks.map((t, i) => ({ at: y(t), label: yLabels[i] })), [`D(j) (${o.unit})`, 'D(j)'], 12),
  );

  body.push(legend.markup);

  const title = o.title ?? (steps === undefined ? `Entropy profile, n = ${n}` : `Schedule ${formatSizes(steps)} on the entropy profile, n = ${n}`);
  const subtitle = `h(n) = H = ${formatValue(hn)} ${o.unit} · TC = n D(0) − h(n) = ${formatValue(tc)} · DTC = h(n) − n D(n−1) = ${formatValue(dtc)}`;
  body.push(heading(o.width, title, [subtitle, `H = ${formatValue(hn)} ${o.unit} · TC = ${formatValue(tc)} · DTC = ${formatValue(dtc)}`]));

  let desc = `Entropy profile of n = ${n} positions in ${o.unit}: D(j) for j = 0..${n - 1} is ${D.map(formatValue).join(', ')}. ${subtitle}.`;
  if (steps !== undefined && ekl !== undefined) {
    desc +=
      ` Schedule with sizes [${steps.join(', ')}]: over each block it sits at D of the block's start;` +
      ` the shaded area between it and D(j) is the expected KL, ${formatValue(eklTotal)} ${o.unit}` +
      ` (per step: ${Array.from(ekl.terms, (t) => formatValue(dropNoise(t / o.divisor, scale))).join(', ')}).`;
  }
  return svgDocument(o.width, o.height, title, desc, body);
}
