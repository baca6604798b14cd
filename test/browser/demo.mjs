// The browser demo end to end, in headless Chromium (run `npm run build` first):
//   node test/browser/demo.mjs [--verbose]
// Starts the demo's own server (examples/browser/serve.mjs: COOP/COEP headers), opens the page,
// and drives its form like a user: picks a model, its parameters, the steps K and sizes, waits for
// the worker's results, and checks what the page shows against dist/index.js run here in Node
// and against closed forms (Markov chain H and TC, parity H/TC/DTC and an expected KL); the
// library's error messages for bad parameters; that the page is cross-origin isolated; that
// screenshots of both plots are not blank (decoded with node:zlib; a blank control must fail);
// and that served without the isolation headers the page says so and computes the same values.
// Fails on any console error, page error, failed request or HTTP error. Prints one line per
// failing check, the screenshots' paths, then `N passed, M failed`; exit code 0 only if all pass.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../../examples/browser/serve.mjs';
import { TOLERANCE, Tally, printSummary } from './checks.js';
import { decodePng, inkOf } from './png.mjs';

const REPO = new URL('../../', import.meta.url);
const RUN_TIMEOUT_MS = 120_000;
const RESULT_TIMEOUT_MS = 60_000;
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** A plot counts as drawn with more than this fraction of non-white pixels and this many colours. */
const MIN_INK = 0.02;
const MIN_COLOURS = 4;
/** Displayed values are rounded to 6 decimals. */
const SHOWN = 5e-7 + 1e-12;

const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
const started = performance.now();
const tallies = [];
const browserTally = tally('browser');
/** Every URL the demo's pages and workers requested (pathnames; blob: URLs as 'blob:'). */
const requested = new Set();
let server;
let plainServer;
let browser;

function tally(name) {
  const t = new Tally(name);
  tallies.push(t);
  return t;
}

const binaryEntropy = (f) => -f * Math.log(f) - (1 - f) * Math.log(1 - f);

/**
 * Fills the form without firing its change events (so exactly one computation runs), presses
 * Compute and waits for the answer. Returns what the page shows: status, measures, profile,
 * schedule table and the custom-sizes line.
 */
async function runForm(page, { model, fields = {}, steps, sizes = '', bits }) {
  const before = await page.evaluate(({ model, fields, steps, sizes, bits }) => {
    const form = document.getElementById('form');
    form.model.value = model;
    for (const [name, value] of Object.entries(fields)) {
      const input = document.querySelector(`.params[data-model="${model}"] [name="${name}"]`);
      if (input === null) throw new Error(`no field ${name} for ${model}`);
      if (input.type === 'checkbox') input.checked = value;
      else input.value = String(value);
    }
    form.steps.value = steps;
    form.sizes.value = sizes;
    form.bits.checked = bits;
    return document.getElementById('status').dataset.run;
  }, { model, fields, steps, sizes, bits });
  await page.click('#compute');
  await page.waitForFunction(
    (run) => {
      const status = document.getElementById('status');
      return status.dataset.run !== run && (status.dataset.state === 'done' || status.dataset.state === 'error');
    },
    before,
    { timeout: RESULT_TIMEOUT_MS },
  );
  return page.evaluate(() => {
    const status = document.getElementById('status');
    const number = (td) => ({ value: Number(td.dataset.value), text: td.textContent });
    const measures = Object.fromEntries([...document.querySelectorAll('#measures tr[data-key]')].map((tr) => [tr.dataset.key, number(tr.cells[1])]));
    const profileRows = [...document.querySelectorAll('#profile tr')].slice(1);
    const schedules = Object.fromEntries(
      [...document.querySelectorAll('#schedules tr[data-schedule]')].map((tr) => [
        tr.dataset.schedule,
        Object.fromEntries([...tr.querySelectorAll('td[data-k]')].map((td) => [td.dataset.k, { ...number(td), text: td.firstChild.textContent, sizes: td.dataset.sizes.split(',').map(Number) }])),
      ]),
    );
    const custom = document.getElementById('custom-kl');
    return {
      state: status.dataset.state,
      status: status.textContent,
      hidden: document.getElementById('results').hidden,
      measures,
      h: profileRows.map((tr) => number(tr.cells[1])),
      D: profileRows.slice(0, -1).map((tr) => number(tr.cells[2])),
      schedules,
      custom: custom === null ? null : number(custom),
    };
  });
}

/** A displayed number: its full value within TOLERANCE of `want`, its text within rounding. */
function checkShown(t, quantity, shown, want) {
  if (shown === undefined) return t.fail(quantity, 'missing', want);
  t.close(quantity, shown.value, want);
  t.ok(Math.abs(Number(shown.text) - want) <= SHOWN, `${quantity} (as printed)`, shown.text, want);
}

/** Every measure and the profile the page shows against the same joint here in Node. */
function checkAgainstNode(t, shown, joint, base) {
  const unit = { base };
  const want = {
    H: joint.entropy(unit),
    TC: joint.totalCorrelation(unit),
    DTC: joint.dualTotalCorrelation(unit),
    O: joint.oInformation(unit),
    S: joint.sInformation(unit),
    coI: joint.coinformation(unit),
    residual: joint.residualEntropy(unit),
    TSE: joint.tseComplexity(unit),
  };
  for (const [key, value] of Object.entries(want)) checkShown(t, key, shown.measures[key], value);
  const { h, D } = joint.profile(unit);
  t.ok(shown.h.length === h.length, 'profile length', shown.h.length, h.length);
  h.forEach((value, j) => checkShown(t, `h(${j})`, shown.h[j], value));
  D.forEach((value, j) => checkShown(t, `D(${j})`, shown.D[j], value));
}

/** The schedule table against the library here: the optimum, constant, cosine and the adapted rules. */
function checkSchedules(t, shown, api, profile, n, steps, base) {
  const { schedules, expectedKL } = api;
  const divisor = Math.log(base);
  for (const K of steps) {
    const optimum = schedules.optimal(profile, K);
    const cell = shown.schedules.optimal?.[K];
    checkShown(t, `optimal K=${K}`, cell, optimum.expectedKL / divisor);
    t.ok(cell?.sizes.join() === optimum.sizes.join(), `optimal K=${K} sizes`, cell?.sizes.join(), optimum.sizes.join());
    for (const family of ['constant', 'cosine']) {
      const sizes = schedules[family](n, K);
      checkShown(t, `${family} K=${K}`, shown.schedules[family]?.[K], expectedKL(profile, sizes).total / divisor);
    }
    for (const rule of ['tcAdapted', 'dtcAdapted', 'twoSided']) {
      const adapted = shown.schedules[rule]?.[K];
      t.ok(adapted !== undefined && adapted.sizes.length <= K && adapted.sizes.reduce((a, b) => a + b, 0) === n, `${rule} K=${K}: at most K steps summing to n`, adapted?.sizes.join(), `<= ${K} steps`);
      if (adapted !== undefined) checkShown(t, `${rule} K=${K}`, adapted, expectedKL(profile, adapted.sizes).total / divisor);
      t.ok(adapted !== undefined && adapted.value >= optimum.expectedKL / divisor - TOLERANCE, `${rule} K=${K} >= optimum`, adapted?.value, optimum.expectedKL / divisor);
    }
  }
}

/** Screenshots `selector` to `path` and returns its ink. */
async function screenshotInk(page, selector, path) {
  const png = await page.locator(selector).screenshot({ path });
  const image = decodePng(png);
  return { ...image, ...inkOf(image) };
}

function plotDrawn({ ink, colours }) {
  return ink > MIN_INK && colours >= MIN_COLOURS;
}

async function main() {
  const executablePath = process.env.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (executablePath === undefined) throw new Error('Chromium not found (/usr/bin/chromium-headless-shell or /usr/bin/chromium)');
  for (const file of ['dist/unmasking.mjs', 'dist/index.js']) {
    if (!existsSync(new URL(file, REPO))) throw new Error(`${file} not found: run \`npm run build\` first`);
  }
  const api = await import(new URL('dist/index.js', REPO).href);

  server = await startDemoServer(0);
  plainServer = await startDemoServer(0, { isolate: false });
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const { page, env } = await openDemo(server.url);
  browserTally.ok(env.isolated === true, 'crossOriginIsolated', env.isolated, true);
  browserTally.ok(env.text.includes('cross-origin isolated: yes'), 'the page says it is isolated', env.text, 'cross-origin isolated: yes');
  browserTally.ok(Number(env.threads) >= 1, 'thread count shown', env.threads, '>= 1');
  browserTally.ok(env.pool === 'shared', 'a pool on one shared memory', env.pool, 'shared');

  // A Markov chain in nats: everything against Node, H and TC against their closed forms,
  // and the K = 1 schedule, whose expected KL is TC.
  {
    const t = tally('Markov chain n=10 flip 0.1, nats, K = 1, 2, 5');
    const n = 10;
    const flip = 0.1;
    const shown = await runForm(page, { model: 'markovChain', fields: { n, q: 2, flip }, steps: '1, 2, 5', bits: false });
    t.ok(shown.state === 'done', 'computed', shown.status, 'done');
    const joint = api.models.markovChain(n, { flip });
    checkAgainstNode(t, shown, joint, Math.E);
    checkShown(t, 'H closed form log 2 + (n-1) h(f)', shown.measures.H, Math.log(2) + (n - 1) * binaryEntropy(flip));
    checkShown(t, 'TC closed form (n-1)(log 2 - h(f))', shown.measures.TC, (n - 1) * (Math.log(2) - binaryEntropy(flip)));
    checkShown(t, 'expected KL of one step = TC', shown.schedules.optimal?.[1], (n - 1) * (Math.log(2) - binaryEntropy(flip)));
    checkSchedules(t, shown, api, joint.profile(), n, [1, 2, 5], Math.E);
    console.log(`Markov chain: ${shown.status}`);
  }

  // The parity in bits: H = n - 1, TC = 1, DTC = n - 1; sizes [4, 4] cost exactly 1 bit.
  {
    const t = tally('parity q=2 n=8, bits, sizes [4, 4]');
    const shown = await runForm(page, { model: 'parity', fields: { q: 2, n: 8 }, steps: '2, 4', sizes: '4, 4', bits: true });
    t.ok(shown.state === 'done', 'computed', shown.status, 'done');
    const joint = api.models.parity(2, 8);
    checkAgainstNode(t, shown, joint, 2);
    checkShown(t, 'H = n - 1 bits', shown.measures.H, 7);
    checkShown(t, 'TC = 1 bit', shown.measures.TC, 1);
    checkShown(t, 'DTC = n - 1 bits', shown.measures.DTC, 7);
    checkShown(t, 'expected KL of [4, 4] = 1 bit', shown.custom ?? undefined, 1);
    checkSchedules(t, shown, api, joint.profile(), 8, [2, 4], 2);
  }

  // Through the form's own events, as a user does: choosing "copies" computes it at once.
  // Copies of a fair bit: H = 1, TC = n - 1, DTC = 1 bits (n = 8 by default).
  {
    const t = tally('copies q=2 n=8 chosen from the menu (change event)');
    const before = await page.evaluate(() => document.getElementById('status').dataset.run);
    await page.selectOption('#model', 'copies');
    await page.waitForFunction((run) => document.getElementById('status').dataset.run !== run && document.getElementById('status').dataset.state === 'done', before, { timeout: RESULT_TIMEOUT_MS });
    const shown = await runForm(page, { model: 'copies', steps: '2', bits: true });
    checkShown(t, 'H = 1 bit', shown.measures.H, 1);
    checkShown(t, 'TC = n - 1 bits', shown.measures.TC, 7);
    checkShown(t, 'DTC = 1 bit', shown.measures.DTC, 1);
    checkAgainstNode(t, shown, api.models.copies(2, 8), 2);
  }

  // Bad parameters: the page shows the library's own error, name and message.
  {
    const t = tally('errors from bad parameters');
    const cases = [
      { form: { model: 'parity', fields: { q: 1, n: 8 }, steps: '2', bits: true }, error: () => api.models.parity(1, 8) },
      { form: { model: 'copies', fields: { q: 2, n: 8 }, steps: '2', sizes: '3, 3', bits: true }, error: () => api.expectedKL(api.models.copies(2, 8).profile(), [3, 3]) },
      { form: { model: 'markovChain', fields: { n: 6, q: 2, flip: 0.1 }, steps: '9', bits: true }, error: () => api.schedules.optimal(api.models.markovChain(6, { flip: 0.1 }).profile(), 9) },
    ];
    for (const { form, error } of cases) {
      let want = 'an error';
      try {
        error();
      } catch (e) {
        want = `${e.name}: ${e.message}`;
      }
      const shown = await runForm(page, form);
      t.ok(shown.state === 'error' && shown.status === want, `${form.model} ${JSON.stringify(form.fields)} steps ${form.steps} sizes ${form.sizes ?? ''}`, shown.status, want);
      t.ok(shown.hidden, `${form.model}: stale results hidden`, shown.hidden, true);
    }
  }

  // Stop: a 4×5 grid's profile ((q+1)^n = 3^20 cell visits) is stopped at once, and the next
  // request runs on a fresh worker.
  {
    const t = tally('Stop, then compute again');
    await page.evaluate(() => {
      const form = document.getElementById('form');
      form.model.value = 'ising2d';
      for (const [name, value] of [['rows', 4], ['cols', 5]]) document.querySelector(`.params[data-model="ising2d"] [name="${name}"]`).value = String(value);
      form.sizes.value = '';
    });
    await page.click('#compute');
    await page.waitForSelector('#stop:not([hidden])', { timeout: RESULT_TIMEOUT_MS });
    await page.click('#stop');
    await page.waitForSelector('#status[data-state="stopped"]', { timeout: RESULT_TIMEOUT_MS });
    t.ok(await page.isHidden('#stop'), 'Stop hidden once stopped', 'visible', 'hidden');
    const shown = await runForm(page, { model: 'parity', fields: { q: 3, n: 4 }, steps: '2', bits: false });
    t.ok(shown.state === 'done', 'computed after the stop', shown.status, 'done');
    checkShown(t, 'parity q=3 n=4: DTC = 3 log 3', shown.measures.DTC, 3 * Math.log(3));
  }

  // A new request aborts the pool's work on the one before: the profile of a 22-step Markov chain
  // (3^22 cell visits, minutes) gives way at once to a small parity.
  {
    const t = tally('a new request aborts the running one');
    await page.evaluate(() => {
      const form = document.getElementById('form');
      form.model.value = 'markovChain';
      document.querySelector('.params[data-model="markovChain"] [name="n"]').value = '22';
      form.steps.value = '2';
      form.sizes.value = '';
    });
    await page.click('#compute');
    await page.waitForSelector('#status[data-state="computing"]', { timeout: RESULT_TIMEOUT_MS });
    const shown = await runForm(page, { model: 'parity', fields: { q: 2, n: 5 }, steps: '2', bits: true });
    t.ok(shown.state === 'done', 'the new request computed', shown.status, 'done');
    checkShown(t, 'parity q=2 n=5: H = 4 bits', shown.measures.H, 4);
    console.log(`after an abort: ${shown.status}`);
  }

  // The plots of a 3×4 Ising grid: screenshots that are not blank, and a blank control that is.
  {
    const t = tally('plots (screenshots)');
    const shown = await runForm(page, { model: 'ising2d', fields: { rows: 3, cols: 4, J: 0.4, h: 0, periodic: false }, steps: '2, 4', bits: true });
    t.ok(shown.state === 'done', 'computed', shown.status, 'done');
    checkAgainstNode(t, shown, api.models.ising2d(3, 4, { J: 0.4 }), 2);
    for (const [id, name] of [['profile-plot', 'profile'], ['kl-plot', 'KL-vs-steps']]) {
      const path = join(tmpdir(), `unmasking-demo-${id}.png`);
      const seen = await screenshotInk(page, `#${id} svg`, path);
      t.ok(plotDrawn(seen), `${name} plot is drawn`, `ink ${seen.ink.toFixed(4)}, ${seen.colours} colours`, `ink > ${MIN_INK}, >= ${MIN_COLOURS} colours`, path);
      console.log(`${name} plot screenshot: ${path} (${seen.width}×${seen.height}, ${(100 * seen.ink).toFixed(1)} % ink, ${seen.colours} colours)`);
    }
    await page.evaluate(() => {
      const box = document.querySelector('#profile-plot svg');
      box.outerHTML = `<svg xmlns="http://www.w3.org/2000/svg" width="${box.getAttribute('width')}" height="${box.getAttribute('height')}"><rect width="100%" height="100%" fill="#fff"/></svg>`;
    });
    const blank = await screenshotInk(page, '#profile-plot svg', join(tmpdir(), 'unmasking-demo-blank-control.png'));
    t.ok(!plotDrawn(blank), 'a blank plot fails the check (control)', `ink ${blank.ink.toFixed(4)}, ${blank.colours} colours`, 'not drawn');
  }
  // Another pool size from the menu restarts the worker with it; the values stay the same.
  for (const threads of ['none', '2']) {
    const t = tally(`pool: ${threads}`);
    const before = await page.evaluate(() => document.getElementById('status').dataset.run);
    await page.selectOption('#threads', threads);
    await page.waitForFunction((run) => document.getElementById('status').dataset.run !== run && document.getElementById('status').dataset.state === 'done', before, { timeout: RESULT_TIMEOUT_MS });
    const info = await page.evaluate(() => ({ ...document.getElementById('env').dataset }));
    const want = threads === 'none' ? { pool: 'none', threads: '1' } : { pool: 'shared', threads };
    t.ok(info.pool === want.pool && info.threads === want.threads, 'the environment line', JSON.stringify(info), JSON.stringify(want));
    const shown = await runForm(page, { model: 'dirichlet', fields: { q: 3, n: 6, seed: 7 }, steps: '2, 3', bits: false });
    checkAgainstNode(t, shown, api.models.dirichlet(3, 6, { seed: 7 }), Math.E);
    console.log(`pool ${threads}: ${shown.status}`);
  }

  await writeFile(join(tmpdir(), 'unmasking-demo-page.png'), await page.screenshot({ fullPage: true }));
  console.log(`Chromium ${browser.version()}, ${server.url}: ${env.text}`);
  console.log(`page screenshot: ${join(tmpdir(), 'unmasking-demo-page.png')}`);

  // Served without the isolation headers, the page still computes the same values, and says so.
  {
    const t = tally('the page served without COOP/COEP');
    const plain = await openDemo(plainServer.url);
    t.ok(plain.env.isolated === false, 'crossOriginIsolated', plain.env.isolated, false);
    t.ok(plain.env.text.includes('cross-origin isolated: no'), 'the page says it is not isolated', plain.env.text, 'cross-origin isolated: no');
    t.ok(plain.env.pool === 'copies', 'a pool on copies', plain.env.pool, 'copies');
    const shown = await runForm(plain.page, { model: 'ising2d', fields: { rows: 3, cols: 3, J: 0.3, h: 0.1, periodic: false }, steps: '3', bits: false });
    t.ok(shown.state === 'done', 'computed', shown.status, 'done');
    checkAgainstNode(t, shown, api.models.ising2d(3, 3, { J: 0.3, h: 0.1 }), Math.E);
    console.log(`not isolated: ${plain.env.text}`);
  }

  // The library came as one file: the page, its worker module, dist/unmasking.mjs and the pool's
  // Blob URL workers were all that was fetched (no .wasm, no other module).
  const want = ['/examples/browser/', '/examples/browser/demo-worker.mjs', '/dist/unmasking.mjs', 'blob:'];
  const got = [...requested].sort();
  browserTally.ok(got.join() === [...want].sort().join(), 'requests: the page, its worker, dist/unmasking.mjs, blob: workers', got.join(', '), want.join(', '));
}

/** Opens the demo at `url` in a new page, failing on its errors, and waits for its first result. */
async function openDemo(url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('console', (msg) => msg.type() === 'error' && browserTally.fail('console error', undefined, undefined, `${url}: ${msg.text()}`));
  page.on('pageerror', (error) => browserTally.fail('page error', undefined, undefined, `${url}: ${error.message}`));
  page.on('requestfailed', (request) => browserTally.fail('request failed', undefined, undefined, `${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => response.status() >= 400 && browserTally.fail('HTTP error', undefined, undefined, `${response.status()} for ${response.url()}`));
  page.on('request', (request) => requested.add(request.url().startsWith('blob:') ? 'blob:' : new URL(request.url()).pathname));
  await page.goto(url);
  await page.waitForSelector('#status[data-state="done"]', { timeout: RESULT_TIMEOUT_MS });
  const env = await page.evaluate(() => ({ ...document.getElementById('env').dataset, text: document.getElementById('env').textContent, isolated: crossOriginIsolated }));
  return { page, env };
}

function finish() {
  return printSummary(tallies.map((t) => t.result()), started, verbose);
}

let timedOut = false;
const timer = setTimeout(() => {
  timedOut = true;
  browserTally.fail('timeout', undefined, undefined, `the run did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
  finish();
  Promise.allSettled([browser?.close(), server?.close(), plainServer?.close()]).finally(() => process.exit(1));
}, RUN_TIMEOUT_MS);

try {
  await main();
} catch (error) {
  browserTally.fail('error', undefined, undefined, error.message.split('\n')[0]);
} finally {
  await Promise.allSettled([browser?.close(), server?.close(), plainServer?.close()]);
}
clearTimeout(timer);
if (!timedOut) process.exitCode = finish();
