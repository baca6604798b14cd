// Accuracy at q^n = 2^26 cells (512 MiB tables): the kernels' blocked, compensated sums against
// closed forms and an independent compensated JS sum.
import { describe, expect, it } from 'vitest';
import { models } from '../src/index.js';

const LN2 = Math.log(2);
const hb = (f: number) => -(f * Math.log(f) + (1 - f) * Math.log(1 - f));

describe('tables of 2^26 cells', () => {
  it('Markov chain n = 26: H = log 2 + 25 h(f) and TC = 25 (log 2 - h(f)) to 1e-12', () => {
    const chain = models.markovChain(26, { flip: 0.1 });
    expect(Math.abs(chain.entropy() - (LN2 + 25 * hb(0.1)))).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(chain.totalCorrelation() - 25 * (LN2 - hb(0.1)))).toBeLessThanOrEqual(1e-12);
    chain.dispose();
  });

  it('Dirichlet(1) table of 2^26 cells: entropy equals a Neumaier-compensated JS sum to 1e-12', () => {
    const joint = models.dirichlet(2, 26, { seed: 7 });
    const p = joint.probabilities();
    let sum = 0;
    let compensation = 0;
    for (let i = 0; i < p.length; i++) {
      const x = p[i] > 0 ? -p[i] * Math.log(p[i]) : 0;
      const t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
    }
    expect(Math.abs(joint.entropy() - (sum + compensation))).toBeLessThanOrEqual(1e-12);
    joint.dispose();
  });
});
