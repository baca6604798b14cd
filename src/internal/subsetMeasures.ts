// Measures read off the 2^n subset entropies H(X_A) (DESIGN.md §3), shared by the dense Joint
// and the SparseJoint: the entropy profile, the co-information and the TSE complexity.
import { fsum } from './fsum.js';
import { binomial, popcount } from './subsetMasks.js';

/** Entropy profile: h[j] = mean over |A| = j of H(X_A), j = 0..n; D[j] = h[j+1] - h[j]. */
export interface Profile {
  h: Float64Array;
  D: Float64Array;
}


/** h(j) = mean of subsets[A] over |A| = j (each level summed with compensation), D(j) = h(j+1) - h(j). */
export function profileFromSubsets(subsets: Float64Array, n: number): Profile {
  const byLevel = Array.from({ length: n + 1 }, (_, j) => new Float64Array(binomial(n, j)));
  const filled = new Int32Array(n + 1);
  for (let mask = 0; mask < subsets.length; mask++) {
    const j = popcount(mask);
    byLevel[j][filled[j]++] = subsets[mask];
  }
  const h = Float64Array.from(byLevel, (level) => fsum(level) / level.length);
  const D = Float64Array.from({ length: n }, (_, j) => h[j + 1] - h[j]);
  return { h, D };
}

/** Co-information -sum_{A nonempty} (-1)^|A| H(X_A) (Bell 2003), summed with compensation. */
export function coinformationFromSubsets(subsets: Float64Array): number {
  const terms = new Float64Array(subsets.length);
  for (let mask = 1; mask < subsets.length; mask++) terms[mask] = popcount(mask) % 2 === 1 ? subsets[mask] : -subsets[mask];
  return fsum(terms);
}

/** TSE complexity sum_{k=1}^{n-1} [h(k) - (k/n) h(n)] (Tononi, Sporns, Edelman 1994). */
export function tseFromProfile(h: Float64Array, n: number): number {
  const terms = new Float64Array(Math.max(0, n - 1));
  for (let k = 1; k < n; k++) terms[k - 1] = h[k] - (k / n) * h[n];
  return fsum(terms);
}
