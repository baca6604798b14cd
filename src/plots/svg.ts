// Building SVG markup as strings: escaping, numbers, elements. No DOM, so the plots work in
// Node, browsers and workers alike, and the same input always gives the same bytes.

/** An attribute value; `undefined` leaves the attribute out. */
export type AttributeValue = string | number | undefined;

/** Escapes text for XML character data and attribute values (& < > " '). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A coordinate or length in SVG user units, rounded to 0.01 (-0 prints as 0). A non-finite value
 * is a bug in the plot code, never written into the markup: it throws.
 */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`unmasking plots: non-finite coordinate ${value}`);
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** One element: numbers go through `num`, strings are escaped; `children` is markup already. */
export function element(name: string, attributes: Record<string, AttributeValue>, children?: string | readonly string[]): string {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    open += ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  if (children === undefined) return `${open}/>`;
  const inner = typeof children === 'string' ? children : children.join('');
  return `${open}>${inner}</${name}>`;
}

/** A text element whose content is escaped. */
export function text(attributes: Record<string, AttributeValue>, content: string): string {
  return element('text', attributes, escapeXml(content));
}

/** A path `d` through the points, as one polyline (M x y L x y ...). */
export function polylinePath(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join(' ');
}

/** A polygon's `points` attribute. */
export function polygonPoints(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
}

/** Text width estimate for layout (no DOM to measure): about 0.6 em per character. */
export function textWidth(content: string, fontSize: number): number {
  return [...content].length * fontSize * 0.6;
}

/**
 * A single line of text that fits `maxWidth`: the first of `content` (one string, or shorter
 * and shorter alternatives) that fits at a font size from `fontSize` down to `minSize`; if none
 * does, the last one is cut with an ellipsis.
 */
export function fittedText(
  attributes: Record<string, string | number | undefined>,
  content: string | readonly string[],
  maxWidth: number,
  fontSize: number,
  minSize = 11,
): string {
  const choices = typeof content === 'string' ? [content] : content;
  for (const choice of choices) {
    for (let size = fontSize; size >= minSize; size--) {
      if (textWidth(choice, size) <= maxWidth) return text({ ...attributes, 'font-size': size }, choice);
    }
  }
  const last = [...choices[choices.length - 1]];
  const keep = Math.max(1, Math.floor(maxWidth / (minSize * 0.6)) - 1);
  return text({ ...attributes, 'font-size': minSize }, last.slice(0, keep).join('') + '…');
}
