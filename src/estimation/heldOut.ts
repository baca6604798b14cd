// Held-out estimation (Jelinek and Mercer, "Probability distribution estimation from sparse
// data", IBM Tech. Disclosure Bull. 1985; compared with Good-Turing by Church and Gale,
// Computer Speech and Language 1991): Good-Turing's question, "how much probability do the
// cells seen r times carry?", answered by a second, independent sample instead of by the
// counts of counts. Ye, Feldman and Talwar (2025) describe their instance-optimal estimators
// as a "sampling-twice modification of Good-Turing"; held-out estimation is the classical
// two-sample form of Good-Turing, and this is that plain estimator, not their (private) algorithm.
//
// With training counts c_x (m samples) and held-out counts h_x (m' samples, independent):
//   N_r = #{x : c_x = r},  T_r = sum_{x : c_x = r} h_x,  p(x) = T_{c_x} / (N_{c_x} m').
// E[T_r / m'] is exactly the expected total probability of the cells seen r times (Good's
// (r + 1) N_{r+1} / m estimates the same thing); the estimate sums to 1. A group no held-out
// sample falls in gets 0 (so may the unseen cells).

import { countsOfCounts } from './goodTuring.js';

/** out[x] = T_{c_x} / (N_{c_x} m'), `heldOut` the held-out counts (m' of them). */
export function heldOutEstimate(counts: Float64Array, heldOut: Float64Array, mHeldOut: number, out: Float64Array): void {
  const N = countsOfCounts(counts);
  const totals = new Float64Array(N.length);
  for (let x = 0; x < counts.length; x++) totals[counts[x]] += heldOut[x];
  for (let x = 0; x < counts.length; x++) out[x] = totals[counts[x]] / (N[counts[x]] * mHeldOut);
}
