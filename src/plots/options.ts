// Options shared by the plots, their checks, and the outer <svg> frame.
import { ArgumentTypeError, describe } from '../errors.js';
import { requireNumber, requireOptions, unitDivisor } from '../internal/validate.js';
import { unitName } from './format.js';
import { element, escapeXml, fittedText } from './svg.js';
import { FONT, FONT_FAMILY, INK } from './style.js';

/** Options of every plot. */
export interface PlotOptions {
  /** Width of the SVG in px (its viewBox too): default 640, at least 320. */
  width?: number;
  /** Height of the SVG in px: default 400, at least 240. */
  height?: number;
  /** The title drawn on top (and used as the SVG's accessible name); each plot has a default. */
  title?: string;
  /** Logarithm base of the plotted values: e (nats, the default), 2 for bits, 10 for hartleys. */
  base?: number;
}

/** Checked plot options with their defaults filled in. */
export interface ResolvedOptions {
  width: number;
  height: number;
  title: string | undefined;
  /** Divide nats by this to get the plotted unit. */
  divisor: number;
  /** "nats", "bits", ... */
  unit: string;
}

/** Checks the options common to every plot (each error names `options.<field>`). */
export function resolveOptions(fn: string, options: PlotOptions | undefined): ResolvedOptions {
  const o = requireOptions(fn, options);
  const width = o.width === undefined ? 640 : requireNumber(fn, 'options.width', o.width, 320, 10000);
  const height = o.height === undefined ? 400 : requireNumber(fn, 'options.height', o.height, 240, 10000);
  if (o.title !== undefined && typeof o.title !== 'string') {
    throw new ArgumentTypeError({ fn, argument: 'options.title', expected: 'a string', received: describe(o.title) });
  }
  const divisor = unitDivisor(fn, o);
  return { width, height, title: o.title, divisor, unit: unitName(o.base) };
}

/**
 * The outer <svg>: viewBox and size, role="img" with <title> and <desc> for assistive
 * technology, a white background, and the shared font. `body` is markup.
 */
export function svgDocument(width: number, height: number, title: string, desc: string, body: readonly string[]): string {
  return element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'font-family': FONT_FAMILY,
    },
    [element('title', {}, escapeXml(title)), element('desc', {}, escapeXml(desc)), element('rect', { class: 'background', x: 0, y: 0, width, height, fill: '#ffffff' }), ...body],
  ) + '\n';
}

/** Title (and a muted subtitle under it, the first of its alternatives that fits) at the top left. */
export function heading(width: number, title: string, subtitle: string | readonly string[]): string {
  return element('g', { class: 'heading' }, [
    fittedText({ class: 'title', x: 16, y: 26, fill: INK.text, 'font-weight': 600 }, title, width - 32, FONT.title, 12),
    fittedText({ class: 'subtitle', x: 16, y: 46, fill: INK.muted }, subtitle, width - 32, FONT.subtitle, 11),
  ]);
}
