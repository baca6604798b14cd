// A tiny static server of the repository root for the browser example:
//   npm run build && node examples/browser/serve.mjs      (PORT=3000 to change the port)
// then open the printed URL. Only for local use: it serves files, nothing else.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const rootUrl = new URL('../../', import.meta.url);
const root = fileURLToPath(rootUrl);
const port = Number(process.env.PORT ?? 8080);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json' };

createServer(async (req, res) => {
  try {
    const path = new URL(req.url, 'http://localhost').pathname; // normalised: no '..' left
    const file = fileURLToPath(new URL(`.${path.endsWith('/') ? `${path}index.html` : path}`, rootUrl));
    if (!file.startsWith(root) || file.split(sep).includes('node_modules')) return res.writeHead(403).end('forbidden\n');
    const body = await readFile(file);
    const type = types[extname(file)];
    res.writeHead(200, { 'content-type': type ? `${type}; charset=utf-8` : 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${req.url}\n`);
  }
}).listen(port, '127.0.0.1', () => console.log(`http://127.0.0.1:${port}/examples/browser/`));
