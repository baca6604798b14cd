// A small static server of the repository root for the browser demo:
//   npm run demo                       (builds, then runs this; PORT=3000 npm run demo to change the port)
//   node examples/browser/serve.mjs    (once dist/ is built)
// then open the printed URL. Every response carries Cross-Origin-Opener-Policy: same-origin and
// Cross-Origin-Embedder-Policy: require-corp, so the page is cross-origin isolated: its workers
// can share the kernels' WebAssembly memory. Bound to 127.0.0.1, for local use only: it serves
// files (outside node_modules), nothing else.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const rootUrl = new URL('../../', import.meta.url);
const root = fileURLToPath(rootUrl);
/** Where the demo page is, below the root. */
export const DEMO_PATH = '/examples/browser/';
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ipynb': 'application/json',
};
/** The headers that make a page cross-origin isolated (and let it load only same-origin files). */
const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

/** The request handler; without `isolate`, the responses omit the isolation headers. */
const handler = (isolate) => async (req, res) => {
  const headers = isolate ? ISOLATION_HEADERS : {};
  const path = new URL(req.url, 'http://localhost').pathname; // normalised: no '..' left
  if (path === '/') return res.writeHead(302, { ...headers, location: DEMO_PATH }).end();
  try {
    const file = fileURLToPath(new URL(`.${path.endsWith('/') ? `${path}index.html` : path}`, rootUrl));
    if (!file.startsWith(root) || file.split(sep).includes('node_modules')) {
      return res.writeHead(403, { ...headers, 'content-type': 'text/plain' }).end('forbidden\n');
    }
    const body = await readFile(file);
    const type = types[extname(file)];
    res
      .writeHead(200, { ...headers, 'content-type': type ? `${type}; charset=utf-8` : 'application/octet-stream', 'cache-control': 'no-store' })
      .end(body);
  } catch {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end(`not found: ${req.url}\n`);
  }
};

/**
 * Starts the server on 127.0.0.1:`port` (0: any free port); `isolate: false` leaves out the
 * isolation headers (to see the page as an ordinary server would serve it). Resolves to the
 * demo's URL and a close() that stops the server.
 */
export function startDemoServer(port = 0, { isolate = true } = {}) {
  const server = createServer(handler(isolate));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}${DEMO_PATH}`;
      resolve({ url, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { url } = await startDemoServer(Number(process.env.PORT ?? 8080));
    console.log(`unmasking demo: ${url}  (cross-origin isolated; Ctrl-C to stop)`);
  } catch (error) {
    console.error(`serve.mjs: ${error.message}${error.code === 'EADDRINUSE' ? ' (try PORT=3000 npm run demo)' : ''}`);
    process.exitCode = 1;
  }
}
