// The SVG plots: well-formed markup, the shaded area read back from the drawing equals the exact
// expected KL, monotone ticks, zeros on a log axis, edge cases without NaN, and bad input.
import { describe, expect, it } from 'vitest';
import {
  ArgumentRangeError,
  ArgumentTypeError,
  expectedKL,
  models,
  plotKLvsSteps,
  plotProfile,
  schedules,
  type Profile,
} from '../src/index.js';
import { formatTick, formatValue } from '../src/plots/format.js';
import { integerTicks, logTicks, niceTicks } from '../src/plots/scale.js';

const markov = models.markovChain(8, { flip: 0.1 }).profile();
const ising = models.ising2d(3, 4, { J: 0.4 }).profile();
const independent = models.product(Array.from({ length: 5 }, () => [0.3, 0.7])).profile();
const FAMILIES = {
  constant: schedules.constant,
  cosine: schedules.cosine,
  cosineFront: schedules.cosineFront,
  linear: schedules.linear,
  dream: schedules.dream,
};

/** A profile h(j) = f(j) given in closed form. */
function profileOf(n: number, f: (j: number) => number): Profile {
  const h = Float64Array.from({ length: n + 1 }, (_, j) => f(j));
  return { h, D: Float64Array.from({ length: n }, (_, j) => h[j + 1] - h[j]) };
}

// ---- a tiny XML reader: enough to check well-formedness and to read coordinates back ----

interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

const ENTITY = /&(#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g;

/** Parses the markup, throwing on anything not well-formed (unbalanced tags, raw < or &, bad attributes). */
function parse(svg: string): Node {
  const root: Node = { name: '#root', attributes: {}, children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = token.exec(svg)) !== null) {
    end = token.lastIndex;
    const [, closing, name, attrs, selfClosing, content] = match;
    const top = stack[stack.length - 1];
    if (content !== undefined) {
      if (/&(?!#\d+;|#x[0-9a-fA-F]+;|amp;|lt;|gt;|quot;|apos;)/.test(content)) throw new Error(`raw & in ${JSON.stringify(content)}`);
      if (stack.length === 1 && content.trim() !== '') throw new Error(`text outside the root: ${JSON.stringify(content)}`);
      top.text += content.replace(ENTITY, (_, e: string) => decodeEntity(e));
      continue;
    }
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attrs.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (key in attributes) throw new Error(`duplicate attribute ${key} on <${name}>`);
      if (/&(?!#\d+;|#x[0-9a-fA-F]+;|amp;|lt;|gt;|quot;|apos;)/.test(value)) throw new Error(`raw & in ${key}="${value}"`);
      attributes[key] = value.replace(ENTITY, (_, e: string) => decodeEntity(e));
    }
    const node: Node = { name, attributes, children: [], text: '' };
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (end !== svg.length) throw new Error(`unparsable markup at ${end}: ${JSON.stringify(svg.slice(end, end + 40))}`);
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1 || root.children[0].name !== 'svg') throw new Error('not a single <svg> root');
  return root.children[0];
}

function decodeEntity(e: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  if (e in named) return named[e];
  return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
}

function all(node: Node, predicate: (n: Node) => boolean): Node[] {
  const found = predicate(node) ? [node] : [];
  for (const child of node.children) found.push(...all(child, predicate));
  return found;
}

function byClass(node: Node, className: string): Node {
  const [found] = all(node, (n) => n.attributes.class === className);
  if (found === undefined) throw new Error(`no element of class ${className}`);
  return found;
}

/** Tick labels of an axis group with their pixel positions (x for the x axis, y for the y axis). */
function ticksOf(axis: Node, coordinate: 'x' | 'y'): { at: number; label: string }[] {
  const labels = byClass(axis, 'tick-labels');
  return labels.children.map((t) => ({ at: Number(t.attributes[coordinate]), label: t.text }));
}

/** Reads a log-axis label back: 0.01, 10⁻⁵, 2×10⁻⁵. */
function labelValue(label: string): number {
  const digits: Record<string, string> = { '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };
  const power = /^(?:(\d)×)?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(label);
  if (power === null) return Number(label);
  return Number(power[1] ?? 1) * 10 ** Number([...power[2]].map((c) => digits[c]).join(''));
}

/** The linear map pixel → data, fitted through the first and last labelled ticks. */
function inverse(ticks: { at: number; label: string }[]): { invert: (pixel: number) => number; unitsPerPixel: number } {
  const [a, b] = [ticks[0], ticks[ticks.length - 1]];
  const k = (Number(b.label) - Number(a.label)) / (b.at - a.at);
  return { invert: (pixel) => Number(a.label) + (pixel - a.at) * k, unitsPerPixel: Math.abs(k) };
}

/**
 * Shoelace area of the shaded polygons, in data units (read back through the tick labels), and
 * the drawing precision: coordinates are rounded to 0.01 px, so each point moves at most
 * 0.005·√2 px and the area by at most 0.01 px × the perimeter.
 */
function shadedArea(svg: Node): { area: number; precision: number } {
  const x = inverse(ticksOf(byClass(svg, 'x-axis'), 'x'));
  const y = inverse(ticksOf(byClass(svg, 'y-axis'), 'y'));
  let pixels = 0;
  let perimeter = 0;
  for (const polygon of byClass(svg, 'expected-kl-area').children) {
    const points = polygon.attributes.points.split(' ').map((p) => p.split(',').map(Number));
    let twice = 0;
    points.forEach(([x0, y0], i) => {
      const [x1, y1] = points[(i + 1) % points.length];
      twice += x0 * y1 - x1 * y0;
      perimeter += Math.hypot(x1 - x0, y1 - y0);
    });
    pixels += Math.abs(twice) / 2;
  }
  const perPixel2 = x.unitsPerPixel * y.unitsPerPixel;
  return { area: pixels * perPixel2, precision: 0.01 * perimeter * perPixel2 };
}

/** Every number that places something: x, y, cx, cy, x1..y2, width, height, path and polygon coordinates. */
function placements(svg: Node): { x: number[]; y: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const node of all(svg, () => true)) {
    const a = node.attributes;
    for (const key of ['x', 'cx', 'x1', 'x2']) if (key in a) xs.push(Number(a[key]));
    for (const key of ['y', 'cy', 'y1', 'y2']) if (key in a) ys.push(Number(a[key]));
    if (node.name === 'rect') {
      xs.push(Number(a.x) + Number(a.width));
      ys.push(Number(a.y) + Number(a.height));
    }
    const coordinates = node.name === 'path' ? a.d : node.name === 'polygon' ? a.points : undefined;
    if (coordinates !== undefined) {
      const numbers = coordinates.match(/-?\d+(\.\d+)?/g)!.map(Number);
      numbers.forEach((v, i) => (i % 2 === 0 ? xs : ys).push(v));
    }
  }
  return { x: xs, y: ys };
}

function expectCleanSvg(svg: string, width = 640, height = 400): Node {
  expect(svg).not.toMatch(/NaN|Infinity|undefined|null/);
  const root = parse(svg);
  expect(root.attributes.viewBox).toBe(`0 0 ${width} ${height}`);
  expect(root.attributes.width).toBe(String(width));
  expect(root.attributes.height).toBe(String(height));
  expect(root.attributes.role).toBe('img');
  expect(root.children[0].name).toBe('title');
  expect(root.children[0].text.length).toBeGreaterThan(0);
  expect(root.children[1].name).toBe('desc');
  expect(root.children[1].text.length).toBeGreaterThan(0);
  const { x, y } = placements(root);
  expect(x.every((v) => Number.isFinite(v) && v >= 0 && v <= width), `x in [0, ${width}]`).toBe(true);
  expect(y.every((v) => Number.isFinite(v) && v >= 0 && v <= height), `y in [0, ${height}]`).toBe(true);
  const fontSizes = all(root, (n) => 'font-size' in n.attributes).map((n) => Number(n.attributes['font-size']));
  expect(fontSizes.length).toBeGreaterThan(0);
  expect(Math.min(...fontSizes)).toBeGreaterThanOrEqual(11);
  return root;
}

function expectMonotoneTicks(root: Node): void {
  const xTicks = ticksOf(byClass(root, 'x-axis'), 'x');
  for (let i = 1; i < xTicks.length; i++) {
    expect(xTicks[i].at).toBeGreaterThan(xTicks[i - 1].at);
    expect(Number(xTicks[i].label)).toBeGreaterThan(Number(xTicks[i - 1].label));
  }
  // y: sorted by value, the pixels go up the screen (decrease).
  const yTicks = ticksOf(byClass(root, 'y-axis'), 'y').map((t) => ({ at: t.at, label: t.label, value: labelValue(t.label) }));
  expect(yTicks.every((t) => Number.isFinite(t.value))).toBe(true);
  yTicks.sort((a, b) => a.value - b.value);
  for (let i = 1; i < yTicks.length; i++) {
    expect(yTicks[i].value).toBeGreaterThan(yTicks[i - 1].value);
    expect(yTicks[i].at).toBeLessThan(yTicks[i - 1].at);
  }
  // No binary noise in a label (0.30000000000000004): at most 4 significant digits.
  for (const t of [...xTicks, ...yTicks]) expect(t.label.replace(/^0\.0*/, '').replace(/\D/g, '').length).toBeLessThanOrEqual(4);
}

describe('plotProfile', () => {
  it('plotProfile(markov, [2, 2, 2, 2]) is a well-formed 640×400 SVG labelled with the expected KL', () => {
    const svg = plotProfile(markov, [2, 2, 2, 2]);
    const root = expectCleanSvg(svg);
    expect(expectedKL(markov, [2, 2, 2, 2]).total).toBeCloseTo(0.3064, 4);
    expect(svg).toContain('expected KL = 0.3064 nats');
    expect(svg).toContain('revealed tokens j');
    expect(svg).toContain('D(j) (nats)');
    // Block boundaries at w = 2, 4, 6; one shaded polygon per block.
    const boundaries = byClass(root, 'block-boundaries').children;
    expect(boundaries.length).toBe(3);
    expect(byClass(root, 'expected-kl-area').children.length).toBe(4);
    expectMonotoneTicks(root);
  });

  it.each([
    ['markov n=8, [2, 2, 2, 2]', markov, [2, 2, 2, 2]],
    ['markov n=8, [1, 2, 5]', markov, [1, 2, 5]],
    ['markov n=8, one step (TC)', markov, [8]],
    ['ising 3x4, cosine K=4', ising, schedules.cosine(12, 4)],
    ['ising 3x4, dream K=5', ising, schedules.dream(12, 5)],
    ['ising 3x4, all ones (0)', ising, Array(12).fill(1)],
  ] as const)('the shaded area read back from the drawing is expectedKL(...).total: %s', (_, profile, sizes) => {
    const root = parse(plotProfile(profile, sizes));
    const want = expectedKL(profile, sizes).total;
    const { area, precision } = shadedArea(root);
    // Up to drawing precision, plus 1e-4 relative for the scale read back from rounded ticks.
    expect(Math.abs(area - want), `area ${area}, expected KL ${want}`).toBeLessThanOrEqual(precision + 1e-4 * want);
    expect(precision).toBeLessThan(0.01 * want + 1e-3); // and that precision is fine enough to mean something
  });

  it('with { base: 2 } the axis is in bits and the area is the expected KL in bits', () => {
    const sizes = schedules.cosine(12, 4);
    const svg = plotProfile(ising, sizes, { base: 2 });
    expect(svg).toContain('D(j) (bits)');
    const want = expectedKL(ising, sizes).total / Math.LN2;
    expect(svg).toContain(`expected KL = ${formatValue(want)} bits`);
    const { area, precision } = shadedArea(parse(svg));
    expect(Math.abs(area - want)).toBeLessThanOrEqual(precision + 1e-4 * want);
  });

  it('without sizes it draws D(j) alone, and the subtitle gives h(n), TC and DTC', () => {
    const svg = plotProfile(ising);
    const root = expectCleanSvg(svg);
    expect(all(root, (n) => n.attributes.class === 'schedule' || n.attributes.class === 'expected-kl-area')).toEqual([]);
    const n = 12;
    const tc = n * ising.D[0] - ising.h[n];
    const dtc = ising.h[n] - n * ising.D[n - 1];
    expect(svg).toContain(`TC = n D(0) − h(n) = ${formatValue(tc)}`);
    expect(svg).toContain(`DTC = h(n) − n D(n−1) = ${formatValue(dtc)}`);
    expect(svg).toContain(`h(n) = H = ${formatValue(ising.h[n])} nats`);
  });

  it('n = 1, a constant D (independent positions) and an all-zero D (a point mass) give clean SVG', () => {
    const one = models.product([[0.5, 0.5]]).profile();
    expectCleanSvg(plotProfile(one, [1]));
    expectCleanSvg(plotProfile(independent, schedules.constant(5, 2)));
    expect(plotProfile(independent, [5])).toContain('expected KL = 0 nats');
    const pointMass = profileOf(4, () => 0);
    expectMonotoneTicks(expectCleanSvg(plotProfile(pointMass, [2, 2])));
    expectCleanSvg(plotProfile(pointMass));
  });

  it('a long schedule is shortened in the title, and width/height set the viewBox', () => {
    const profile = profileOf(30, (j) => 30 * Math.log(2) - (30 - j) * (30 - j) * 0.0005);
    const svg = plotProfile(profile, schedules.constant(30, 15), { width: 900, height: 500 });
    expectCleanSvg(svg, 900, 500);
    expect(svg).toContain('(K = 15)');
  });

  it('escapes the title: no user text reaches the markup raw', () => {
    const svg = plotProfile(markov, undefined, { title: `<script>alert("&'")</script>` });
    expect(svg).not.toContain('<script>');
    const root = expectCleanSvg(svg);
    expect(root.children[0].text).toBe(`<script>alert("&'")</script>`);
    expect(byClass(root, 'title').text).toBe(`<script>alert("&'")</script>`);
  });

  it('is deterministic', () => {
    expect(plotProfile(ising, [3, 3, 3, 3])).toBe(plotProfile(ising, [3, 3, 3, 3]));
  });
});

describe('plotKLvsSteps', () => {
  it('draws one series per family plus "optimal", on a log axis with zeros on their own row', () => {
    const svg = plotKLvsSteps(markov, FAMILIES);
    const root = expectCleanSvg(svg);
    const series = all(root, (n) => n.attributes.class === 'series');
    expect(series.map((s) => s.attributes['data-name'])).toEqual([...Object.keys(FAMILIES), 'optimal']);
    expect(svg).toContain('expected KL (nats, log scale)');
    expect(svg).toContain('steps K');
    // Each series has n = 8 markers; the K = n point of each sits on the zero row.
    const zeroRow = Number(byClass(root, 'zero-row').attributes.y1);
    for (const s of series) {
      expect(s.children.filter((c) => c.attributes.class === 'point').length).toBe(7);
      const zeros = s.children.filter((c) => c.attributes.class === 'point zero');
      expect(zeros.length).toBe(1);
      const centre = zeros[0].name === 'circle' ? Number(zeros[0].attributes.cy) : Number(zeros[0].attributes.y) + Number(zeros[0].attributes.height ?? 0) / 2;
      if (zeros[0].name !== 'path') expect(Math.abs(centre - zeroRow)).toBeLessThan(0.02);
    }
    const zeroLabel = ticksOf(byClass(root, 'y-axis'), 'y').find((t) => t.label === '0');
    expect(zeroLabel?.at).toBe(zeroRow);
    expect(svg).toContain('0 (within rounding)');
    expectMonotoneTicks(root);
  });

  it('the plotted points read back through the log axis are the expected KL of each family', () => {
    const root = parse(plotKLvsSteps(ising, { cosine: schedules.cosine }, { optimal: false }));
    const ticks = ticksOf(byClass(root, 'y-axis'), 'y').filter((t) => t.label !== '0');
    const [a, b] = [ticks[0], ticks[ticks.length - 1]];
    const [la, lb] = [Math.log10(labelValue(a.label)), Math.log10(labelValue(b.label))];
    const value = (pixel: number) => 10 ** (la + ((pixel - a.at) * (lb - la)) / (b.at - a.at));
    const xTicks = ticksOf(byClass(root, 'x-axis'), 'x');
    const K = (pixel: number) => {
      const [p, q] = [xTicks[0], xTicks[xTicks.length - 1]];
      return Number(p.label) + ((pixel - p.at) * (Number(q.label) - Number(p.label))) / (q.at - p.at);
    };
    const [series] = all(root, (n) => n.attributes.class === 'series');
    const path = series.children.find((c) => c.attributes.class === 'line')!;
    const points = [...path.attributes.d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points.length).toBe(11); // K = 1..11; K = 12 is 0
    for (const [px, py] of points) {
      const k = Math.round(K(px));
      expect(Math.abs(K(px) - k)).toBeLessThan(1e-3);
      const want = expectedKL(ising, schedules.cosine(12, k)).total;
      expect(Math.abs(value(py) / want - 1), `K = ${k}`).toBeLessThan(1e-3); // 0.01 px of rounding
    }
  });

  it('a product table (expected KL 0 at every K) puts every point on the zero row, with a note', () => {
    const svg = plotKLvsSteps(independent, { constant: schedules.constant });
    const root = expectCleanSvg(svg);
    expect(svg).toContain('expected KL is 0 for every K');
    const zeroRow = Number(byClass(root, 'zero-row').attributes.y1);
    for (const s of all(root, (n) => n.attributes.class === 'series')) {
      expect(s.children.filter((c) => c.attributes.class === 'line')).toEqual([]);
      expect(s.children.filter((c) => c.attributes.class === 'point')).toEqual([]);
      expect(s.children.filter((c) => c.attributes.class === 'point zero').length).toBe(5);
    }
    const circles = all(root, (n) => n.name === 'circle' && n.attributes.class === 'point zero');
    expect(circles.length).toBe(5);
    for (const c of circles) {
      expect(Number(c.attributes.cy)).toBe(zeroRow);
      expect(c.attributes.fill).toBe('#ffffff'); // hollow
    }
    expectMonotoneTicks(root);
  });

  it('edge cases give clean SVG: n = 1, an all-zero D, a single family, no optimal, long and odd names', () => {
    const one = models.product([[0.5, 0.5]]).profile();
    expectCleanSvg(plotKLvsSteps(one, { constant: schedules.constant }));
    expectCleanSvg(plotKLvsSteps(one, {}));
    expectCleanSvg(plotKLvsSteps(profileOf(4, () => 0), { cosine: schedules.cosine }, { optimal: false }));
    expectCleanSvg(plotKLvsSteps(markov, { only: schedules.constant }, { width: 320, height: 240 }), 320, 240);
    const svg = plotKLvsSteps(markov, { '<b>a & b</b>': schedules.linear, 'a very long family name that goes on and on': schedules.constant });
    expect(svg).not.toContain('<b>');
    expectCleanSvg(svg);
    expect(svg).toContain('a very long family name…');
  });

  it('many decades get superscript labels; a narrow range gets 2 and 5 labels', () => {
    // D falls geometrically: the expected KL spans many decades.
    const steep = profileOf(10, (j) => (1 - 0.02 ** j) / (1 - 0.02));
    const wide = plotKLvsSteps(steep, { constant: schedules.constant });
    expect(wide).toMatch(/>10⁻[¹²³⁴⁵⁶⁷⁸⁹⁰]+</);
    expectMonotoneTicks(expectCleanSvg(wide));
    const narrow = plotKLvsSteps(markov, { one: () => [8] }, { optimal: false }); // every K costs TC
    const labels = ticksOf(byClass(parse(narrow), 'y-axis'), 'y').map((t) => t.label);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.some((l) => l.startsWith('2') || l.startsWith('5'))).toBe(true);
  });

  it('bits, and a title of your own', () => {
    const svg = plotKLvsSteps(markov, { constant: schedules.constant }, { base: 2, title: 'Markov chain' });
    expect(svg).toContain('expected KL (bits, log scale)');
    expect(parse(svg).children[0].text).toBe('Markov chain');
  });

  it('is deterministic', () => {
    expect(plotKLvsSteps(ising, FAMILIES)).toBe(plotKLvsSteps(ising, FAMILIES));
  });
});

describe('bad input throws a typed error naming the argument', () => {
  const constant = schedules.constant;
  it.each([
    ['plotProfile: no profile', () => plotProfile(null as never), ArgumentTypeError, 'plotProfile: profile must be'],
    ['plotProfile: NaN in D', () => plotProfile({ h: new Float64Array([0, 1]), D: new Float64Array([NaN]) }), ArgumentRangeError, 'plotProfile: profile.D[0] must be'],
    ['plotProfile: sizes not summing to n', () => plotProfile(markov, [3, 3]), ArgumentRangeError, 'plotProfile: sizes must be step sizes summing to n = 8'],
    ['plotProfile: a zero size', () => plotProfile(markov, [0, 8]), ArgumentRangeError, 'plotProfile: sizes[0] must be'],
    ['plotProfile: options as sizes', () => plotProfile(markov, { width: 800 } as never), ArgumentTypeError, 'plotProfile: sizes must be an array'],
    ['plotProfile: width not a number', () => plotProfile(markov, undefined, { width: '800' as never }), ArgumentTypeError, 'plotProfile: options.width must be a number'],
    ['plotProfile: width too small', () => plotProfile(markov, undefined, { width: 10 }), ArgumentRangeError, 'plotProfile: options.width must be a finite number in [320, 10000]'],
    ['plotProfile: height NaN', () => plotProfile(markov, undefined, { height: NaN }), ArgumentRangeError, 'plotProfile: options.height must be'],
    ['plotProfile: title not a string', () => plotProfile(markov, undefined, { title: 5 as never }), ArgumentTypeError, 'plotProfile: options.title must be a string'],
    ['plotProfile: bad base', () => plotProfile(markov, undefined, { base: 1 }), ArgumentRangeError, 'plotProfile: options.base must be'],
    ['plotProfile: options not an object', () => plotProfile(markov, undefined, 'big' as never), ArgumentTypeError, 'plotProfile: options must be'],
    ['plotKLvsSteps: no profile', () => plotKLvsSteps({} as never, { constant }), ArgumentTypeError, 'plotKLvsSteps: profile must be'],
    ['plotKLvsSteps: families null', () => plotKLvsSteps(markov, null as never), ArgumentTypeError, 'plotKLvsSteps: families must be'],
    ['plotKLvsSteps: families an array', () => plotKLvsSteps(markov, [constant] as never), ArgumentTypeError, 'plotKLvsSteps: families must be'],
    ['plotKLvsSteps: a family not a function', () => plotKLvsSteps(markov, { constant: 3 as never }), ArgumentTypeError, 'plotKLvsSteps: families.constant must be a function'],
    ['plotKLvsSteps: a family with bad sizes', () => plotKLvsSteps(markov, { bad: (n) => [n, 1] }), ArgumentRangeError, 'plotKLvsSteps: families.bad(8, 1) must be step sizes summing to n = 8'],
    ['plotKLvsSteps: an odd name with bad sizes', () => plotKLvsSteps(markov, { 'my family': () => [] }), ArgumentRangeError, 'plotKLvsSteps: families["my family"](8, 1) must be'],
    ['plotKLvsSteps: a family named optimal', () => plotKLvsSteps(markov, { optimal: constant }), ArgumentRangeError, 'plotKLvsSteps: families.optimal must be absent'],
    ['plotKLvsSteps: nothing to plot', () => plotKLvsSteps(markov, {}, { optimal: false }), ArgumentRangeError, 'plotKLvsSteps: families must be at least one family'],
    ['plotKLvsSteps: optimal not a boolean', () => plotKLvsSteps(markov, { constant }, { optimal: 'yes' as never }), ArgumentTypeError, 'plotKLvsSteps: options.optimal must be a boolean'],
    ['plotKLvsSteps: increasing D', () => plotKLvsSteps(profileOf(4, (j) => j * j), { constant }), ArgumentRangeError, 'plotKLvsSteps: profile must be an entropy profile with D non-increasing'],
  ] as const)('%s', (_, call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });
});

describe('ticks and number formatting', () => {
  it('niceTicks(0, 0.7, 7) steps by 0.1 without binary noise', () => {
    const t = niceTicks(0, 0.7, 7);
    expect(t.ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(t.ticks.map((v) => formatTick(v, t.step))).toEqual(['0.0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7']);
  });

  it('niceTicks widens to whole steps and adds headroom on request', () => {
    expect(niceTicks(0, 1, 5).domain).toEqual([0, 1]);
    expect(niceTicks(0, 1, 5, 0.06).domain).toEqual([0, 1.2]);
    expect(niceTicks(0, 0, 5).domain).toEqual([0, 1]);
    expect(niceTicks(-0.3, 2.1, 4).ticks).toEqual([-1, 0, 1, 2, 3]);
    expect(niceTicks(-0.3, 2.1, 8).ticks).toEqual([-0.5, 0, 0.5, 1, 1.5, 2, 2.5]);
  });

  it('integerTicks keeps at least two ticks when the space allows few', () => {
    expect(integerTicks(1, 8, 3).ticks).toEqual([2, 4, 6, 8]);
    expect(integerTicks(1, 12, 12).ticks).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(integerTicks(1, 30, 6).ticks).toEqual([5, 10, 15, 20, 25, 30]);
    expect(integerTicks(1, 1, 5).ticks).toEqual([1]);
  });

  it('logTicks labels decades, and 2 and 5 when few decades fit', () => {
    expect(logTicks(-6, 0).labelled.map((t) => t.e)).toEqual([-6, -5, -4, -3, -2, -1, 0]);
    expect(logTicks(-20, 0).labelled.map((t) => t.e)).toEqual([-20, -16, -12, -8, -4, 0]);
    expect(logTicks(-1.2, 0.31).labelled.map((t) => t.value)).toEqual([0.1, 0.2, 0.5, 1, 2]);
  });

  it('formatValue keeps 4 significant digits and never prints binary noise', () => {
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
    expect(formatValue(0.30642)).toBe('0.3064');
    expect(formatValue(1.5e-7)).toBe('1.5e-7');
    expect(formatValue(0)).toBe('0');
    expect(formatTick(-0.00000001, 0.1)).toBe('0.0');
  });
});
