// Bad input: every public function throws a typed error naming the argument, what it expected
// and what it received. The messages are API.
import { describe, expect, it } from 'vitest';
import {
  ArgumentRangeError,
  ArgumentTypeError,
  Joint,
  MemoryLimitError,
  NormalizationError,
  ShapeMismatchError,
  crossEntropy,
  jensenShannon,
  kl,
  models,
} from '../src/index.js';

const half = [0.25, 0.25, 0.25, 0.25];

describe('Joint.fromProbabilities', () => {
  it.each([
    ['a negative entry', [0.5, -0.25, 0.5, 0.25], 'values[1]', ArgumentRangeError, 'must be a finite number >= 0; received -0.25.'],
    ['NaN', [0.5, NaN, 0.25, 0.25], 'values[1]', ArgumentRangeError, 'must be a finite number >= 0; received NaN.'],
    ['Infinity', [Infinity, 0, 0, 0], 'values[0]', ArgumentRangeError, 'must be a finite number >= 0; received Infinity.'],
    ['a string entry', [0.5, '0.5', 0, 0], 'values[1]', ArgumentTypeError, 'must be a number; received "0.5".'],
    ['the wrong length', [0.5, 0.5], 'values', ArgumentRangeError, 'must be of length q^n = 4; received length 2.'],
    ['not an array', 'abc', 'values', ArgumentTypeError, 'must be a Float64Array or an array of numbers; received "abc".'],
  ])('rejects %s', (_, values, argument, type, detail) => {
    const call = () => Joint.fromProbabilities(2, 2, values as number[]);
    expect(call).toThrow(type);
    expect(call).toThrow(`Joint.fromProbabilities: ${argument} ${detail}`);
  });

  it('rejects a table that does not sum to 1, naming the sum', () => {
    const call = () => Joint.fromProbabilities(2, 2, [0.25, 0.25, 0.25, 0.2]);
    expect(call).toThrow(NormalizationError);
    expect(call).toThrow('Joint.fromProbabilities: values must be a table summing to 1 (within 1e-9); received a table summing to 0.95.');
  });

  it.each([
    [1, 2, 'q', 'an integer >= 2', ArgumentRangeError],
    [2.5, 2, 'q', 'an integer', ArgumentTypeError],
    [2, 0, 'n', 'an integer in [1, 32]', ArgumentRangeError],
    [2, 33, 'n', 'an integer in [1, 32]', ArgumentRangeError],
    [2, '3', 'n', 'an integer', ArgumentTypeError],
  ])('rejects q = %s, n = %s, naming %s', (q, n, argument, expected, type) => {
    const call = () => Joint.fromProbabilities(q as number, n as number, half);
    expect(call).toThrow(type);
    expect(call).toThrow(`Joint.fromProbabilities: ${argument} must be ${expected}; received`);
  });

  it('rejects a table too large for WebAssembly memory before reading it, naming the bytes needed', () => {
    const call = () => Joint.fromProbabilities(2, 30, []);
    expect(call).toThrow(MemoryLimitError);
    expect(call).toThrow('Joint.fromProbabilities: a table of q^n = 2^30 = 1073741824 cells needs 8589934592 bytes (8.00 GiB)');
    expect(() => models.uniform(2, 32)).toThrow('needs 34359738368 bytes');
    expect(() => models.dirichlet(26, 7)).toThrow(MemoryLimitError);
  });

  it('rejects a bad tolerance', () => {
    expect(() => Joint.fromProbabilities(2, 2, half, { tolerance: -1 })).toThrow('Joint.fromProbabilities: options.tolerance must be a finite number in [0, Infinity]; received -1.');
  });
});

describe('Joint.fromCounts', () => {
  it('normalises, and rejects negative, NaN, infinite and all-zero counts', () => {
    expect(Array.from(Joint.fromCounts(2, 1, [3, 1]).probabilities())).toEqual([0.75, 0.25]);
    expect(() => Joint.fromCounts(2, 1, [3, -1])).toThrow('Joint.fromCounts: counts[1] must be a finite number >= 0; received -1.');
    expect(() => Joint.fromCounts(2, 1, [NaN, 1])).toThrow('counts[0] must be a finite number >= 0; received NaN.');
    expect(() => Joint.fromCounts(2, 1, [Infinity, 1])).toThrow(ArgumentRangeError);
    expect(() => Joint.fromCounts(2, 1, [0, 0])).toThrow('Joint.fromCounts: counts must be a table with a positive finite total; received total 0.');
    expect(() => Joint.fromCounts(2, 1, [1e308, 1e308])).toThrow('received total Infinity.');
    expect(() => Joint.fromCounts(2, 2, [1, 2, 3])).toThrow('Joint.fromCounts: counts must be of length q^n = 4; received length 3.');
  });
});

describe('measure options', () => {
  const joint = Joint.fromProbabilities(2, 2, half);
  const measures = ['entropy', 'marginalEntropies', 'leaveOneOutEntropies', 'totalCorrelation', 'dualTotalCorrelation', 'oInformation',
    'sInformation', 'coinformation', 'residualEntropy', 'tseComplexity', 'subsetEntropies', 'profile'] as const;

  it.each(measures)('Joint.%s rejects a bad base, naming options.base', (measure) => {
    for (const base of [0, -2, 1, NaN, Infinity]) {
      expect(() => joint[measure]({ base })).toThrow(ArgumentRangeError);
      expect(() => joint[measure]({ base })).toThrow(`Joint.${measure}: options.base must be a finite number > 0 other than 1; received ${base}.`);
    }
    expect(() => joint[measure]({ base: '2' as unknown as number })).toThrow(`Joint.${measure}: options.base must be a number; received "2".`);
    expect(() => joint[measure](5 as unknown as object)).toThrow(`Joint.${measure}: options must be an options object or undefined; received 5.`);
  });

  it('mutualInformation rejects positions out of range, non-integers and empty sets', () => {
    expect(() => joint.mutualInformation([0], [2])).toThrow('Joint.mutualInformation: B[0] must be an integer in [0, 1]; received 2.');
    expect(() => joint.mutualInformation([0.5], [1])).toThrow('Joint.mutualInformation: A[0] must be an integer; received 0.5.');
    expect(() => joint.mutualInformation([], [1])).toThrow('Joint.mutualInformation: A must be a non-empty array of positions; received an array of length 0.');
    expect(() => joint.mutualInformation([0], [1], [-1])).toThrow('Joint.mutualInformation: given[0] must be an integer in [0, 1]; received -1.');
    expect(() => joint.mutualInformation([0], 1 as unknown as number[])).toThrow(ArgumentTypeError);
  });

  it('a disposed joint refuses further use', () => {
    const temporary = Joint.fromProbabilities(2, 2, half);
    temporary.dispose();
    expect(() => temporary.entropy()).toThrow('Joint: this joint has been disposed.');
  });
});

describe('kl, jensenShannon, crossEntropy', () => {
  const p = Joint.fromProbabilities(2, 2, half);
  it.each([['kl', kl], ['jensenShannon', jensenShannon], ['crossEntropy', crossEntropy]] as const)('%s rejects non-joints and mismatched shapes', (name, fn) => {
    expect(() => fn(half as unknown as Joint, p)).toThrow(`${name}: p must be a Joint or a SparseJoint; received an array of length 4.`);
    expect(() => fn(p, null as unknown as Joint)).toThrow(ArgumentTypeError);
    const other = Joint.fromProbabilities(4, 1, half);
    expect(() => fn(p, other)).toThrow(ShapeMismatchError);
    expect(() => fn(p, other)).toThrow(`${name}: r must be a joint of the same shape as p (q = 2, n = 2); received q = 4, n = 1.`);
    expect(() => fn(p, p, { base: 1 })).toThrow(`${name}: options.base must be a finite number > 0 other than 1; received 1.`);
  });

  it('KL and cross-entropy are +Infinity where r = 0 < p; cells with p = 0 are ignored', () => {
    const r = Joint.fromProbabilities(2, 2, [0.5, 0.5, 0, 0]);
    expect(kl(p, r)).toBe(Infinity);
    expect(crossEntropy(p, r)).toBe(Infinity);
    expect(kl(r, p)).toBeCloseTo(Math.log(2), 15);
    expect(jensenShannon(p, r)).toBeLessThanOrEqual(Math.log(2));
  });
});

describe('models', () => {
  it('validate their arguments', () => {
    expect(() => models.uniform(1, 3)).toThrow('models.uniform: q must be an integer >= 2; received 1.');
    expect(() => models.parity(2, 0)).toThrow('models.parity: n must be an integer in [1, 32]; received 0.');
    expect(() => models.copies(2, 3, [0.5, 0.6])).toThrow('models.copies: weights must be a distribution summing to 1 (within 1e-9); received a sum of 1.1.');
    expect(() => models.product([])).toThrow('models.product: marginals must be a non-empty array of distributions; received an empty array.');
    expect(() => models.product([[0.5, 0.5], [1]])).toThrow('models.product: marginals[1] must be of length q^n = 2; received length 1.');
    expect(() => models.markovChain(4, {})).toThrow('models.markovChain: options must be an object with exactly one of flip or transition');
    expect(() => models.markovChain(4, { flip: 1.5 })).toThrow('models.markovChain: options.flip must be a finite number in [0, 1]; received 1.5.');
    expect(() => models.markovChain(4, { transition: [[1, 0], [0.5, 0.4]] })).toThrow('options.transition[1] must be a distribution summing to 1');
    expect(() => models.isingChain(4, { J: NaN })).toThrow('models.isingChain: options.J must be a finite number; received NaN.');
    expect(() => models.ising2d(3, 0, { J: 1 })).toThrow('models.ising2d: cols must be an integer in [1, 32]; received 0.');
    expect(() => models.dirichlet(2, 3, { seed: -1 })).toThrow('models.dirichlet: options.seed must be an integer in [0, 2^53) or a BigInt in [0, 2^64); received -1.');
    expect(() => models.dirichlet(2, 3, { seed: 1.5 })).toThrow(ArgumentTypeError);
    expect(() => models.dirichlet(2, 3, { seed: 1n << 64n })).toThrow('models.dirichlet: options.seed must be a BigInt in [0, 2^64); received 18446744073709551616n.');
  });
});
