// Every measure against every case of the independent numpy reference, 1e-12 absolute (nats).
import { describe, expect, it } from 'vitest';
import { Joint, kl, jensenShannon, crossEntropy, models } from '../src/index.js';
import { referenceCases } from './support/reference.js';

const TOLERANCE = 1e-12;

function expectClose(got: number, want: number, label: string): void {
  if (!(Math.abs(got - want) <= TOLERANCE)) {
    throw new Error(`${label}: got ${got}, want ${want}, |Δ| = ${Math.abs(got - want)} > ${TOLERANCE}`);
  }
}

function expectAllClose(got: ArrayLike<number>, want: readonly number[], label: string): void {
  expect(got.length, `${label} length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) expectClose(got[i], want[i], `${label}[${i}]`);
}

describe.each(referenceCases)('reference case $name (q=$q, n=$n)', (c) => {
  const joint = Joint.fromProbabilities(c.q, c.n, c.pmf);

  it('entropy and the per-position entropies match', () => {
    expectClose(joint.entropy(), c.entropy, 'entropy');
    expectAllClose(joint.marginalEntropies(), c.marginal_entropies, 'marginal entropies');
    expectAllClose(joint.leaveOneOutEntropies(), c.leave_one_out_entropies, 'leave-one-out entropies');
  });

  it('TC, DTC and their relatives match', () => {
    expectClose(joint.totalCorrelation(), c.total_correlation, 'TC');
    expectClose(joint.dualTotalCorrelation(), c.dual_total_correlation, 'DTC');
    expectClose(joint.oInformation(), c.o_information, 'O-information');
    expectClose(joint.sInformation(), c.s_information, 'S-information');
    expectClose(joint.residualEntropy(), c.residual_entropy, 'residual entropy');
  });

  it('all subset entropies, the profile, co-information and TSE match', () => {
    expectAllClose(joint.subsetEntropies(), c.subset_entropies, 'H(X_A)');
    const { h, D } = joint.profile();
    expectAllClose(h, c.profile_h, 'h');
    expectAllClose(D, c.profile_D, 'D');
    expectClose(joint.coinformation(), c.coinformation, 'co-information');
    expectClose(joint.tseComplexity(), c.tse_complexity, 'TSE complexity');
  });

  it('KL to the uniform, to the product of marginals and to the half-uniform mixture match', () => {
    const uniform = models.uniform(c.q, c.n);
    expectClose(kl(joint, uniform), c.kl_to_uniform, 'KL(p || uniform)');
    const marginals = joint.marginals();
    const product = models.product(Array.from({ length: c.n }, (_, i) => Array.from(marginals.subarray(i * c.q, (i + 1) * c.q))));
    expectClose(kl(joint, product), c.kl_to_product_of_marginals, 'KL(p || product of marginals)');
    const p = joint.probabilities();
    const half = Joint.fromProbabilities(c.q, c.n, p.map((v) => 0.5 * v + 0.5 / c.q ** c.n));
    expectClose(kl(joint, half), c.kl_to_half_uniform_mix, 'KL(p || p/2 + uniform/2)');
    expectClose(crossEntropy(joint, uniform), c.n * Math.log(c.q), 'H(p, uniform) = n log q');
    expect(jensenShannon(joint, joint)).toBe(0);
  });
});
