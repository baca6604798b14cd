// The text of `unmasking --help`: commands, options, the model-spec grammar and examples.
import { DEFAULT_MODEL } from './args.js';
import { modelSpecHelp } from './modelSpec.js';
import { VERSION } from './version.js';

/** The help text, at most 80 columns wide, ending in a newline. */
export function usage(): string {
  return [
    `unmasking ${VERSION}: exact information measures of a joint distribution over`,
    '[q]^n in SIMD WebAssembly: entropy, total and dual total correlation, O-, S-',
    'and co-information, residual entropy, TSE complexity and the entropy profile.',
    '',
    'Usage',
    '  unmasking                     report on the default model (below)',
    '  unmasking measures [options]  report every measure of one table',
    '  unmasking help                show this help (also --help, -h)',
    '  unmasking --version           print the version (also -v)',
    '',
    'Options of measures (the word "measures" may be left out)',
    '  -m, --model SPEC  build the table from a model spec (below); the default is',
    `                    ${DEFAULT_MODEL}`,
    '  -i, --input FILE  read the table from a JSON file (- for stdin) such as',
    '                    { "q": 2, "n": 2, "pmf": [0.4, 0.1, 0.1, 0.4] }: q^n',
    '                    probabilities, row-major (position 0 most significant),',
    '                    each >= 0, summing to 1 within 1e-9 (never renormalised)',
    '  -b, --base B      logarithm base of the results: e (nats, the default),',
    '                    2 (bits) or any number B > 0 other than 1',
    '      --json        print one JSON object instead of the report, with keys',
    '                    model, input, description, q, n, base, units, measures,',
    '                    profile { h, D } and timingMs { table, measures, total }',
    '',
    'Model specs',
    ...modelSpecHelp().map((line) => `  ${line}`.trimEnd()),
    '',
    'Examples',
    '  unmasking',
    '  unmasking measures --model ising2d:3x4 --json',
    '  unmasking measures --model ising2d:3x4,J=0.4,h=0.1,periodic --base 2',
    '  unmasking measures --model ising-chain:8,J=0.5,h=0.1',
    '  unmasking measures --model markov:8,flip=0.3',
    '  unmasking measures --model parity:q=2,n=6 --base 2',
    '  unmasking measures --model dirichlet:2x10,seed=1 --json',
    '  unmasking measures --input table.json --base 2',
    '',
    'Exit status: 0 on success, 2 on bad input, 1 on an internal error; each failure',
    'is one line on stderr.',
    '',
  ].join('\n');
}
