// The differentially private estimate: the Laplace mechanism on the histogram (Dwork, McSherry,
// Nissim, Smith, "Calibrating noise to sensitivity in private data analysis", TCC 2006), then
// truncation at 0, a pseudo-count and normalisation, the shape of the minimax private
// estimator of Ye, Feldman, Talwar ("Instance-optimality for private KL distribution
// estimation", 2025: a truncated Laplace perturbation of the empirical counts).
//
// Neighbouring data sets: m samples, one of them replaced by another symbol. That moves one
// unit of count from one cell to another, so the histogram has L1 sensitivity 2, and adding
// independent Laplace(2 / epsilon) noise to every cell is epsilon-DP (pure, delta = 0); m
// itself is public. Truncation, the pseudo-count and the normalisation only read the noisy
// histogram (post-processing), so the estimate is epsilon-DP too:
//   c~_x = c_x + Z_x,  Z_x ~ Laplace(2 / epsilon) iid,
//   p(x) = (max(c~_x, 0) + alpha) / sum_y (max(c~_y, 0) + alpha).
// Floating-point noise is not exactly Laplace (Mironov, CCS 2012): the guarantee is that of
// the idealised mechanism.

/** L1 sensitivity of the histogram of m samples when one sample is replaced. */
export const HISTOGRAM_SENSITIVITY = 2;

/** out[x] = (max(c_x + Z_x, 0) + alpha) / (their total), with the noise Z_x in `out` on entry. */
export function privateEstimate(counts: Float64Array, alpha: number, out: Float64Array): void {
  let total = 0;
  for (let x = 0; x < counts.length; x++) {
    out[x] = Math.max(counts[x] + out[x], 0) + alpha;
    total += out[x];
  }
  for (let x = 0; x < counts.length; x++) out[x] /= total;
}
