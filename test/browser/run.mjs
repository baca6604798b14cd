// The reference checks in a real headless Chromium, on the built bundle (run `npm run build` first):
//   node test/browser/run.mjs [--verbose]      (--verbose: also one line per case that passed)
// Serves test/browser/page.html, dist/index.js and ../shared/testdata/reference-cases.json on
// 127.0.0.1, opens the page with playwright-core and Debian's Chromium, then the worker-pool page
// (test/browser/pool.html) twice, cross-origin isolated (COOP/COEP: shared memory) and not
// (copies), comparing pooled results with Node's (digests of sample() rows, subset entropies,
// lattices and samplerDistribution tables), and prints one line per failing check, then
// `N passed, M failed`. Exit code 0 only if nothing failed and checks ran.
// Also fails on any browser console error, page error, failed request or fetched .wasm file.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { REPO, SHARED, startServer } from './server.mjs';
import { Tally, checkBundleText, latticeDigests, policyDigests, printSummary, sampleDigests, samplerDigests, subsetDigests } from './checks.js';

const RUN_TIMEOUT_MS = 120_000;
/** The screenshot of the rendered plots, overwritten on every run. */
const PLOTS_SCREENSHOT = join(tmpdir(), 'unmasking-browser-plots.png');
const PAGE_TIMEOUT_MS = 60_000;
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
const started = performance.now();
let server;
let browser;
/** Results per subject (the bundle text, each reference case, ...), as the page reports them. */
const results = [];
/** Browser-level problems (console and page errors, failed requests, .wasm fetches), one failure each. */
const browserTally = new Tally('browser');
/** Every URL the pages requested, beside the server's own log. */
const pageRequests = [];

/** Closes the browser and the server; safe to call twice. */
async function cleanup() {
  const b = browser;
  const s = server;
  browser = server = undefined;
  await Promise.allSettled([b?.close(), s?.close()]);
}

function preflight() {
  const executablePath = process.env.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (executablePath === undefined || !existsSync(executablePath)) {
    throw new Error('Chromium not found (/usr/bin/chromium-headless-shell or /usr/bin/chromium): run `apt-get install chromium-headless-shell`');
  }
  const bundle = new URL('dist/index.js', REPO);
  if (!existsSync(bundle)) throw new Error('dist/index.js not found: run `npm run build` first');
  const reference = new URL('testdata/reference-cases.json', SHARED);
  if (!existsSync(reference)) throw new Error(`reference cases not found at ${reference.pathname} (../shared beside the repository)`);
  return { executablePath, bundleText: readFileSync(bundle, 'utf8') };
}

/**
 * Opens `url` in a fresh page and returns its `window.unmaskingReport`. Console errors, page
 * errors, failed requests and HTTP errors become failures, and a page error ends the wait at
 * once (a module that fails to load never sets the report). `inspect(page)`, if given, runs
 * after the report and before the page closes. Console warnings are pushed to `warnings`.
 */
async function openReport(context, url, inspect, warnings = []) {
  const page = await context.newPage();
  let abort;
  const aborted = new Promise((_, reject) => (abort = reject));
  aborted.catch(() => {});
  const pageTimer = setTimeout(() => {
    browserTally.fail('page timeout', undefined, undefined, `${url} did not report within ${PAGE_TIMEOUT_MS / 1000} s`);
    abort(Object.assign(new Error('page timeout'), { reported: true }));
  }, PAGE_TIMEOUT_MS);
  page.on('console', (msg) => {
    if (msg.type() === 'error') browserTally.fail('console error', undefined, undefined, `${url}: ${msg.text()}`);
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  page.on('pageerror', (error) => {
    browserTally.fail('page error', undefined, undefined, `${url}: ${error.message}`);
    abort(Object.assign(new Error(error.message), { reported: true }));
  });
  page.on('requestfailed', (request) =>
    browserTally.fail('request failed', undefined, undefined, `${request.url()}: ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) browserTally.fail('HTTP error', undefined, undefined, `${response.status()} for ${response.url()}`);
  });
  page.on('request', (request) => pageRequests.push(request.url()));
  try {
    await Promise.race([page.goto(url, { timeout: 0 }), aborted]);
    await Promise.race([page.waitForFunction(() => 'unmaskingReport' in window, null, { timeout: 0 }), aborted]);
    const report = await Promise.race([page.evaluate(() => window.unmaskingReport), aborted]);
    if (inspect !== undefined) await Promise.race([inspect(page), aborted]);
    return report;
  } finally {
    clearTimeout(pageTimer);
    await page.close().catch(() => {});
  }
}

async function main() {
  const { executablePath, bundleText } = preflight();
  results.push(checkBundleText(bundleText));

  server = await startServer();
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const version = browser.version();
  const context = await browser.newContext();
  const report = await openReport(context, server.url, screenshotPlots);
  results.push(...report.results, ...(report.plots ?? []));
  browserTally.ok(report.plots?.length > 0, 'plots checked in the page', report.plots?.length ?? 0, '> 0');
  const syncReport = await openReport(context, `${server.url}?sync`);
  results.push(...syncReport.results);

  // Self-contained: neither the server nor the page saw a request for a .wasm file.
  const wasm = [...server.requests.map((r) => r.split(' ')[1]), ...pageRequests].filter((u) => /\.wasm([?#]|$)/.test(u));
  browserTally.ok(wasm.length === 0, 'no .wasm request', wasm.join(', '), 'none');
  // The same seeded samples in the page as here in Node, from the same bundle.
  const api = await import(new URL('dist/index.js', REPO).href);
  const here = sampleDigests(api);
  const digests = new Tally('sample(): the same rows in Chromium and Node');
  here.forEach(({ run, digest }, i) => digests.ok(report.digests?.[i]?.digest === digest, run, report.digests?.[i]?.digest, digest));
  results.push(digests.result());
  // Pools of Web Workers, on a cross-origin isolated page (shared memory) and on a plain one (copies).
  const policies = policyDigests(api);
  const subsets = subsetDigests(api);
  const kernels = { lattices: latticeDigests(api), samplers: samplerDigests(api) };
  for (const isolated of [true, false]) {
    const warnings = [];
    const pools = await openReport(context, `${server.url}pool.html${isolated ? '?isolated' : ''}`, undefined, warnings);
    results.push(checkPools(pools, isolated, warnings, policies, subsets, kernels));
    const each = pools.pools.map((pool) => `${pool.threads}: ${pool.ms.toFixed(0)} ms`).join(', ');
    console.log(`pool page, ${isolated ? 'shared' : 'copies'}: ${pools.ms.toFixed(0)} ms (threads ${each})`);
  }
  // So the page above showed the kernels on a shared memory without cross-origin isolation.
  browserTally.ok(report.isolation?.crossOriginIsolated === false, 'page not cross-origin isolated', JSON.stringify(report.isolation), 'false');
  const cases = report.results.length - 2;
  browserTally.ok(cases > 0, 'reference cases checked', cases, '> 0');
  console.log(`Chromium ${version}: ${cases} reference cases checked in ${report.ms.toFixed(0)} ms in the page (shared wasm memory, crossOriginIsolated ${report.isolation.crossOriginIsolated}, SharedArrayBuffer global: ${report.isolation.SharedArrayBuffer})`);
}

/**
 * The pool page's report (test/browser/pool.html): isolation and sharing as expected, one
 * warning about copies exactly where they are used, the rows, subset entropies, lattices
 * (buildLattice) and samplerDistribution tables of pools of 1, 2 and 4 workers equal to Node's
 * without a pool (digests: `kernels` holds the lattices' and the samplers'), an aborted run that rejects with the signal's
 * reason and leaves the pool usable, and the default thread count.
 */
function checkPools(report, isolated, warnings, samples, subsets, kernels) {
  const sharing = isolated ? 'shared' : 'copies';
  const t = new Tally(`createPool() in Chromium, ${isolated ? 'cross-origin isolated' : 'not isolated'}: ${sharing}`);
  t.ok(report.crossOriginIsolated === isolated, 'crossOriginIsolated', report.crossOriginIsolated, isolated);
  const about = warnings.filter((w) => w.includes('Cross-Origin-Embedder-Policy: require-corp'));
  t.ok(about.length === (isolated ? 0 : 1), 'console warnings about copies', about.length, isolated ? 0 : 1, warnings.join(' | '));
  t.ok(report.pools.length === 3, 'pools of 1, 2 and 4 threads', report.pools.length, 3);
  for (const pool of report.pools) {
    const at = `${pool.threads} threads`;
    t.ok(pool.sharing === sharing, `pool.sharing, ${at}`, pool.sharing, sharing);
    samples.forEach(({ run, digest }, i) => t.ok(pool.samples[i]?.digest === digest, `rows ${run}, ${at}`, pool.samples[i]?.digest, digest));
    subsets.forEach(({ run, digest }, i) => t.ok(pool.subsets[i]?.digest === digest, `${run}, ${at}`, pool.subsets[i]?.digest, digest));
    checkKernels(t, pool, kernels, at);
    if (pool.abort === undefined) continue;
    t.ok(pool.abort.outcome === 'reason', `aborted sample() rejects with signal.reason, ${at}`, pool.abort.outcome, 'reason');
    t.ok(pool.abort.progress > 0 && pool.abort.progress < 2e6, `aborted after some rows, ${at}`, pool.abort.progress, 'in (0, 2e6)');
    t.ok(pool.abort.usableAfter, `the pool works after an abort, ${at}`, pool.abort.usableAfter, true);
  }
  const { threads, hardwareConcurrency } = report.defaultThreads;
  t.ok(threads === hardwareConcurrency, 'createPool() threads = navigator.hardwareConcurrency', threads, hardwareConcurrency);
  const { forced } = report;
  t.ok(forced.sharing === 'copies', "createPool({ sharing: 'copies' }).sharing", forced.sharing, 'copies');
  samples.forEach(({ run, digest }, i) => t.ok(forced.samples[i]?.digest === digest, `rows ${run}, copies asked for`, forced.samples[i]?.digest, digest));
  subsets.forEach(({ run, digest }, i) => t.ok(forced.subsets[i]?.digest === digest, `${run}, copies asked for`, forced.subsets[i]?.digest, digest));
  checkKernels(t, forced, kernels, 'copies asked for');
  const askShared = isolated ? 'shared' : 'ArgumentRangeError: createPool: options.sharing must be "auto" or "copies" on a page that is not cross-origin isolated';
  t.ok(report.askShared.startsWith(askShared), "createPool({ sharing: 'shared' })", report.askShared, askShared);
  return t.result();
}

/** One pool's lattice and samplerDistribution digests against Node's (one check each, none missing). */
function checkKernels(t, pool, kernels, at) {
  for (const kind of ['lattices', 'samplers']) {
    t.ok(pool[kind]?.length === kernels[kind].length, `${kind} digested, ${at}`, pool[kind]?.length, kernels[kind].length);
    kernels[kind].forEach(({ run, digest }, i) => t.ok(pool[kind]?.[i]?.digest === digest, `${run}, ${at}`, pool[kind]?.[i]?.digest, digest));
  }
}

/**
 * Screenshots the plots the page rendered into #plots (to PLOTS_SCREENSHOT) and has the page
 * decode that PNG: it must have the plots' size and not be blank.
 */
async function screenshotPlots(page) {
  const plots = page.locator('#plots');
  const png = await plots.screenshot({ path: PLOTS_SCREENSHOT });
  const box = await plots.boundingBox();
  const { width, height, ink } = await page.evaluate((base64) => window.unmaskingInkOfPng(base64), png.toString('base64'));
  browserTally.ok(
    width === Math.round(box.width) && height === Math.round(box.height),
    'plots screenshot size',
    `${width}×${height}`,
    `${Math.round(box.width)}×${Math.round(box.height)}`,
  );
  browserTally.ok(ink > 0.02, 'plots screenshot is not blank', ink.toFixed(4), 'non-white fraction > 0.02', PLOTS_SCREENSHOT);
  console.log(`plots screenshot: ${PLOTS_SCREENSHOT} (${width}×${height}, ${(100 * ink).toFixed(1)} % ink)`);
}

/** Prints every failure, the wall time and the `N passed, M failed` line; returns the exit code. */
function finish() {
  return printSummary([...results, browserTally.result()], started, verbose);
}

// A backstop for anything that hangs outside the page timeout (launch, close).
let timedOut = false;
const timer = setTimeout(() => {
  timedOut = true;
  browserTally.fail('timeout', undefined, undefined, `the run did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
  finish();
  cleanup().finally(() => process.exit(1));
}, RUN_TIMEOUT_MS);

try {
  await main();
} catch (error) {
  if (!error.reported) browserTally.fail('error', undefined, undefined, error.message.split('\n')[0]);
} finally {
  await cleanup();
}
clearTimeout(timer);
if (!timedOut) process.exitCode = finish();
