// The command line of the bench scripts: usage text
// from the script's header comment, option parsing, the command line a section quotes, and
// running a child process that prints one JSON line.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * usage(message?) for the script at `url` (its import.meta.url): prints the script's header
 * comment (the `//` lines after the #! line) to stderr, after "bench/NAME.mjs: message" when
 * there is a message, and exits 2 with a message, 0 without.
 */
export function usageOf(url) {
  const file = fileURLToPath(url);
  return (message) => {
    const lines = readFileSync(file, 'utf8').split('\n').slice(1);
    const header = lines.slice(0, lines.findIndex((line) => !line.startsWith('//')));
    if (message) console.error(`${relative(ROOT, file)}: ${message}\n`);
    console.error(header.map((line) => line.slice(3)).join('\n'));
    process.exit(message ? 2 : 0);
  };
}

/** A parse for parseArgs' `values`: the option's text as a positive integer, or a usage error naming `option`. */
export function positiveIntegerOption(usage, option) {
  return (text) => {
    const v = Number(text);
    if (!Number.isInteger(v) || v < 1) usage(`${option} needs a positive integer, not ${text}`);
    return v;
  };
}

/**
 * Parses argv into { quick, ...defaults }: --quick sets quick; --help / -h prints the usage;
 * `values` maps an option taking a value to [key, parse] (opts[key] = parse(value));
 * `positional(arg, opts)` may take any other argument and return true. Anything else, or an
 * option without its value, is a usage error.
 */
export function parseArgs(argv, { defaults = {}, values = {}, positional = () => false }, usage) {
  const opts = { quick: false, ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') opts.quick = true;
    else if (Object.hasOwn(values, arg)) {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      const [key, parse] = values[arg];
      opts[key] = parse(argv[++i]);
    } else if (arg === '--help' || arg === '-h') usage();
    else if (!positional(arg, opts)) usage(`unknown argument ${arg}`);
  }
  return opts;
}

/** The command as a section quotes it: `npm run NPM_SCRIPT ...` when npm ran it, else `node bench/NAME.mjs ...`. */
export function commandLine(url, npmScript = null) {
  const invoked = npmScript !== null && process.env.npm_lifecycle_event === npmScript
    ? `npm run ${npmScript}` : `node ${relative(ROOT, fileURLToPath(url))}`;
  return [invoked, ...process.argv.slice(2)].join(' ');
}

/** Runs a command that prints one JSON line (the last line starting with `{`); returns it parsed, or { error }. */
export function runJson(command, args, { timeoutSeconds = 600, env = process.env } = {}) {
  const child = spawnSync(command, args, { encoding: 'utf8', env, timeout: timeoutSeconds * 1000, maxBuffer: 1 << 26 });
  if (child.error?.code === 'ETIMEDOUT' || child.signal === 'SIGTERM') return { error: `timeout after ${timeoutSeconds} s` };
  if (child.status !== 0) {
    return { error: `exit ${child.status ?? child.signal}: ${(child.stderr || child.error?.message || '').trim().split('\n').pop()}` };
  }
  const line = child.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  try {
    return JSON.parse(line);
  } catch {
    return { error: `no JSON line in the output: ${child.stdout.slice(0, 200)}` };
  }
}
