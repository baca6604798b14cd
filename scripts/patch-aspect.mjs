// @as-pect/transform 8.1.0 hard-codes AssemblyScript 0.27's NodeKind numbers; 0.28 inserted
// NodeKind.Module, shifting the later kinds, so specs that `expect` a class instance fail to
// compile. Rewrite each `N /* NodeKind.Name */` literal with the installed compiler's value.
// Idempotent; runs from `prepare` on every install (see ../shared/TOOLCHAIN.md).
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';

let transformUrl;
try {
  transformUrl = import.meta.resolve('@as-pect/transform');
} catch {
  process.exit(0); // production install without dev dependencies: nothing to patch
}
const { NodeKind } = await import('assemblyscript');
const dir = new URL('.', transformUrl).pathname;
if (existsSync(dir)) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(dir + file, 'utf8');
    const patched = source.replace(/\b(\d+)( \/\* NodeKind\.(\w+) \*\/)/g, (_, _n, comment, name) => `${NodeKind[name]}${comment}`);
    if (patched !== source) {
      writeFileSync(dir + file, patched);
      console.log(`patch-aspect: patched @as-pect/transform/${file}`);
    }
  }
}
