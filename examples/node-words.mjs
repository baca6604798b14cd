// The entropy profile of real data: English five-letter words, and how to unmask them.
//   npm run build && node examples/node-words.mjs
//
// datasets.words() holds 12,578 words; Joint.fromSamples makes their empirical law, a joint over
// [26]^5 whose support (12,578 rows) is a thousandth of its 11.9 million cells, so it comes back
// as a SparseJoint: every measure is computed over the support. D(j), the average entropy of one
// more letter once j random others are known, falls fast: letters of a word constrain each other.
// The optimal K-step schedule (schedules.optimal) spends its steps where D still falls.
import { Joint, SparseJoint, datasets, expectedKL, schedules } from '../dist/index.js';

const bits = { base: 2 };
const { rows, alphabet, description } = datasets.words();
const words = Joint.fromSamples(rows, { alphabet });
console.log(`${description}: a ${words instanceof SparseJoint ? 'SparseJoint' : 'Joint'}, support ${words.support} of ${words.size} cells`);
console.log(`  H = ${words.entropy(bits).toFixed(4)} bits (log2 of the number of words: every word once)`);
console.log(`  TC = ${words.totalCorrelation(bits).toFixed(4)} bits, DTC = ${words.dualTotalCorrelation(bits).toFixed(4)} bits`);

const { h, D } = words.profile(bits);
console.log('\n  j   h(j)     D(j)   (bits)');
h.forEach((value, j) => console.log(`  ${j}  ${value.toFixed(4).padStart(7)}  ${j < D.length ? D[j].toFixed(4) : ''}`));

const profile = words.profile(); // nats, as schedules take it
console.log('\n  K  optimal sizes   E KL (bits)  constant E KL (bits)');
for (let K = 2; K <= 5; K++) {
  const best = schedules.optimal(profile, K);
  const constant = expectedKL(profile, schedules.constant(5, K)).total;
  console.log(`  ${K}  ${JSON.stringify(best.sizes).padEnd(14)}  ${(best.expectedKL / Math.LN2).toFixed(4).padStart(11)}  ${(constant / Math.LN2).toFixed(4).padStart(20)}`);
}
