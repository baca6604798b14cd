// Expected KL of reveal laws beyond fixed sizes: random size vectors, per-token Bernoulli reveal,
// semi-autoregressive blocks, a fixed left-to-right order and any law over revealed sets.
import { describe, expect, it } from 'vitest';
import {
  bernoulliExpectedKL,
  expectedKL,
  expectedKLMixture,
  leftToRightExpectedKL,
  models,
  revealLawExpectedKL,
  semiAutoregressiveExpectedKL,
  type Joint,
} from '../src/index.js';
import { digits, marginal } from './support/bruteForce.js';

function expectClose(got: number, want: number, tolerance = 1e-12): void {
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(tolerance);
}

/** KL(p || q_S) for one ordered partition, q_S built cell by cell from brute-force conditionals. */
function bruteForcePathKL(joint: Joint, partition: number[][]): number {
  const { q, n } = joint;
  const p = joint.probabilities();
  let kl = 0;
  for (let idx = 0; idx < p.length; idx++) {
    if (p[idx] === 0) continue;
    const x = digits(idx, q, n);
    let qS = 1;
    const revealed: number[] = [];
    for (const block of partition) {
      const context = marginal(p, q, n, revealed).get(revealed.map((i) => x[i]).join(','))!;
      for (const i of block) {
        const withI = marginal(p, q, n, [...revealed, i]).get([...revealed, i].map((j) => x[j]).join(','))!;
        qS *= withI / context;
      }
      revealed.push(...block);
    }
    kl += p[idx] * Math.log(p[idx] / qS);
  }
  return kl;
}

/** All k-subsets of the positions in `pool` (a bit mask), as bit masks. */
function subsetsOfSize(pool: number, k: number): number[] {
  const out: number[] = [];
  for (let s = pool; ; s = (s - 1) & pool) {
    let size = 0;
    for (let m = s; m !== 0; m &= m - 1) size++;
    if (size === k) out.push(s);
    if (s === 0) break;
  }
  return out;
}

/** The uniformly random reveal law with the given sizes, restricted to `pool(revealed)`. */
function uniformLaw(sizes: number[], pool: (revealed: number, step: number) => number) {
  return (revealed: number, step: number) => {
    const options = subsetsOfSize(pool(revealed, step) & ~revealed, sizes[step]);
    return options.map((set) => [set, 1 / options.length] as const);
  };
}

const joint = models.dirichlet(2, 6, { seed: 11 });
const profile = joint.profile();

describe('random size vectors', () => {
  it('expectedKLMixture is the probability-weighted sum of the EKLs', () => {
    const law = [{ probability: 0.25, sizes: [3, 3] }, { probability: 0.75, sizes: [1, 2, 3] }];
    expectClose(expectedKLMixture(profile, law), 0.25 * expectedKL(profile, [3, 3]).total + 0.75 * expectedKL(profile, [1, 2, 3]).total);
    expect(() => expectedKLMixture(profile, [{ probability: 0.5, sizes: [6] }])).toThrow('expectedKLMixture: distribution must be probabilities summing to 1 (within 1e-9); received a sum of 0.5.');
  });
});

describe('per-token Bernoulli (ancestral) reveal', () => {
  it('T = 1 reveals everything at once: TC', () => {
    const result = bernoulliExpectedKL(profile, (t) => 1 - t, 1);
    expectClose(result.total, joint.totalCorrelation());
    expect(result.expectedSteps).toBe(1);
  });

  it('matches an enumeration of every token\'s reveal step', () => {
    const n = 4;
    const small = models.markovChain(n, { flip: 0.2, q: 3 });
    const h = small.profile();
    const T = 3;
    const alpha = (t: number) => 1 - t * t; // revealed fraction, back-loaded
    // Per-step reveal probability of a still-masked token.
    const rate = (j: number) => (alpha(1 - j / T) - alpha(1 - (j - 1) / T)) / (1 - alpha(1 - (j - 1) / T));
    let want = 0;
    for (let code = 0; code < T ** n; code++) {
      const stepOf = digits(code, T, n).map((d) => d + 1); // reveal step of each token
      let probability = 1;
      for (const j of stepOf) {
        for (let before = 1; before < j; before++) probability *= 1 - rate(before);
        probability *= rate(j);
      }
      const sizes = Array.from({ length: T }, (_, j) => stepOf.filter((s) => s === j + 1).length).filter((s) => s > 0);
      want += probability * expectedKL(h, sizes).total;
    }
    expectClose(bernoulliExpectedKL(h, alpha, T).total, want);
  });
});

describe('non-exchangeable laws from subset entropies', () => {
  it('left-to-right chunks equal KL(p || q_S) computed from brute-force conditionals', () => {
    const small = models.dirichlet(3, 4, { seed: 5 });
    for (const sizes of [[2, 2], [1, 3], [4], [1, 1, 1, 1]]) {
      const partition: number[][] = [];
      let w = 0;
      for (const s of sizes) {
        partition.push(Array.from({ length: s }, (_, i) => w + i));
        w += s;
      }
      expectClose(leftToRightExpectedKL(small, sizes).total, bruteForcePathKL(small, partition));
    }
  });

  it('one semi-autoregressive block of length n is the uniformly random order: the profile formula', () => {
    for (const sizes of [[2, 2, 2], [1, 2, 3], [6]]) {
      expectClose(semiAutoregressiveExpectedKL(joint, { blockLength: 6, sizes }).total, expectedKL(profile, sizes).total);
    }
  });

  it('semi-autoregressive blocks equal the DP over revealed sets of the same law', () => {
    const L = 3;
    const inner = [1, 2];
    const law = (revealed: number, step: number) => {
      const block = Math.floor(step / inner.length);
      const within = uniformLaw(inner, () => (2 ** L - 1) << (block * L));
      return within(revealed, step % inner.length);
    };
    expectClose(semiAutoregressiveExpectedKL(joint, { blockLength: L, sizes: inner }).total, revealLawExpectedKL(joint, law));
    expectClose(semiAutoregressiveExpectedKL(joint, { blockLength: 2, stepsPerBlock: 1 }).total, leftToRightExpectedKL(joint, [2, 2, 2]).total);
  });

  it('the DP over revealed sets reproduces the profile formula for uniformly random sets', () => {
    const sizes = [2, 1, 3];
    expectClose(revealLawExpectedKL(joint, uniformLaw(sizes, () => 0b111111)), expectedKL(profile, sizes).total);
  });

  it('rejects bad laws and blocks', () => {
    expect(() => semiAutoregressiveExpectedKL(joint, { blockLength: 4, stepsPerBlock: 2 })).toThrow('semiAutoregressiveExpectedKL: options.blockLength must be a divisor of n = 6; received 4.');
    expect(() => revealLawExpectedKL(joint, () => [[0, 1]])).toThrow('revealLawExpectedKL: law must be non-empty sets of masked positions; received set 0 from revealed set 0.');
    expect(() => leftToRightExpectedKL(joint, [3, 2])).toThrow('leftToRightExpectedKL: sizes must be step sizes summing to n = 6; received [3, 2] (sum 5).');
  });
});
