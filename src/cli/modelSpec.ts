// The --model grammar: KIND[:PART[,PART...]], each PART a SIZE, a KEY=VALUE or a FLAG.
//   SIZE   integers joined by "x". They fill the kind's size keys from the right, so
//          uniform:2x5 sets q = 2, n = 5 and uniform:5 sets n = 5, keeping the default q = 2.
//   KEY    a parameter of the kind; each may be given once. Kinds and keys match ignoring case.
//   FLAG   a switch such as `periodic`, written without a value.
// Examples: ising2d:3x4,J=0.4,h=0.1,periodic  ising-chain:8,J=0.5  markov:8,flip=0.3,q=3
//           parity:2x6  parity:q=2,n=6  copies:2x4  uniform:2x5  dirichlet:2x10,seed=1
// Values are only parsed here; their ranges are checked by the model builders, whose errors
// UsageError.from restates in terms of the spec.
import type { Joint } from '../Joint.js';
import * as models from '../models/index.js';
import { UsageError } from './UsageError.js';
import { parseDecimal } from './decimal.js';

type Value = number | bigint | boolean;
type Values = Readonly<Record<string, Value>>;

type ValueType = 'integer' | 'number' | 'seed';

interface Param {
  readonly name: string;
  readonly type: ValueType | 'flag';
  /** Used when the spec omits the parameter; a parameter without one is required. */
  readonly default?: Value;
}

interface Kind {
  readonly name: string;
  /** The keys SIZE sets, left to right: ['q', 'n'] is written QxN. */
  readonly size: readonly string[];
  readonly params: readonly Param[];
  /** One line for --help. */
  readonly summary: string;
  describe(v: Values): string;
  build(v: Values): Joint;
}

/** A parsed --model spec. */
export interface ModelSpec {
  /** Canonical spelling with every default filled in, e.g. `ising2d:3x4,J=0.3,h=0.05`. */
  readonly spec: string;
  /** What the model is, in words, e.g. `2-D Ising model on a 3×4 grid, J = 0.3, h = 0.05, open boundary`. */
  readonly description: string;
  /** Builds the table; bad values throw UsageError naming the spec. */
  build(): Joint;
}

const q: Param = { name: 'q', type: 'integer', default: 2 };
const n: Param = { name: 'n', type: 'integer' };
const isingParams: readonly Param[] = [
  { name: 'J', type: 'number', default: 0.3 },
  { name: 'h', type: 'number', default: 0 },
  { name: 'periodic', type: 'flag', default: false },
];

const num = (v: Values, key: string) => v[key] as number;
const isingOptions = (v: Values) => ({ J: num(v, 'J'), h: num(v, 'h'), periodic: v.periodic === true });
const couplings = (v: Values, boundary: string) =>
  `J = ${v.J}, h = ${v.h}, ${v.periodic === true ? 'periodic' : 'open'} ${boundary}`;

const KINDS: readonly Kind[] = [
  {
    name: 'uniform',
    size: ['q', 'n'],
    params: [q, n],
    summary: 'uniform table, p(x) = q^-n',
    describe: (v) => `uniform over all ${v.q}^${v.n} words`,
    build: (v) => models.uniform(num(v, 'q'), num(v, 'n')),
  },
  {
    name: 'copies',
    size: ['q', 'n'],
    params: [q, n],
    summary: 'X_0 = ... = X_(n-1), uniform',
    describe: (v) => `${v.n} copies of one uniform symbol`,
    build: (v) => models.copies(num(v, 'q'), num(v, 'n')),
  },
  {
    name: 'parity',
    size: ['q', 'n'],
    params: [q, n],
    summary: 'uniform on digit sum = 0 mod q',
    describe: (v) => `uniform on words whose digits sum to 0 mod ${v.q}`,
    build: (v) => models.parity(num(v, 'q'), num(v, 'n')),
  },
  {
    name: 'dirichlet',
    size: ['q', 'n'],
    params: [q, n, { name: 'seed', type: 'seed', default: 0n }],
    summary: 'Dirichlet(1)-random (portable)',
    describe: (v) => `Dirichlet(1)-random table, seed ${v.seed}`,
    build: (v) => models.dirichlet(num(v, 'q'), num(v, 'n'), { seed: v.seed as bigint }),
  },
  {
    name: 'markov',
    size: ['q', 'n'],
    params: [q, n, { name: 'flip', type: 'number', default: 0.1 }],
    summary: 'Markov chain, P(change) = flip',
    describe: (v) => `Markov chain from a uniform start, changing symbol with probability ${v.flip}`,
    build: (v) => models.markovChain(num(v, 'n'), { q: num(v, 'q'), flip: num(v, 'flip') }),
  },
  {
    name: 'ising-chain',
    size: ['n'],
    params: [n, ...isingParams],
    summary: 'Ising chain of n spins',
    describe: (v) => `Ising chain of ${v.n} spins, ${couplings(v, 'ends')}`,
    build: (v) => models.isingChain(num(v, 'n'), isingOptions(v)),
  },
  {
    name: 'ising2d',
    size: ['rows', 'cols'],
    params: [{ name: 'rows', type: 'integer' }, { name: 'cols', type: 'integer' }, ...isingParams],
    summary: 'Ising model on a grid',
    describe: (v) => `2-D Ising model on a ${v.rows}×${v.cols} grid, ${couplings(v, 'boundary')}`,
    build: (v) => models.ising2d(num(v, 'rows'), num(v, 'cols'), isingOptions(v)),
  },
];

const KIND_NAMES = KINDS.map((k) => k.name).join(', ');
const SIZE = /^\d+([x×]\d+)*$/i;
const INTEGER = /^[+-]?\d+$/;
const SEED = /^\d+$/;

const EXPECTED: Record<ValueType, string> = { integer: 'an integer', number: 'a number', seed: 'an integer in [0, 2^64)' };

/** QxN, ROWSxCOLS; a leading key with a default may be left out: [Qx]N. */
function sizePattern(kind: Kind): string {
  const hasDefault = (key: string) => kind.params.find((p) => p.name === key)?.default !== undefined;
  const leading = kind.size.slice(0, -1).map((key) => (hasDefault(key) ? `[${key.toUpperCase()}x]` : `${key.toUpperCase()}x`));
  return leading.join('') + kind.size[kind.size.length - 1].toUpperCase();
}

function parseValue(name: string, type: ValueType, text: string, fail: (problem: string) => never): Value {
  if (type === 'integer' && INTEGER.test(text)) return Number(text);
  const decimal = parseDecimal(text);
  if (type === 'number' && decimal !== undefined) return decimal;
  if (type === 'seed' && SEED.test(text) && BigInt(text) < 2n ** 64n) return BigInt(text);
  return fail(`${name} must be ${EXPECTED[type]}; received "${text}"`);
}

function canonical(kind: Kind, v: Values): string {
  const size = kind.size.map((key) => String(v[key])).join('x');
  const rest = kind.params
    .filter((p) => !kind.size.includes(p.name) && v[p.name] !== false)
    .map((p) => (p.type === 'flag' ? p.name : `${p.name}=${v[p.name]}`));
  return [`${kind.name}:${size}`, ...rest].join(',');
}

/**
 * Parses a model spec such as `ising2d:3x4,J=0.4,periodic` (grammar at the top of this file).
 * @throws UsageError naming the spec and the bad part, listing the known kinds or keys.
 */
export function parseModelSpec(text: string): ModelSpec {
  const fail: (problem: string) => never = (problem) => {
    throw new UsageError(`model "${text}": ${problem}`);
  };
  const colon = text.indexOf(':');
  const kindName = (colon < 0 ? text : text.slice(0, colon)).trim();
  const kind = KINDS.find((k) => k.name === kindName.toLowerCase());
  if (kind === undefined) return fail(`unknown kind "${kindName}"; known kinds: ${KIND_NAMES}`);
  const known = kind.params.map((p) => p.name).join(', ');
  const values: Record<string, Value> = {};
  const set = (key: string, value: Value) => {
    if (key in values) fail(`${key} is given twice`);
    values[key] = value;
  };
  const parts = colon < 0 ? [] : text.slice(colon + 1).split(',').map((part) => part.trim());
  for (const part of parts) {
    if (part === '') fail('empty part (a stray comma?)');
    const eq = part.indexOf('=');
    if (eq < 0 && /^\d/.test(part)) {
      if (!SIZE.test(part)) fail(`bad size "${part}"; ${kind.name} takes ${sizePattern(kind)}`);
      const numbers = part.split(/[x×]/i).map(Number);
      if (numbers.length > kind.size.length) fail(`size "${part}" has ${numbers.length} numbers; ${kind.name} takes ${sizePattern(kind)}`);
      const keys = kind.size.slice(kind.size.length - numbers.length);
      keys.forEach((key, i) => set(key, numbers[i]));
      continue;
    }
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    const param = kind.params.find((p) => p.name === key) ?? kind.params.find((p) => p.name.toLowerCase() === key.toLowerCase());
    if (param === undefined) return fail(`unknown ${eq < 0 ? 'flag' : 'parameter'} "${key}" for ${kind.name}; known: ${known}`);
    if (param.type === 'flag') {
      if (eq >= 0) fail(`${param.name} is a flag and takes no value`);
      set(param.name, true);
      continue;
    }
    if (eq < 0) fail(`${param.name} needs a value, as in ${param.name}=...`);
    set(param.name, parseValue(param.name, param.type, part.slice(eq + 1).trim(), fail));
  }
  for (const param of kind.params) {
    if (param.name in values) continue;
    if (param.default === undefined) fail(`missing ${param.name}; write ${kind.name}:${sizePattern(kind)} or give ${param.name}=...`);
    values[param.name] = param.default;
  }
  return {
    spec: canonical(kind, values),
    description: kind.describe(values),
    build() {
      try {
        return kind.build(values);
      } catch (error) {
        throw UsageError.from(error, `model "${text}"`) ?? error;
      }
    },
  };
}

/** The grammar and every kind with its size, parameters and defaults, as lines for --help. */
export function modelSpecHelp(): string[] {
  const rows = KINDS.map((kind) => {
    const params = kind.params
      .filter((p) => !kind.size.includes(p.name))
      .map((p) => (p.type === 'flag' ? `[,${p.name}]` : `,${p.name}=${p.default}`));
    return [`${kind.name}:${sizePattern(kind)}${params.join('')}`, kind.summary];
  });
  const width = Math.max(...rows.map(([form]) => form.length));
  return [
    'KIND:PART,PART,...  each PART a SIZE, a KEY=VALUE or a FLAG. A SIZE is',
    'integers joined by x that fill the size keys from the right: uniform:5 is',
    'uniform:2x5. Keys may be given by name (parity:q=2,n=6). Values shown are',
    'the defaults.',
    '',
    ...rows.map(([form, summary]) => `${form.padEnd(width)}  ${summary}`),
    '',
    'Ising: spins s_i = 2 x_i - 1, p(x) ∝ exp(J Σ_bonds s_a s_b + h Σ_i s_i);',
    'periodic wraps the chain into a ring and the grid into a torus.',
  ];
}
