// A tiny node:http server for the browser run: a fixed set of routes, every request recorded.
// Run it alone (`node test/browser/server.mjs`) to open the page in a desktop browser by hand.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

/** The repository root, and ../shared beside it (as in a fresh CI clone). */
export const REPO = new URL('../../', import.meta.url);
export const SHARED = new URL('../shared/', REPO);

const ROUTES = {
  '/': { file: new URL('test/browser/page.html', REPO), type: 'text/html; charset=utf-8' },
  '/pool.html': { file: new URL('test/browser/pool.html', REPO), type: 'text/html; charset=utf-8' },
  '/test/browser/checks.js': { file: new URL('test/browser/checks.js', REPO), type: 'text/javascript; charset=utf-8' },
  '/test/browser/plots.js': { file: new URL('test/browser/plots.js', REPO), type: 'text/javascript; charset=utf-8' },
  '/dist/index.js': { file: new URL('dist/index.js', REPO), type: 'text/javascript; charset=utf-8' },
  '/testdata/reference-cases.json': {
    file: new URL('testdata/reference-cases.json', SHARED),
    type: 'application/json; charset=utf-8',
  },
};

/** Headers that make a page cross-origin isolated (so it may share memory with its workers). */
const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/**
 * Starts the server on 127.0.0.1 and a free port. `requests` lists every request line it saw,
 * so a caller can prove that no .wasm file was fetched. A request with `?isolated` is answered
 * with the COOP/COEP headers (ISOLATION_HEADERS).
 */
export async function startServer() {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url, 'http://x');
    const route = ROUTES[url.pathname];
    if (req.method !== 'GET' || route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${req.url}\n`);
      return;
    }
    try {
      const body = await readFile(route.file);
      const isolation = url.searchParams.has('isolated') ? ISOLATION_HEADERS : {};
      res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store', ...isolation }).end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`cannot read ${route.file.pathname}: ${error.message}\n`);
    }
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  let closed;
  const close = () => {
    closed ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };
  return { url, requests, close };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await startServer();
  console.log(`serving the browser reference page at ${url} (Ctrl-C to stop)`);
}
