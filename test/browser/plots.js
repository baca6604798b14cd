// The plots in a real browser: each SVG string from the bundle is parsed as XML, put in the page,
// and measured with the browser's own layout (fonts included), then painted to a canvas to see
// that it is not blank. Needs a DOM: the page runs this, Node does not.
import { Tally } from './checks.js';

/** Slack, in px, for boxes that touch the edge of the viewport (antialiasing, font rounding). */
const EDGE = 1;

/** The plots the run draws: the issue's three examples and a table whose expected KL is all 0. */
export function plotCases(api) {
  const { models, schedules, plotProfile, plotKLvsSteps } = api;
  const markov = models.markovChain(8, { flip: 0.1 }).profile();
  const ising = models.ising2d(3, 4, { J: 0.4 }).profile();
  const independent = models.product([[0.3, 0.7], [0.5, 0.5], [0.9, 0.1]]).profile();
  const families = {
    constant: schedules.constant,
    cosine: schedules.cosine,
    cosineFront: schedules.cosineFront,
    linear: schedules.linear,
    dream: schedules.dream,
  };
  return [
    { name: 'plotProfile(markov n=8 flip 0.1, [2, 2, 2, 2])', svg: plotProfile(markov, [2, 2, 2, 2]), shaded: true },
    { name: 'plotProfile(ising 3x4, cosine K=4)', svg: plotProfile(ising, schedules.cosine(12, 4)), shaded: true },
    { name: 'plotKLvsSteps(ising 3x4, 5 families + optimal)', svg: plotKLvsSteps(ising, families), series: 6 },
    { name: 'plotKLvsSteps(product table: all zero)', svg: plotKLvsSteps(independent, { constant: schedules.constant }), series: 2 },
    { name: 'plotProfile(markov, [1, 3, 4]) at 320×240', svg: plotProfile(markov, [1, 3, 4], { width: 320, height: 240 }), shaded: true },
    { name: 'plotKLvsSteps(markov, 2 families) at 320×240', svg: plotKLvsSteps(markov, { constant: schedules.constant, cosine: schedules.cosine }, { width: 320, height: 240 }), series: 3 },
  ];
}

/**
 * Renders every plot into `container` and checks it: the string parses as XML without errors;
 * the <svg> lays out at its width × height; it has a path, its series or shaded area; every
 * drawn element has a non-empty box inside the viewport (text measured with real fonts); no two
 * texts and no two legend entries overlap; and painted on a canvas, it is not blank.
 */
export async function checkPlots(api, container) {
  const t = new Tally('plots');
  let cases = [];
  t.guard('drawing the plots', () => (cases = plotCases(api)));
  for (const c of cases) {
    const doc = new DOMParser().parseFromString(c.svg, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    t.ok(error === null, `${c.name}: parses as XML`, error?.textContent?.slice(0, 120) ?? 'no error', 'no error');
    if (error !== null) continue;
    const figure = container.appendChild(document.createElement('figure'));
    figure.style.margin = '0 0 16px 0';
    const svg = figure.appendChild(document.importNode(doc.documentElement, true));
    checkLayout(t, c, svg);
    await checkInk(t, c);
  }
  return t.result();
}

function checkLayout(t, c, svg) {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const frame = svg.getBoundingClientRect();
  t.ok(frame.width === width && frame.height === height, `${c.name}: lays out at its size`, `${frame.width}×${frame.height}`, `${width}×${height}`);
  t.ok(svg.querySelector('path') !== null, `${c.name}: has a <path>`, 'none', 'a path');
  t.ok(svg.querySelector(':scope > title')?.textContent.length > 0, `${c.name}: has a <title>`, 'none', 'a title');
  if (c.shaded) {
    const polygons = svg.querySelectorAll('.expected-kl-area polygon').length;
    t.ok(polygons > 0, `${c.name}: shaded expected-KL polygons`, polygons, '> 0');
  }
  if (c.series !== undefined) {
    const series = svg.querySelectorAll('.series').length;
    t.ok(series === c.series, `${c.name}: series`, series, c.series);
  }

  // Every drawn element: a box that is not empty and lies inside the viewport.
  const drawn = [...svg.querySelectorAll('path, line, rect, circle, polygon, text')];
  const empty = [];
  const outside = [];
  for (const element of drawn) {
    const box = element.getBoundingClientRect();
    const isText = element.tagName === 'text';
    if (isText ? !(box.width > 0 && box.height > 0) : !(box.width > 0 || box.height > 0)) empty.push(describeElement(element));
    if (
      box.left < frame.left - EDGE ||
      box.top < frame.top - EDGE ||
      box.right > frame.right + EDGE ||
      box.bottom > frame.bottom + EDGE
    ) {
      outside.push(`${describeElement(element)} at [${box.left - frame.left}, ${box.top - frame.top}, ${box.right - frame.left}, ${box.bottom - frame.top}]`);
    }
  }
  t.ok(drawn.length > 20, `${c.name}: drawn elements`, drawn.length, '> 20');
  t.ok(empty.length === 0, `${c.name}: no empty boxes`, empty.slice(0, 3).join('; '), 'none');
  t.ok(outside.length === 0, `${c.name}: everything inside the viewport`, outside.slice(0, 3).join('; '), 'none');

  // Labels that must not collide: no two texts, and no two legend entries (sample and text).
  for (const selector of ['text', '.legend-entry']) {
    const boxes = [...svg.querySelectorAll(selector)].map((e) => [e, e.getBoundingClientRect()]);
    const clashes = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (overlap(boxes[i][1], boxes[j][1])) clashes.push(`${describeElement(boxes[i][0])} / ${describeElement(boxes[j][0])}`);
      }
    }
    t.ok(clashes.length === 0, `${c.name}: ${selector} do not overlap`, clashes.slice(0, 2).join('; '), 'none');
  }
}

/** Paints the SVG string on a canvas (as an image) and counts the pixels that are not white. */
async function checkInk(t, c) {
  try {
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`;
    await image.decode();
    const ink = countInk(image, image.naturalWidth, image.naturalHeight);
    t.ok(ink > 0.02 && ink < 0.6, `${c.name}: painted, not blank`, ink.toFixed(4), 'a fraction of non-white pixels in (0.02, 0.6)');
  } catch (error) {
    t.fail(`${c.name}: painted`, 'threw', 'an image', String(error?.message ?? error));
  }
}

/** The fraction of pixels that are not (near) white once `source` is drawn on a white canvas. */
export function countInk(source, width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(source, 0, 0);
  const { data } = context.getImageData(0, 0, width, height);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) ink++;
  return ink / (width * height);
}

/** Decodes a base64 PNG (a screenshot taken by the runner) and returns its size and ink fraction. */
export async function inkOfPng(base64) {
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  return { width: bitmap.width, height: bitmap.height, ink: countInk(bitmap, bitmap.width, bitmap.height) };
}

function overlap(a, b) {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

function describeElement(e) {
  const text = e.tagName === 'text' ? ` "${e.textContent.slice(0, 24)}"` : '';
  const cls = e.getAttribute('class') ?? e.parentElement?.getAttribute('class') ?? '';
  return `<${e.tagName}${cls ? ` .${cls}` : ''}>${text}`;
}
