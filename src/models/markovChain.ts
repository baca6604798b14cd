import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { Joint } from '../Joint.js';
import { requireDistribution, requireInteger, requireNumber, requireOptions } from '../internal/validate.js';

/** A Markov chain: either the symmetric `flip` chain or an explicit transition matrix. */
export interface MarkovChainOptions {
  /** Alphabet size for the `flip` chain (default 2). */
  q?: number;
  /** Probability of leaving the current symbol, the new one uniform over the other q - 1. */
  flip?: number;
  /** Row-stochastic q x q matrix: transition[a][b] = P(X_{i+1} = b | X_i = a). */
  transition?: readonly (readonly number[])[];
  /** Law of X_0 (default uniform). */
  initial?: readonly number[];
}

/**
 * A stationary-start Markov chain p(x) = pi(x_0) prod_i T(x_i, x_{i+1}). With `flip` f and
 * q = 2: H = log 2 + (n-1) h(f), TC = (n-1)(log 2 - h(f)) (h the binary entropy).
 * @example models.markovChain(8, { flip: 0.3 })
 */
export function markovChain(n: number, options: MarkovChainOptions): Joint {
  const fn = 'models.markovChain';
  requireInteger(fn, 'n', n, 1);
  const { q: qOption, flip, transition, initial } = requireOptions(fn, options);
  if ((flip === undefined) === (transition === undefined)) {
    throw new ArgumentTypeError({ fn, argument: 'options', expected: 'an object with exactly one of flip or transition', received: describe(options) });
  }
  let q: number;
  let T: Float64Array[];
  if (transition !== undefined) {
    if (!Array.isArray(transition) || transition.length < 2) {
      throw new ArgumentRangeError({ fn, argument: 'options.transition', expected: 'a q x q matrix with q >= 2', received: describe(transition) });
    }
    q = transition.length;
    T = transition.map((row, a) => requireDistribution(fn, `options.transition[${a}]`, row, q));
  } else {
    q = requireInteger(fn, 'options.q', qOption ?? 2, 2);
    const f = requireNumber(fn, 'options.flip', flip, 0, 1);
    T = Array.from({ length: q }, (_, a) => Float64Array.from({ length: q }, (_, b) => (a === b ? 1 - f : f / (q - 1))));
  }
  const pi = initial === undefined ? new Float64Array(q).fill(1 / q) : requireDistribution(fn, 'options.initial', initial, q);
  return Joint.build(fn, q, n, (_runtime, _pointer, view) => {
    const table = view();
    table.set(pi);
    let filled = q;
    for (let i = 1; i < n; i++) {
      for (let idx = filled - 1; idx >= 0; idx--) {
        const row = T[idx % q];
        const mass = table[idx];
        for (let b = q - 1; b >= 0; b--) table[idx * q + b] = mass * row[b];
      }
      filled *= q;
    }
  });
}
