// The look shared by every plot: fonts, greys, the colorblind-safe palette and the markers.
import { element, num } from './svg.js';

/** Font stack: system UI fonts, then fonts every Linux/Windows/macOS box has. */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";

/** Font sizes (px in the viewBox), all >= 11. */
export const FONT = { title: 16, subtitle: 12, label: 13, tick: 12, legend: 12, note: 11 } as const;

/** Greys for text, axes and grid. */
export const INK = { text: '#222222', muted: '#555555', axis: '#333333', grid: '#e3e3e3', boundary: '#8a8a8a' } as const;

/**
 * Okabe & Ito's colorblind-safe palette ("Color Universal Design", 2002), without its yellow
 * (too light on white). Black is kept for the optimal series.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;

/** Marker shapes, one per series (cycled together with the palette and dash patterns). */
export const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'triangleDown', 'cross'] as const;
export type Marker = (typeof MARKERS)[number];

/**
 * A marker of radius `r` centred at (x, y): filled with the series color, or hollow (white fill)
 * for points drawn on the zero row of a log axis. The cross has no inside and is always stroked.
 * `className` goes on the element (plots mark data points "point", and "point zero" on the 0 row).
 */
export function marker(shape: Marker, x: number, y: number, color: string, hollow: boolean, r = 4, className?: string): string {
  const paint = { class: className, fill: hollow ? '#ffffff' : color, stroke: color, 'stroke-width': hollow ? 1.5 : 1 };
  switch (shape) {
    case 'circle':
      return element('circle', { cx: x, cy: y, r, ...paint });
    case 'square':
      return element('rect', { x: x - r * 0.9, y: y - r * 0.9, width: r * 1.8, height: r * 1.8, ...paint });
    case 'triangle':
      return element('path', { d: shapePath([[x, y - r * 1.15], [x + r, y + r * 0.75], [x - r, y + r * 0.75]]), ...paint });
    case 'triangleDown':
      return element('path', { d: shapePath([[x, y + r * 1.15], [x + r, y - r * 0.75], [x - r, y - r * 0.75]]), ...paint });
    case 'diamond':
      return element('path', { d: shapePath([[x, y - r * 1.25], [x + r, y], [x, y + r * 1.25], [x - r, y]]), ...paint });
    case 'cross': {
      const a = r * 0.95;
      const d = `M${num(x - a)} ${num(y - a)} L${num(x + a)} ${num(y + a)} M${num(x - a)} ${num(y + a)} L${num(x + a)} ${num(y - a)}`;
      return element('path', { class: className, d, fill: 'none', stroke: color, 'stroke-width': 2 });
    }
  }
}

function shapePath(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join(' ') + ' Z';
}
