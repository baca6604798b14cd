// The machine a bench ran on, for the "Machine and run" table of each RESULTS.md section.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function firstLine(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0];
  } catch {
    return null;
  }
}

/** The 1-minute load average: other work on the machine makes every number noisier. */
export const loadAverage = () => os.loadavg()[0].toFixed(2);

/** CPU (and its avx2 / avx512f flags), cores, memory, OS, Node and V8, the commit, the load now. */
export function machine() {
  let cpu = '?';
  let flags = '';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    cpu = /^model name\s*:\s*(.*)$/m.exec(info)?.[1] ?? cpu;
    flags = /^flags\s*:\s*(.*)$/m.exec(info)?.[1] ?? '';
  } catch { /* not Linux */ }
  const simd = ['avx2', 'avx512f'].filter((f) => flags.split(' ').includes(f)).join(', ');
  const commit = firstLine('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = firstLine('git', ['-C', ROOT, 'status', '--porcelain', '--', 'assembly', 'src']);
  return {
    cpu, simd: simd || 'none of avx2, avx512f', cores: os.availableParallelism(),
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1), os: `${os.type()} ${os.release()}`,
    node: `${process.version} (V8 ${process.versions.v8})`,
    commit: commit ? `${commit}${dirty ? ' + uncommitted changes in assembly/ or src/' : ''}` : '?',
    loadBefore: loadAverage(),
  };
}
