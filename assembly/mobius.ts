// Möbius inversion over the order "y <= x when y is x with some non-zero digits set to 0", and
// its inverse (the zeta transform), in place over a dense row-major q^n table. For q = 2 this is
// the subset lattice: the fast Möbius transform (Kennes & Smets 1990; Björklund et al. 2007).
// Both are n axis passes: along axis i, every slice with digit v != 0 takes -/+ the slice with
// digit 0, O(n q^n). The upper zeta transform sums the other way: the slice with digit 0 takes
// every slice with digit v != 0, so cell z ends with the sum over the cells that agree with z
// wherever z is not 0 (a marginal of x at z's non-zero digits).

/** dst[t] -= src[t] (subtract) or dst[t] += src[t] for t < len. */
// @ts-ignore: decorator
@inline function combine(dst: usize, src: usize, len: usize, subtract: bool): void {
  let i: usize = 0;
  for (; i + 2 <= len; i += 2) {
    const d = v128.load(dst + (i << 3));
    const s = v128.load(src + (i << 3));
    v128.store(dst + (i << 3), subtract ? f64x2.sub(d, s) : f64x2.add(d, s));
  }
  if (i < len) {
    const d = load<f64>(dst + (i << 3));
    const s = load<f64>(src + (i << 3));
    store<f64>(dst + (i << 3), subtract ? d - s : d + s);
  }
}

/**
 * The n axis passes, each combining the slice of every value v > 0 with the slice of 0 in the
 * same block: into the slice of v (downward: Möbius, zeta) or into the slice of 0 (upward:
 * upper zeta). For the last axis (runs of one cell) q consecutive cells at a time.
 */
// @ts-ignore: decorator
@inline function axisPasses(x: usize, q: i32, n: i32, subtract: bool, upward: bool): void {
  let b: usize = 1;
  for (let k = 0; k < n - 1; k++) b *= <usize>q;
  let a: usize = 1;
  for (let i = 0; i < n; i++) {
    const sliceBytes = b << 3;
    const blockBytes = sliceBytes * <usize>q;
    for (let r: usize = 0; r < a; r++) {
      const zero = x + r * blockBytes;
      for (let v = 1; v < q; v++) {
        const slice = zero + <usize>v * sliceBytes;
        if (upward) combine(zero, slice, b, subtract);
        else combine(slice, zero, b, subtract);
      }
    }
    a *= <usize>q;
    b /= <usize>q;
  }
}

export function mobiusTransform(x: usize, q: i32, n: i32): void {
  axisPasses(x, q, n, true, false);
}

/** x(y) -> sum over z <= y of x(z), in place: the inverse of mobiusTransform. */
export function zetaTransform(x: usize, q: i32, n: i32): void {
  axisPasses(x, q, n, false, false);
}

/** x(z) -> sum over y >= z of x(y) (y agrees with z wherever z is not 0), in place. */
export function upperZetaTransform(x: usize, q: i32, n: i32): void {
  axisPasses(x, q, n, false, true);
}
