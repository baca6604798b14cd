// The command line, parsed with node:util parseArgs:
//   unmasking [measures] [--model SPEC | --input FILE] [--base B] [--json]
//   unmasking help | --help | -h
//   unmasking --version | -v
// parseArgs runs non-strict so that every problem gets this CLI's own one-line message.
import { parseArgs } from 'node:util';
import { parseModelSpec } from './modelSpec.js';
import type { Source } from './source.js';
import { NATS, type Units, parseBase } from './units.js';
import { UsageError } from './UsageError.js';
import { parseDecimal } from './decimal.js';

/** The model reported on when neither --model nor --input is given. */
export const DEFAULT_MODEL = 'ising2d:3x4,J=0.3,h=0.05';

const COMMANDS = ['measures', 'help'] as const;

const OPTIONS = {
  model: { type: 'string', short: 'm' },
  input: { type: 'string', short: 'i' },
  base: { type: 'string', short: 'b' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** What to do. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'measures'; readonly source: Source; readonly units: Units; readonly json: boolean };

/** A string option's value that is really the next option (`--model --json`), not a value. */
function looksLikeOption(value: string): boolean {
  return value.startsWith('-') && value !== '-' && parseDecimal(value) === undefined;
}

function isOptionName(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

/**
 * Parses the arguments after `node cli.js`. --help and --version win over everything else;
 * with no command, `measures` is meant.
 * @throws UsageError for an unknown command or option, a missing or repeated value, a bad
 * --base or model spec, or both --model and --input.
 */
export function parseCommandLine(argv: readonly string[]): Command {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const asks = (name: OptionName) => tokens.some((t) => t.kind === 'option' && t.name === name);
  if (asks('help')) return { kind: 'help' };
  if (asks('version')) return { kind: 'version' };
  const values = new Map<OptionName, string | true>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const { name, rawName, value } = token;
    if (!isOptionName(name)) throw new UsageError(`unknown option ${rawName}; see unmasking --help`);
    if (values.has(name)) throw new UsageError(`option --${name} is given more than once`);
    if (OPTIONS[name].type === 'boolean') {
      if (value !== undefined) throw new UsageError(`option --${name} takes no value; received "${value}"`);
      values.set(name, true);
    } else {
      if (value === undefined || value === '' || (!token.inlineValue && looksLikeOption(value))) {
        throw new UsageError(`option ${rawName} needs a value`);
      }
      values.set(name, value);
    }
  }
  const [command = 'measures', ...extra] = positionals;
  if (command === 'help') return { kind: 'help' };
  if (command !== 'measures') throw new UsageError(`unknown command "${command}"; commands: ${COMMANDS.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"; see unmasking --help`);
  const string = (name: OptionName) => values.get(name) as string | undefined;
  const model = string('model');
  const input = string('input');
  if (model !== undefined && input !== undefined) throw new UsageError('give --model or --input, not both');
  const base = string('base');
  const source: Source =
    input !== undefined
      ? { kind: 'input', path: input }
      : { kind: 'model', model: parseModelSpec(model ?? DEFAULT_MODEL), isDefault: model === undefined };
  return { kind: 'measures', source, units: base === undefined ? NATS : parseBase(base), json: values.has('json') };
}
