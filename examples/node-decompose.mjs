// Where does the dependence live? TC split by interaction order, and sparse log-linear models.
//   npm run build && node examples/node-decompose.mjs
//
// For each model, p^(k) is the maximum-entropy table with p's k-position marginals, and the
// connected information I^(k) = H(p^(k-1)) - H(p^(k)) is what order k adds; the I^(k) sum to TC.
// A Markov chain and an Ising grid are pairwise (all of TC at k = 2); the parity bit is pure
// n-th order (all of TC at k = n); a mixture of two product tables spreads over every order.
// Then the mode selection of Enouen & Sugiyama: keep the m largest log-linear parameters |θ_A|
// (p_m ∝ exp(sum of the kept θ)). With p's own values, dropping modes can make p_m far worse
// than uniform (the kept parameters no longer balance); refitted by maximum likelihood, KL
// falls with every mode kept. This mixture's largest parameter is its 6th-order one.
import { Joint, ready, decompose, models, selectModes } from '../dist/index.js';

await ready();

/** Two product tables mixed half and half: positions agree more than chance, at every order. */
function mixture(n, a, b) {
  const one = models.product(Array.from({ length: n }, () => [1 - a, a])).probabilities();
  const two = models.product(Array.from({ length: n }, () => [1 - b, b])).probabilities();
  return Joint.fromProbabilities(2, n, one.map((v, i) => (v + two[i]) / 2));
}

const cases = [
  ['Markov chain, n = 6, flip 0.1', models.markovChain(6, { flip: 0.1 })],
  ['Ising grid 2 × 3, J = 0.4', models.ising2d(2, 3, { J: 0.4 })],
  ['parity, n = 6', models.parity(2, 6)],
  ['mixture of two products, n = 6', mixture(6, 0.1, 0.8)],
];
const bits = (v) => (Math.abs(v) < 5e-10 ? '0' : v.toFixed(4)).padStart(8);

console.log('Connected information I^(k) in bits, k = 2..6 (sums to TC)');
console.log(['model'.padEnd(34), ...[2, 3, 4, 5, 6].map((k) => `I^(${k})`.padStart(8)), 'TC'.padStart(8)].join(''));
for (const [name, p] of cases) {
  const d = decompose(p, { base: 2 });
  console.log([name.padEnd(34), ...d.orders.slice(1).map((o) => bits(o.connectedInformation)), bits(d.totalCorrelation)].join(''));
}

console.log('\nMode selection on the mixture, KL(p || p_m) in bits keeping the m largest |θ_A| (63 in all):');
console.log("p's own θ for the kept modes, then the kept modes refitted by maximum likelihood");
const p = cases[3][1];
for (const m of [0, 6, 12, 21, 35, 50]) {
  const raw = selectModes(p, m, { base: 2 });
  const fit = selectModes(p, m, { base: 2, refit: true });
  const orders = Array.from(raw.modes, (A) => A.toString(2).replace(/0/g, '').length);
  const note = fit.refit.converged ? '' : ` (refit not converged in ${fit.refit.iterations} sweeps)`;
  console.log(`  m = ${String(m).padStart(2)}: ${bits(raw.kl)} ${bits(fit.kl)}   orders kept: ${orders.join('') || '-'}${note}`);
}
