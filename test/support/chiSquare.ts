// The chi-square distribution, for goodness-of-fit thresholds at a stated false-alarm rate:
// P(chi2_k <= x) = P(k/2, x/2), the regularised lower incomplete gamma function (series for
// x < a + 1, Lentz's continued fraction otherwise; Numerical Recipes §6.2), inverted by bisection.

/** ln Gamma(a) for a > 0 (Lanczos, g = 7, 9 terms). */
function logGamma(a: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const x = a - 1;
  let s = c[0];
  for (let i = 1; i < 9; i++) s += c[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Regularised lower incomplete gamma P(a, x). */
function lowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 10000 && Math.abs(term) > Math.abs(sum) * 1e-16; k++) {
      term *= x / (a + k);
      sum += term;
    }
    return front * sum;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - front * h;
}

/** P(chi2 with k degrees of freedom <= x). */
export function chiSquareCdf(x: number, k: number): number {
  return lowerGamma(k / 2, x / 2);
}

/** The x with P(chi2_k > x) = alpha (bisection on the CDF). */
export function chiSquareQuantile(alpha: number, k: number): number {
  let lo = 0;
  let hi = k + 20 * Math.sqrt(2 * k) + 100;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (1 - chiSquareCdf(mid, k) > alpha) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
