// Good-Turing estimation (Good, "The population frequencies of species and the estimation of
// population parameters", Biometrika 1953, after Turing), in the form below; every step is
// written out so that the estimate can be checked by hand.
//
// Counts of counts N_r = #{x : c_x = r}. A cell seen r >= 1 times gets the adjusted count
//   r* = (r + 1) N_{r+1} / N_r   when r <= threshold and N_{r+1} > 0,
//   r* = r                      otherwise (no cell was seen r + 1 times, or r is above the
//                               threshold: frequent cells keep their empirical count).
// The threshold defaults to 5, Katz's choice (IEEE Trans. ASSP 1987): above it the counts of
// counts are too few for r* to beat r (with threshold Infinity, Turing's r* for every r, the
// KL risk of a Dirichlet(1) table over 2^10 cells at m = 1e5 is 30 times the add-1/2 rule's).
// The unseen cells (N_0 of them) share Turing's missing-mass estimate M_0 = N_1 / m equally;
// the seen cells share 1 - M_0 in proportion to r*, the renormalisation of Gale and Sampson,
// "Good-Turing frequency estimation without tears", J. Quantitative Linguistics 1995:
//   p(x) = M_0 / N_0                          if c_x = 0,
//   p(x) = (1 - M_0) r*_x / sum_{y seen} r*_y  if c_x > 0,
// with M_0 = 0 when no cell is unseen (N_0 = 0). When N_1 = 0 the unseen cells get 0, and when
// every sample is a singleton (N_1 = m) the seen cells get 0: Turing's estimate as it stands.

/** Counts of counts: N[r] = #{x : c_x = r}, r = 0..max c (+1 slot so N[r + 1] is always defined). */
export function countsOfCounts(counts: Float64Array): Float64Array {
  let top = 0;
  for (let x = 0; x < counts.length; x++) top = Math.max(top, counts[x]);
  const N = new Float64Array(top + 2);
  for (let x = 0; x < counts.length; x++) N[counts[x]]++;
  return N;
}

/** The adjusted count r* of a cell seen r >= 1 times, from the counts of counts N. */
export function adjustedCount(N: Float64Array, r: number, threshold: number): number {
  return r <= threshold && N[r + 1] > 0 ? ((r + 1) * N[r + 1]) / N[r] : r;
}

/** out[x] = the Good-Turing estimate above, from counts totalling m. */
export function goodTuringEstimate(counts: Float64Array, m: number, threshold: number, out: Float64Array): void {
  const N = countsOfCounts(counts);
  const unseen = N[0];
  const missing = unseen > 0 ? N[1] / m : 0;
  const adjusted = new Float64Array(N.length);
  let seenTotal = 0;
  for (let r = 1; r < N.length; r++) {
    if (N[r] === 0) continue;
    adjusted[r] = adjustedCount(N, r, threshold);
    seenTotal += N[r] * adjusted[r];
  }
  for (let x = 0; x < counts.length; x++) {
    const r = counts[x];
    out[x] = r === 0 ? missing / unseen : ((1 - missing) * adjusted[r]) / seenTotal;
  }
}
