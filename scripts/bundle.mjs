// Bundles the facade with esbuild: dist/index.js (ESM, platform-neutral: Node, browsers and
// bundlers; the wasm is inlined as base64 by scripts/embed-wasm.mjs), dist/unmasking.mjs (the
// same, minified (names kept: error messages name classes) under a license banner: the one file to import from a notebook cell, a CDN or
// a <script type="module">) and dist/cli.js (Node).
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const { version, license } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = { bundle: true, format: 'esm', target: 'es2022', logLevel: 'warning' };
await build({ ...common, entryPoints: ['src/index.ts'], platform: 'neutral', outfile: 'dist/index.js' });
await build({
  ...common,
  entryPoints: ['src/index.ts'],
  platform: 'neutral',
  outfile: 'dist/unmasking.mjs',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  banner: { js: `/*! unmasking ${version} | ${license} License | exact information measures and the unmasking sampler, SIMD WebAssembly inlined: one self-contained ES module */` },
});
if (existsSync('src/cli/main.ts')) {
  await build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    platform: 'node',
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  });
}
