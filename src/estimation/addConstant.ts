// The plug-in (empirical) estimate and the add-constant family (Lidstone 1920): Laplace's
// add-one rule, the Krichevsky-Trofimov add-1/2 rule (IEEE Trans. Inf. Theory 1981), any alpha.

/** out[x] = c_x / m, the empirical (maximum-likelihood) estimate. */
export function pluginEstimate(counts: Float64Array, m: number, out: Float64Array): void {
  for (let x = 0; x < counts.length; x++) out[x] = counts[x] / m;
}

/** out[x] = (c_x + alpha) / (m + K alpha) over K = counts.length cells, alpha > 0. */
export function addConstantEstimate(counts: Float64Array, m: number, alpha: number, out: Float64Array): void {
  const total = m + counts.length * alpha;
  for (let x = 0; x < counts.length; x++) out[x] = (counts[x] + alpha) / total;
}
