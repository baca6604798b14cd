// The published package as a consumer sees it: `npm pack`, install the tarball into a fresh
// folder (no registry needed: no runtime dependencies), then one import in Node, through a
// bundler, and from TypeScript with nodenext resolution.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
let consumer: string;

beforeAll(() => {
  consumer = mkdtempSync(join(tmpdir(), 'unmasking-consumer-'));
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', consumer], { cwd: root, stdio: 'pipe' });
  const tarball = readdirSync(consumer).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', `./${tarball}`], { cwd: consumer, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(consumer, { recursive: true, force: true }));

const script = `import { Joint, models } from 'unmasking';
const parity = models.parity(2, 6);
console.log(JSON.stringify({ H: parity.entropy({ base: 2 }), TC: parity.totalCorrelation({ base: 2 }),
  J: Joint.fromProbabilities(2, 1, [0.5, 0.5]).entropy({ base: 2 }) }));
`;

/** Parity on 6 bits: H = 5 bits, TC = 1 bit; a fair coin: 1 bit. */
function expectParity(out: { H: number; TC: number; J: number }): void {
  expect(Math.abs(out.H - 5)).toBeLessThanOrEqual(1e-12);
  expect(Math.abs(out.TC - 1)).toBeLessThanOrEqual(1e-12);
  expect(out.J).toBe(1);
}

describe('the packed package', () => {
  it('ships only dist (bundle, CLI, types) and no .wasm file', () => {
    const files = execFileSync('tar', ['-tzf', readdirSync(consumer).map((f) => join(consumer, f)).find((f) => f.endsWith('.tgz'))!], { encoding: 'utf8' });
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/cli.js');
    expect(files).toContain('package/dist/unmasking.mjs');
    expect(files).toContain('package/dist/types/index.d.ts');
    expect(files).not.toMatch(/\.wasm$/m); // (dist/types/generated/kernels.wasm.d.ts is the base64 module's types)
  });

  it('works with one import in Node', () => {
    writeFileSync(join(consumer, 'node.mjs'), script);
    expectParity(JSON.parse(execFileSync('node', ['node.mjs'], { cwd: consumer, encoding: 'utf8' })));
  });

  it('exports the single-file build as unmasking/unmasking.mjs', () => {
    writeFileSync(join(consumer, 'single.mjs'), script.replace("from 'unmasking'", "from 'unmasking/unmasking.mjs'"));
    expectParity(JSON.parse(execFileSync('node', ['single.mjs'], { cwd: consumer, encoding: 'utf8' })));
  });

  it('bundles for the browser with esbuild: no fs, no fetch of a .wasm file', () => {
    writeFileSync(join(consumer, 'app.mjs'), script);
    execFileSync(bin('esbuild'), ['app.mjs', '--bundle', '--platform=browser', '--format=esm', '--outfile=app.bundle.mjs'], { cwd: consumer, stdio: 'pipe' });
    const bundle = readFileSync(join(consumer, 'app.bundle.mjs'), 'utf8');
    expect(bundle).not.toMatch(/\.wasm["'`]/);
    expect(bundle).not.toMatch(/(?<![.\w])require\(|from ["']node:/);
    expectParity(JSON.parse(execFileSync('node', ['app.bundle.mjs'], { cwd: consumer, encoding: 'utf8' })));
  });

  it('type-checks from TypeScript with nodenext resolution', () => {
    writeFileSync(join(consumer, 'app.ts'), `import { Joint, models, kl, type Profile } from 'unmasking';
const p: Joint = models.uniform(2, 3);
const profile: Profile = p.profile();
const d: number = kl(p, Joint.fromCounts(2, 3, [1, 1, 1, 1, 1, 1, 1, 2]), { base: 2 });
console.log(profile.h.length, d);
`);
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext',
      target: 'es2022', strict: true, noEmit: true, lib: ['es2022', 'dom'], types: [] }, files: ['app.ts'] }));
    expect(() => execFileSync(bin('tsc'), ['-p', '.'], { cwd: consumer, stdio: 'pipe' })).not.toThrow();
  });
});
