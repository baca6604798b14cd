// Bundles the facade with esbuild: dist/index.js (ESM, platform-neutral: Node, browsers and
// bundlers; the wasm is inlined as base64 by scripts/embed-wasm.mjs) and dist/cli.js (Node).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, format: 'esm', target: 'es2022', logLevel: 'warning' };
await build({ ...common, entryPoints: ['src/index.ts'], platform: 'neutral', outfile: 'dist/index.js' });
if (existsSync('src/cli/main.ts')) {
  await build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    platform: 'node',
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  });
}
