// Legend entries: a line (with an optional marker) or a filled swatch, then the label.
import { element, fittedText, textWidth } from './svg.js';
import { FONT, INK, marker, type Marker } from './style.js';

/** One legend entry. */
export interface LegendEntry {
  /** The label, or shorter and shorter alternatives for when space is short. */
  label: string | readonly string[];
  color: string;
  /** A line sample (with its dash pattern), a marker on it, or a filled swatch. */
  line?: { dash?: string; width?: number };
  marker?: Marker;
  hollow?: boolean;
  swatch?: { opacity: number };
}

const SAMPLE = 26;
const GAP = 8;

/** The width an entry takes in a row: the sample, a gap, the label. */
export function entryWidth(entry: LegendEntry): number {
  return SAMPLE + GAP + textWidth(typeof entry.label === 'string' ? entry.label : entry.label[0], FONT.legend);
}

/** Draws one entry with its sample starting at x and the text centred on y, in at most `maxWidth`. */
export function legendEntry(entry: LegendEntry, x: number, y: number, maxWidth = Infinity): string {
  const parts: string[] = [];
  if (entry.swatch !== undefined) {
    parts.push(element('rect', { x, y: y - 6, width: SAMPLE, height: 12, fill: entry.color, 'fill-opacity': entry.swatch.opacity, stroke: entry.color, 'stroke-width': 1 }));
  }
  if (entry.line !== undefined) {
    parts.push(element('line', { x1: x, x2: x + SAMPLE, y1: y, y2: y, stroke: entry.color, 'stroke-width': entry.line.width ?? 2, 'stroke-dasharray': entry.line.dash }));
  }
  if (entry.marker !== undefined) parts.push(marker(entry.marker, x + SAMPLE / 2, y, entry.color, entry.hollow ?? false));
  parts.push(fittedText({ x: x + SAMPLE + GAP, y, dy: '0.32em', fill: INK.text }, entry.label, maxWidth - SAMPLE - GAP, FONT.legend));
  return element('g', { class: 'legend-entry' }, parts);
}

/**
 * Entries left to right from (x, y), separated by `spacing`, wrapping to a new line 20 px lower
 * when the next entry would pass x + maxWidth. Returns the markup and the number of lines.
 */
export function legendFlow(entries: readonly LegendEntry[], x: number, y: number, maxWidth: number, spacing = 20): { markup: string; lines: number } {
  const parts: string[] = [];
  let [cx, lines] = [x, 1];
  for (const entry of entries) {
    if (cx > x && cx + entryWidth(entry) > x + maxWidth) [cx, lines] = [x, lines + 1];
    parts.push(legendEntry(entry, cx, y + (lines - 1) * 20));
    cx += entryWidth(entry) + spacing;
  }
  return { markup: element('g', { class: 'legend' }, parts), lines };
}

/** The width of a row of entries. */
export function rowWidth(entries: readonly LegendEntry[], spacing = 20): number {
  return entries.reduce((sum, e) => sum + entryWidth(e), 0) + spacing * Math.max(0, entries.length - 1);
}
