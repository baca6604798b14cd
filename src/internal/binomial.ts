/** C(n, k), exact while it fits 53 bits (each partial product is itself a binomial coefficient). */
export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
