// Expected KL for reveal laws that are not exchangeable (semi-autoregressive blocks, a fixed
// left-to-right order, any law over ordered partitions), from all subset entropies. For one
// ordered partition S_1..S_K the chain rule gives
//   KL(p || q_S) = sum_k [ sum_{i in S_k} H(X_i | X_W) - H(X_{S_k} | X_W) ],  W = S_1 ∪ ... ∪ S_{k-1}.
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { fsum } from '../internal/fsum.js';
import { Joint } from '../Joint.js';
import { requireInteger, requireOptions } from '../internal/validate.js';
import { constant } from './constant.js';
import type { ExpectedKL } from './expectedKL.js';
import { requireSizes } from './validate.js';

/** One step's cost: sum_{i in S} H(X_i | X_W) - H(X_S | X_W), from subset entropies H[mask]. */
export function pathStepCost(H: Float64Array, revealed: number, step: number): number {
  const terms: number[] = [];
  for (let rest = step; rest !== 0; rest &= rest - 1) {
    const bit = rest & -rest;
    terms.push(H[revealed | bit] - H[revealed]);
  }
  terms.push(-(H[revealed | step] - H[revealed]));
  return fsum(terms);
}

function requireJoint(fn: string, joint: unknown): Joint {
  if (!(joint instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'joint', expected: 'a Joint', received: describe(joint) });
  return joint;
}

/** Mask of positions first..first+count-1. */
function range(first: number, count: number): number {
  return (2 ** count - 1) * 2 ** first;
}

/**
 * A fixed left-to-right order in chunks: step k reveals the next sizes[k] positions (0, 1, ...),
 * all drawn independently given the ones before. Exact per-path KL from subset entropies.
 * @example leftToRightExpectedKL(joint, [2, 2, 2]).total
 */
export function leftToRightExpectedKL(joint: Joint, sizes: readonly number[]): ExpectedKL {
  const fn = 'leftToRightExpectedKL';
  const H = requireJoint(fn, joint).subsetEntropies();
  const steps = requireSizes(fn, sizes, joint.n);
  const terms = new Float64Array(steps.length);
  let w = 0;
  steps.forEach((s, k) => {
    terms[k] = pathStepCost(H, range(0, w), range(w, s));
    w += s;
  });
  return { total: fsum(terms), terms };
}

/** Options of semiAutoregressiveExpectedKL. */
export interface SemiAutoregressiveOptions {
  /** Positions per block (LLaDA's block_length); must divide n. */
  blockLength: number;
  /** Step sizes inside every block (sum blockLength); default schedules.constant(blockLength, stepsPerBlock). */
  sizes?: readonly number[];
  /** Steps per block, for the default sizes. */
  stepsPerBlock?: number;
}

/**
 * Semi-autoregressive decoding (LLaDA, Fast-dLLM, BD3-LM): blocks of `blockLength` positions
 * left to right; inside a block each step reveals a uniformly random set of its masked
 * positions. With P the blocks before and g(r) = mean over R in the block, |R| = r, of
 * H(X_{P ∪ R}) (the block's conditional profile), a step from r to r + s costs exactly
 * s (g(r+1) - g(r)) - (g(r+s) - g(r)) on average. Terms: one per step, block after block.
 */
export function semiAutoregressiveExpectedKL(joint: Joint, options: SemiAutoregressiveOptions): ExpectedKL {
  const fn = 'semiAutoregressiveExpectedKL';
  const H = requireJoint(fn, joint).subsetEntropies();
  const n = joint.n;
  const { blockLength, sizes, stepsPerBlock } = requireOptions(fn, options);
  const L = requireInteger(fn, 'options.blockLength', blockLength, 1, n);
  if (n % L !== 0) {
    throw new ArgumentRangeError({ fn, argument: 'options.blockLength', expected: `a divisor of n = ${n}`, received: describe(L) });
  }
  const inner = sizes !== undefined
    ? requireSizes(fn, sizes, L, 'options.sizes')
    : constant(L, requireInteger(fn, 'options.stepsPerBlock', stepsPerBlock, 1, L));
  const terms: number[] = [];
  for (let first = 0; first < n; first += L) {
    const g = blockProfile(H, range(0, first), first, L);
    let r = 0;
    for (const s of inner) {
      terms.push(s * (g[r + 1] - g[r]) - (g[r + s] - g[r]));
      r += s;
    }
  }
  return { total: fsum(terms), terms: Float64Array.from(terms) };
}

/** g(r) = mean over R ⊆ {first..first+L-1}, |R| = r, of H[prefix ∪ R], r = 0..L. */
function blockProfile(H: Float64Array, prefix: number, first: number, L: number): Float64Array {
  const levels: number[][] = Array.from({ length: L + 1 }, () => []);
  for (let subset = 0; subset < 2 ** L; subset++) {
    let size = 0;
    for (let m = subset; m !== 0; m &= m - 1) size++;
    levels[size].push(H[prefix | (subset * 2 ** first)]);
  }
  return Float64Array.from(levels, (level) => fsum(level) / level.length);
}

/** A reveal law as a Markov chain on revealed sets: the possible next steps and their probabilities. */
export type RevealLaw = (revealed: number, step: number) => readonly (readonly [set: number, probability: number])[];

/**
 * Expected KL of any reveal law given as a Markov chain on revealed sets (bit masks): from
 * revealed set W at step k, `law(W, k)` lists the sets S (disjoint from W, non-empty) revealed
 * next with their probabilities. Exact, by dynamic programming over revealed sets (up to 2^n
 * states per step); the chain must reveal every position.
 */
export function revealLawExpectedKL(joint: Joint, law: RevealLaw): number {
  const fn = 'revealLawExpectedKL';
  const H = requireJoint(fn, joint).subsetEntropies();
  if (typeof law !== 'function') throw new ArgumentTypeError({ fn, argument: 'law', expected: 'a function (revealed, step) => [set, probability][]', received: describe(law) });
  const full = 2 ** joint.n - 1;
  let states = new Map<number, number>([[0, 1]]);
  const costs: number[] = [];
  for (let step = 0; states.size > 0; step++) {
    const next = new Map<number, number>();
    for (const [revealed, mass] of states) {
      if (revealed === full) continue;
      const moves = law(revealed, step);
      if (moves.length === 0) throw new ArgumentRangeError({ fn, argument: 'law', expected: 'a next step for every incomplete revealed set', received: `none from set ${revealed} at step ${step}` });
      for (const [set, probability] of moves) {
        if (set === 0 || (set & revealed) !== 0 || set > full) {
          throw new ArgumentRangeError({ fn, argument: 'law', expected: 'non-empty sets of masked positions', received: `set ${set} from revealed set ${revealed}` });
        }
        costs.push(mass * probability * pathStepCost(H, revealed, set));
        next.set(revealed | set, (next.get(revealed | set) ?? 0) + mass * probability);
      }
    }
    states = next;
  }
  return fsum(costs);
}
