// Exact information measures of two small models, in bits.
//   npm run build && node examples/node-measures.mjs
//
// A Markov chain's dependence is local (each token talks only to its neighbours); an Ising grid
// couples neighbours in two directions. The entropy profile shows how that dependence is spread
// out: h(j) is the average entropy of j positions, D(j) = h(j+1) - h(j) the average entropy of one
// more token once j random others are known. Unmasking one token at a time pays nothing; revealing
// many at once ignores their dependence, and TC is the price of revealing all n in a single step.
import { ready, models } from '../dist/index.js';

await ready(); // compiles the inlined WebAssembly once; everything after is synchronous

const bits = { base: 2 };

function report(title, joint) {
  const H = joint.entropy(bits);
  const TC = joint.totalCorrelation(bits);
  const DTC = joint.dualTotalCorrelation(bits);
  console.log(`\n${title}: q = ${joint.q}, n = ${joint.n}, ${joint.size} cells`);
  console.log(`  H   = ${H.toFixed(6)} bits   (uncertainty of the whole sequence; at most n log2 q = ${joint.n * Math.log2(joint.q)})`);
  console.log(`  TC  = ${TC.toFixed(6)} bits   (sum of marginal entropies minus H: redundancy)`);
  console.log(`  DTC = ${DTC.toFixed(6)} bits   (H minus what each token keeps to itself: shared by 2+ tokens)`);

  // D(j) never increases: knowing more tokens can only make the next one more predictable.
  // D(0) is the entropy of a lone token, D(n-1) what remains once all the others are known.
  const { h, D } = joint.profile(bits);
  console.log('   j      h(j)      D(j)');
  for (let j = 0; j <= joint.n; j++) {
    const d = j < joint.n ? D[j].toFixed(6) : '';
    console.log(`  ${String(j).padStart(2)}  ${h[j].toFixed(6).padStart(9)}  ${d.padStart(9)}`.trimEnd());
  }
}

// Each bit copies the previous one but flips with probability 0.1: strongly redundant (TC large),
// and every revealed token makes the next one easier to guess, so D falls steadily from 1 bit.
report('Markov chain, n = 8, flip 0.1', models.markovChain(8, { flip: 0.1 }));

// A ferromagnetic 3 x 4 Ising grid (J = 0.4, no field): spins like to agree with the ones
// around them, so the dependence is spread over more neighbours than in the chain.
report('Ising grid 3 x 4, J = 0.4', models.ising2d(3, 4, { J: 0.4 }));

// XOR of 3 bits (parity): any two bits look independent, all three are tied together. TC is
// 1 bit but DTC is 2 bits, and D is flat at 1 bit until the last token, which is determined.
report('Parity (XOR), q = 2, n = 3', models.parity(2, 3));
