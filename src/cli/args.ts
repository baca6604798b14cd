// The command line, parsed with node:util parseArgs:
//   unmasking                     the measures report, then the schedules study, on the default
//   unmasking [measures] [--model SPEC | --input FILE | --samples FILE [--alphabet A] | --dataset NAME]
//                       [--base B] [--json]
//   unmasking schedules [--model SPEC | --input FILE] [-K K] [--base B] [--policy LIST]
//                       [--json] [--report FILE | --no-report]
//   unmasking sample [--model SPEC | --input FILE] [--schedule NAME] [-K K | --sizes LIST]
//                    [--policy NAME [--threshold T]] [--temperature T] [--count N] [--seed S]
//                    [--out FILE.bin|FILE.csv] [--conditionals auto|lattice|table] [--base B] [--json]
//   unmasking help | --help | -h
//   unmasking --version | -v
// parseArgs runs non-strict so that every problem gets this CLI's own one-line message.
import { parseArgs } from 'node:util';
import { parseModelSpec } from './modelSpec.js';
import { parsePolicies, type PolicyChoice } from './policies.js';
import { type Source, parseDataset } from './source.js';
import { NATS, type Units, parseBase } from './units.js';
import { UsageError } from './UsageError.js';
import { parseDecimal } from './decimal.js';
import {
  DEFAULT_COUNT, DEFAULT_SCHEDULE, DEFAULT_SEED, type SampleCommand, type SizesChoice, parseConditionals, parseCount,
  parseOut, parseSamplePolicy, parseScheduleName, parseSeed, parseSizes, parseTemperature, parseThreshold,
} from './sampleArgs.js';

/** The model reported on when neither --model nor --input is given. */
export const DEFAULT_MODEL = 'ising2d:3x4,J=0.3,h=0.05';

/** The dataset the default job reports on after the default model. */
export const DEFAULT_DATASET = 'words';

/** Steps of the schedules study when -K is not given (n if n is smaller). */
export const DEFAULT_STEPS = 4;

/** Where the schedules study writes its HTML report unless --report or --no-report says otherwise. */
export const DEFAULT_REPORT = 'report.html';

/** The adaptive policies compared when --policy is not given. */
export const DEFAULT_POLICIES = 'confidence,margin,entropy';

const COMMANDS = ['measures', 'schedules', 'sample', 'help'] as const;

type CommandName = (typeof COMMANDS)[number];

const OPTIONS = {
  model: { type: 'string', short: 'm' },
  input: { type: 'string', short: 'i' },
  samples: { type: 'string', short: 's' },
  alphabet: { type: 'string' },
  dataset: { type: 'string', short: 'd' },
  base: { type: 'string', short: 'b' },
  json: { type: 'boolean' },
  steps: { type: 'string', short: 'K' },
  policy: { type: 'string', short: 'p' },
  report: { type: 'string', short: 'r' },
  'no-report': { type: 'boolean' },
  schedule: { type: 'string' },
  sizes: { type: 'string' },
  threshold: { type: 'string' },
  temperature: { type: 'string' },
  count: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  conditionals: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** The options that name the table's source. */
const SOURCE_OPTIONS = ['model', 'input', 'samples', 'dataset'] as const;

/** The commands that take each command-specific option (the rest are taken by all). */
const OWNERS: Partial<Record<OptionName, readonly CommandName[]>> = {
  steps: ['schedules', 'sample'],
  policy: ['schedules', 'sample'],
  report: ['schedules'],
  'no-report': ['schedules'],
  schedule: ['sample'],
  sizes: ['sample'],
  threshold: ['sample'],
  temperature: ['sample'],
  count: ['sample'],
  seed: ['sample'],
  out: ['sample'],
  conditionals: ['sample'],
};

/** `unmasking measures`: every measure of one table. */
export interface MeasuresCommand {
  readonly kind: 'measures';
  readonly source: Source;
  readonly units: Units;
  readonly json: boolean;
}

/** `unmasking schedules`: every schedule family, policy and adapted schedule for K steps. */
export interface SchedulesCommand {
  readonly kind: 'schedules';
  readonly source: Source;
  readonly units: Units;
  readonly json: boolean;
  /** K, the number of steps: an integer >= 1, checked against n once the table is loaded; null for min(4, n). */
  readonly steps: number | null;
  /** The adaptive policies to compare with random reveal order. */
  readonly policies: readonly PolicyChoice[];
  /** Path of the HTML report, or null for --no-report. */
  readonly report: string | null;
}

/** What to do. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | MeasuresCommand
  | SchedulesCommand
  | SampleCommand
  /**
   * No arguments at all: the measures report, the schedules study, then a sampler run, on the
   * default model; then the measures report of the default dataset.
   */
  | {
    readonly kind: 'default';
    readonly measures: MeasuresCommand;
    readonly schedules: SchedulesCommand;
    readonly sample: SampleCommand;
    readonly dataset: MeasuresCommand;
  };

/** A string option's value that is really the next option (`--model --json`), not a value. */
function looksLikeOption(value: string): boolean {
  return value.startsWith('-') && value !== '-' && parseDecimal(value) === undefined;
}

function isOptionName(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

/** How the user wrote an option in messages: `-K` for steps, `--name` for the rest. */
function spelling(name: OptionName): string {
  return name === 'steps' ? '-K' : `--${name}`;
}

/**
 * The -K value: an integer >= 1 (whether K <= n is checked once the table is loaded).
 * @throws UsageError for anything else.
 */
export function parseSteps(text: string): number {
  const K = parseDecimal(text);
  if (K === undefined || !Number.isInteger(K) || K < 1) {
    throw new UsageError(`-K must be an integer from 1 to n (the number of positions); received "${text}"`);
  }
  return K;
}

/**
 * Parses the arguments after `node cli.js`. --help and --version win over everything else;
 * no arguments at all run the default study; a command-less list of options means `measures`.
 * @throws UsageError for an unknown command or option, a missing or repeated value, a bad
 * --base, -K, --policy or model spec, both --model and --input, both --report and --no-report,
 * or a schedules option given to measures.
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
    if (values.has(name)) throw new UsageError(`option ${spelling(name)} is given more than once`);
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
  if (command !== 'measures' && command !== 'schedules' && command !== 'sample') {
    throw new UsageError(`unknown command "${command}"; commands: ${COMMANDS.join(', ')}`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"; see unmasking --help`);
  const string = (name: OptionName) => values.get(name) as string | undefined;
  const source = parseSource(string);
  const base = string('base');
  const units = base === undefined ? NATS : parseBase(base);
  const json = values.has('json');
  const misplaced = [...values.keys()].find((name) => !(OWNERS[name]?.includes(command) ?? true));
  if (misplaced !== undefined) {
    const owners = (OWNERS[misplaced] as readonly CommandName[]).map((c) => `the ${c} command`).join(' and ');
    throw new UsageError(`option ${spelling(misplaced)} belongs to ${owners}; see unmasking --help`);
  }
  if (command === 'sample') return sampleCommand(string, source, units, json);
  if (command === 'measures') {
    const measures: MeasuresCommand = { kind: 'measures', source, units, json };
    if (argv.length > 0) return measures;
    const sample = sampleCommand(() => undefined, source, units, json);
    const dataset: MeasuresCommand = { kind: 'measures', source: { kind: 'dataset', name: DEFAULT_DATASET }, units, json };
    return { kind: 'default', measures, schedules: { ...schedulesDefaults(source, units), json }, sample, dataset };
  }
  const report = string('report');
  if (report !== undefined && values.has('no-report')) throw new UsageError('give --report or --no-report, not both');
  const steps = string('steps');
  const policy = string('policy');
  return {
    kind: 'schedules',
    source,
    units,
    json,
    steps: steps === undefined ? null : parseSteps(steps),
    policies: parsePolicies(policy ?? DEFAULT_POLICIES),
    report: values.has('no-report') ? null : (report ?? DEFAULT_REPORT),
  };
}

/** The table's source from --model, --input, --samples (with --alphabet) or --dataset: at most one; the default model without any. */
function parseSource(string: (name: OptionName) => string | undefined): Source {
  const given = SOURCE_OPTIONS.filter((name) => string(name) !== undefined);
  if (given.length > 1) throw new UsageError(`give one of --model, --input, --samples and --dataset, not ${given.map((name) => `--${name}`).join(' and ')}`);
  const alphabet = string('alphabet');
  if (alphabet !== undefined && given[0] !== 'samples') throw new UsageError('--alphabet applies only to --samples');
  const model = string('model');
  const input = string('input');
  const samples = string('samples');
  const dataset = string('dataset');
  if (input !== undefined) return { kind: 'input', path: input };
  if (samples !== undefined) return { kind: 'samples', path: samples, alphabet: alphabet ?? null };
  if (dataset !== undefined) return { kind: 'dataset', name: parseDataset(dataset) };
  return { kind: 'model', model: parseModelSpec(model ?? DEFAULT_MODEL), isDefault: model === undefined };
}

/** `unmasking sample` from its option values (each checked on its own; against n in sampleRun.ts). */
function sampleCommand(string: (name: OptionName) => string | undefined, source: Source, units: Units, json: boolean): SampleCommand {
  const given = (name: OptionName) => string(name) !== undefined;
  const { policy, threshold: inline } = parseSamplePolicy(string('policy') ?? 'random');
  const thresholdText = string('threshold');
  if (thresholdText !== undefined && policy !== 'threshold') throw new UsageError('--threshold applies only to --policy threshold');
  if (thresholdText !== undefined && inline !== null) throw new UsageError('give the threshold once: --policy threshold --threshold T');
  const threshold = thresholdText === undefined ? inline : parseThreshold(thresholdText);
  if (policy === 'threshold' && threshold === null) throw new UsageError('--policy threshold needs --threshold T, a number in [0, 1]');
  let sizes: SizesChoice | null = null;
  if (policy === 'threshold') {
    const fixed = (['schedule', 'steps', 'sizes'] as const).find(given);
    if (fixed !== undefined) throw new UsageError(`option ${spelling(fixed)} does not apply to --policy threshold, which takes as many steps as it needs`);
  } else if (given('sizes')) {
    if (given('schedule') || given('steps')) throw new UsageError('give --sizes or --schedule and -K, not both');
    sizes = { kind: 'sizes', sizes: parseSizes(string('sizes') as string) };
  } else {
    const steps = string('steps');
    sizes = { kind: 'schedule', name: parseScheduleName(string('schedule') ?? DEFAULT_SCHEDULE), steps: steps === undefined ? null : parseSteps(steps) };
  }
  const out = string('out');
  const count = string('count');
  const seed = string('seed');
  const temperature = string('temperature');
  const conditionals = string('conditionals');
  return {
    kind: 'sample',
    source,
    units,
    json,
    sizes,
    policy,
    threshold,
    temperature: temperature === undefined ? 1 : parseTemperature(temperature),
    count: count === undefined ? DEFAULT_COUNT : parseCount(count),
    seed: seed === undefined ? DEFAULT_SEED : parseSeed(seed),
    out: out === undefined ? null : parseOut(out),
    conditionals: conditionals === undefined ? 'auto' : parseConditionals(conditionals),
  };
}

/** The schedules study with every default: K = min(4, n), the default policies, ./report.html. */
function schedulesDefaults(source: Source, units: Units): Omit<SchedulesCommand, 'json'> {
  return { kind: 'schedules', source, units, steps: null, policies: parsePolicies(DEFAULT_POLICIES), report: DEFAULT_REPORT };
}
