// Independent, deliberately naive implementations for tests: enumerate every x in [q]^n.

/** The digits of flat index idx (position 0 most significant). */
export function digits(idx: number, q: number, n: number): number[] {
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    x[i] = idx % q;
    idx = Math.floor(idx / q);
  }
  return x;
}

/** Marginal law of the given positions, keyed by their values joined with ','. */
export function marginal(p: ArrayLike<number>, q: number, n: number, positions: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let idx = 0; idx < p.length; idx++) {
    const x = digits(idx, q, n);
    const key = positions.map((i) => x[i]).join(',');
    out.set(key, (out.get(key) ?? 0) + p[idx]);
  }
  return out;
}

/** -sum v log v over the values (0 log 0 = 0). */
export function entropyOf(values: Iterable<number>): number {
  let h = 0;
  for (const v of values) if (v > 0) h -= v * Math.log(v);
  return h;
}

/** H(X_B | X_A) = sum_{x_A} p(x_A) H(X_B | X_A = x_A), by conditioning explicitly. */
export function conditionalEntropy(p: ArrayLike<number>, q: number, n: number, b: readonly number[], a: readonly number[]): number {
  const joint = marginal(p, q, n, [...a, ...b]);
  const context = marginal(p, q, n, a);
  let h = 0;
  for (const [key, pab] of joint) {
    if (pab <= 0) continue;
    const pa = context.get(key.split(',').slice(0, a.length).join(','))!;
    h -= pab * Math.log(pab / pa);
  }
  return h;
}

/** The table of X permuted: out[x] = p[y] with y_{perm[i]} = x_i (position perm[i] becomes i). */
export function permutePositions(p: ArrayLike<number>, q: number, n: number, perm: readonly number[]): Float64Array {
  const out = new Float64Array(p.length);
  for (let idx = 0; idx < p.length; idx++) {
    const x = digits(idx, q, n);
    const y = new Array<number>(n);
    for (let i = 0; i < n; i++) y[perm[i]] = x[i];
    out[idx] = p[y.reduce((acc, v) => acc * q + v, 0)];
  }
  return out;
}
