// The machine a bench ran on, for the "Machine and run" table of each RESULTS.md section
// (bench/run.mjs, sampler.mjs, schedules.mjs; bench/ekl-ratios.mjs prints a shorter line of it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The first line a command prints, or null when it cannot run or fails. */
export function firstLine(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0];
  } catch {
    return null;
  }
}

/** The 1-minute load average: other work on the machine makes every number noisier. */
export const loadAverage = () => os.loadavg()[0].toFixed(2);

/** Now, to the minute, as the tables give it: 2026-01-31T12:34Z. */
export const dateNow = () => new Date().toISOString().replace(/:\d\d\.\d+Z$/, 'Z');

/**
 * CPU (and its avx2 / avx512f flags), cores, memory, OS, Node and V8, the commit, the load now;
 * with `gcc`, gcc's version; with `python` (a command), its version and numpy's (null when
 * numpy is missing).
 */
export function machine({ gcc = false, python = null } = {}) {
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
    ...(gcc ? { gcc: firstLine('gcc', ['--version']) ?? 'not found' } : {}),
    ...(python ? {
      python: firstLine(python, ['--version']) ?? 'not found',
      numpy: firstLine(python, ['-c', 'import numpy; print(numpy.__version__)']),
    } : {}),
    commit: commit ? `${commit}${dirty ? ' + uncommitted changes in assembly/ or src/' : ''}` : '?',
    loadBefore: loadAverage(),
  };
}

/**
 * The "Machine and run" table: date, command (when given), the machine, gcc and Python / numpy
 * (when `machine` was asked for them), the load before and after (info.loadAfter), the commit.
 */
export function machineTable(info, { date, command = null }) {
  const rows = [
    ['date', date],
    ...(command !== null ? [['command', `\`${command}\``]] : []),
    ['CPU (/proc/cpuinfo)', `${info.cpu} (${info.simd})`],
    ['cores', info.cores],
    ['memory', `${info.memoryGiB} GiB`],
    ['OS', info.os],
    ['Node', info.node],
    ...('gcc' in info ? [['gcc', info.gcc]] : []),
    ...('python' in info ? [['Python, numpy', `${info.python}, numpy ${info.numpy ?? 'not installed'}`]] : []),
    ['load average (1 min)', `${info.loadBefore} before the run, ${info.loadAfter} after`],
    ['unmasking', `commit ${info.commit}`],
  ];
  return ['| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join('\n');
}
