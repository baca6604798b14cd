// Axes, grid lines and axis titles around a rectangular plot area.
import { element, fittedText, num, text } from './svg.js';
import { FONT, INK } from './style.js';

/** The plot area in viewBox pixels. */
export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A labelled tick at a pixel position along its axis. */
export interface Tick {
  at: number;
  label: string;
}

const TICK_LENGTH = 5;

/** Horizontal grid lines at the given y pixels, drawn under the data. */
export function horizontalGrid(area: Area, ys: readonly number[], stroke: string = INK.grid): string {
  const lines = ys.map((y) => element('line', { x1: area.left, x2: area.right, y1: y, y2: y }));
  return element('g', { class: 'grid', stroke, 'stroke-width': 1 }, lines);
}

/** The x axis: a baseline, outward ticks with labels below, and the axis title under them (the first of its alternatives that fits). */
export function xAxis(area: Area, ticks: readonly Tick[], title: string | readonly string[], titleY: number): string {
  const marks = ticks.map((t) => element('line', { x1: t.at, x2: t.at, y1: area.bottom, y2: area.bottom + TICK_LENGTH }));
  const labels = ticks.map((t) =>
    text({ x: t.at, y: area.bottom + TICK_LENGTH + 3, dy: '0.71em', 'text-anchor': 'middle' }, t.label),
  );
  return element('g', { class: 'x-axis' }, [
    element('line', { x1: area.left, x2: area.right, y1: area.bottom, y2: area.bottom, stroke: INK.axis }),
    element('g', { class: 'ticks', stroke: INK.axis }, marks),
    element('g', { class: 'tick-labels', 'font-size': FONT.tick, fill: INK.text }, labels),
    fittedText({ class: 'axis-title', x: (area.left + area.right) / 2, y: titleY, 'text-anchor': 'middle', fill: INK.text }, title, area.right - area.left, FONT.label),
  ]);
}

/** Options of the y axis: minor tick pixels, and a gap in the axis line (a log axis's zero row). */
export interface YAxisExtras {
  minor?: readonly number[];
  /** Pixels [from, to] (from > to, screen y grows down) where the axis line breaks, with // marks. */
  gap?: readonly [number, number];
}

/** The y axis: a vertical line, outward ticks with right-aligned labels, and a rotated title (the first of its alternatives that fits). */
export function yAxis(area: Area, ticks: readonly Tick[], title: string | readonly string[], titleX: number, extras: YAxisExtras = {}): string {
  const x = area.left;
  const marks = ticks.map((t) => element('line', { x1: x - TICK_LENGTH, x2: x, y1: t.at, y2: t.at }));
  const minor = (extras.minor ?? []).map((y) => element('line', { x1: x - 3, x2: x, y1: y, y2: y }));
  const labels = ticks.map((t) =>
    text({ x: x - TICK_LENGTH - 4, y: t.at, dy: '0.32em', 'text-anchor': 'end' }, t.label),
  );
  const lines: string[] = [];
  if (extras.gap === undefined) {
    lines.push(element('line', { x1: x, x2: x, y1: area.top, y2: area.bottom }));
  } else {
    const [low, high] = extras.gap;
    lines.push(element('line', { x1: x, x2: x, y1: area.top, y2: high }), element('line', { x1: x, x2: x, y1: low, y2: area.bottom }));
    // The break: two short slashes across the axis line at each end of the gap.
    for (const y of [high, low]) lines.push(element('line', { x1: x - 5, x2: x + 5, y1: y + 2.5, y2: y - 2.5 }));
  }
  return element('g', { class: 'y-axis' }, [
    element('g', { class: 'axis-line', stroke: INK.axis }, lines),
    element('g', { class: 'ticks', stroke: INK.axis }, marks),
    element('g', { class: 'minor-ticks', stroke: INK.axis }, minor),
    element('g', { class: 'tick-labels', 'font-size': FONT.tick, fill: INK.text }, labels),
    fittedText(
      {
        class: 'axis-title',
        x: titleX,
        y: (area.top + area.bottom) / 2,
        transform: `rotate(-90 ${num(titleX)} ${num((area.top + area.bottom) / 2)})`,
        dy: '0.71em',
        'text-anchor': 'middle',
        fill: INK.text,
      },
      title,
      area.bottom - area.top,
      FONT.label,
    ),
  ]);
}
