// The `unmasking` command (bundled to dist/cli.js). Usage: usage.ts. Exit status: 0 on success,
// 2 on bad input and 1 on an internal error, each failure reported as one line on stderr that
// starts with `unmasking: ` (never a stack trace).
import { ArgumentRangeError, ArgumentTypeError, MemoryLimitError, WasmUnsupportedError } from '../errors.js';
import { ready } from '../wasm/runtime.js';
import { analyze } from './analyze.js';
import { parseCommandLine } from './args.js';
import { formatJson } from './json.js';
import { formatReport } from './report.js';
import { loadSource } from './source.js';
import { usage } from './usage.js';
import { UsageError } from './UsageError.js';
import { VERSION } from './version.js';

/** Exit code and message for an error: 2 for bad input, 1 for an unusable engine or a bug. */
function failure(error: unknown): [code: number, message: string] {
  if (error instanceof UsageError) return [2, error.message];
  if (error instanceof ArgumentTypeError || error instanceof ArgumentRangeError || error instanceof MemoryLimitError) {
    return [2, error.message];
  }
  if (error instanceof WasmUnsupportedError) return [1, error.message.replace(/^unmasking /, '')];
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return [1, `internal error: ${message}`];
}

async function run(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    if (command.kind === 'help') process.stdout.write(usage());
    if (command.kind === 'version') process.stdout.write(`unmasking ${VERSION}\n`);
    if (command.kind === 'measures') {
      await ready();
      const { source, units, json } = command;
      const analysis = analyze(() => loadSource(source), units);
      process.stdout.write(json ? formatJson(source, analysis) : formatReport(source, analysis));
    }
    return 0;
  } catch (error) {
    const [code, message] = failure(error);
    process.stderr.write(`unmasking: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return code;
  }
}

// A closed pipe (`unmasking --help | head -1`) ends the output quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`unmasking: cannot write the output: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});
process.exitCode = await run(process.argv.slice(2));
