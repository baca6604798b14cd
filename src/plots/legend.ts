// Legend entries: a line (with an optional marker) or a filled swatch, then the label.
import { element, text, textWidth } from './svg.js';
import { FONT, INK, marker, type Marker } from './style.js';

/** One legend entry. */
export interface LegendEntry {
  label: string;
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
  return SAMPLE + GAP + textWidth(entry.label, FONT.legend);
}

/** Draws one entry with its sample starting at x and the text centred on y. */
export function legendEntry(entry: LegendEntry, x: number, y: number): string {
  const parts: string[] = [];
  if (entry.swatch !== undefined) {
    parts.push(element('rect', { x, y: y - 6, width: SAMPLE, height: 12, fill: entry.color, 'fill-opacity': entry.swatch.opacity, stroke: entry.color, 'stroke-width': 1 }));
  }
  if (entry.line !== undefined) {
    parts.push(element('line', { x1: x, x2: x + SAMPLE, y1: y, y2: y, stroke: entry.color, 'stroke-width': entry.line.width ?? 2, 'stroke-dasharray': entry.line.dash }));
  }
  if (entry.marker !== undefined) parts.push(marker(entry.marker, x + SAMPLE / 2, y, entry.color, entry.hollow ?? false));
  parts.push(text({ x: x + SAMPLE + GAP, y, dy: '0.32em', 'font-size': FONT.legend, fill: INK.text }, entry.label));
  return element('g', { class: 'legend-entry' }, parts);
}

/** Entries in one row from x, separated by `spacing`. */
export function legendRow(entries: readonly LegendEntry[], x: number, y: number, spacing = 20): string {
  const parts: string[] = [];
  for (const entry of entries) {
    parts.push(legendEntry(entry, x, y));
    x += entryWidth(entry) + spacing;
  }
  return element('g', { class: 'legend' }, parts);
}

/** The width of a row of entries. */
export function rowWidth(entries: readonly LegendEntry[], spacing = 20): number {
  return entries.reduce((sum, e) => sum + entryWidth(e), 0) + spacing * Math.max(0, entries.length - 1);
}
