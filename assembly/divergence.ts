// Divergences between two tables of the same shape, nats. Convention (scipy's rel_entr):
// a cell with p = 0 contributes 0; p > 0 = r makes KL and cross-entropy +Infinity.
import { BLOCK, sumReset, sumAdd, sumTotal } from './simd/compensated';
import { vlog } from './simd/vlog';

/** Lane-wise (p > 0) & (r == 0): the cells that make KL and cross-entropy infinite. */
// @ts-ignore: decorator
@inline function unsupported(p: v128, r: v128): v128 {
  return v128.and(f64x2.gt(p, f64x2.splat(0)), f64x2.eq(r, f64x2.splat(0)));
}

/** Loads cells i, i+1 of x, padding past len with `pad`. */
// @ts-ignore: decorator
@inline function loadPair(x: usize, i: usize, len: usize, pad: f64): v128 {
  return i + 2 <= len ? v128.load(x + (i << 3)) : f64x2.replace_lane(f64x2.splat(pad), 0, load<f64>(x + (i << 3)));
}

/** KL(p || r) = sum_x p(x) log(p(x) / r(x)); +Infinity if r(x) = 0 < p(x) somewhere. */
export function klDivergence(p: usize, r: usize, len: usize): f64 {
  const zero = f64x2.splat(0);
  let bad = zero;
  sumReset();
  for (let i0: usize = 0; i0 < len; i0 += <usize>BLOCK) {
    const i1 = min<usize>(len, i0 + <usize>BLOCK);
    let acc = zero;
    for (let i = i0; i < i1; i += 2) {
      const pv = loadPair(p, i, len, 0);
      const rv = loadPair(r, i, len, 1);
      const ratio = f64x2.div(pv, rv);
      // p / r overflows when r is subnormal (e.g. 0.5 / 1e-310): then log p - log r instead.
      const overflow = f64x2.eq(ratio, f64x2.splat(Infinity));
      let logRatio = vlog(ratio);
      if (v128.any_true(overflow)) logRatio = v128.bitselect(f64x2.sub(vlog(pv), vlog(rv)), logRatio, overflow);
      const t = f64x2.mul(pv, logRatio);
      acc = f64x2.add(acc, v128.and(t, f64x2.gt(pv, zero)));
      bad = v128.or(bad, unsupported(pv, rv));
    }
    sumAdd(f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1));
  }
  return v128.any_true(bad) ? Infinity : sumTotal();
}

/** Cross-entropy H(p, r) = -sum_x p(x) log r(x); +Infinity if r(x) = 0 < p(x) somewhere. */
export function crossEntropy(p: usize, r: usize, len: usize): f64 {
  const zero = f64x2.splat(0);
  let bad = zero;
  sumReset();
  for (let i0: usize = 0; i0 < len; i0 += <usize>BLOCK) {
    const i1 = min<usize>(len, i0 + <usize>BLOCK);
    let acc = zero;
    for (let i = i0; i < i1; i += 2) {
      const pv = loadPair(p, i, len, 0);
      const rv = loadPair(r, i, len, 1);
      const t = f64x2.mul(pv, vlog(rv));
      acc = f64x2.add(acc, v128.and(t, f64x2.gt(pv, zero)));
      bad = v128.or(bad, unsupported(pv, rv));
    }
    sumAdd(f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1));
  }
  return v128.any_true(bad) ? Infinity : -sumTotal();
}

/**
 * Jensen-Shannon divergence JS(p, r) = KL(p || m)/2 + KL(r || m)/2, m = (p + r)/2, summed as
 * p log(2p / (p + r)) + r log(2r / (p + r)) per cell, each term only where its weight is > 0.
 */
export function jensenShannon(p: usize, r: usize, len: usize): f64 {
  const zero = f64x2.splat(0);
  const two = f64x2.splat(2);
  sumReset();
  for (let i0: usize = 0; i0 < len; i0 += <usize>BLOCK) {
    const i1 = min<usize>(len, i0 + <usize>BLOCK);
    let acc = zero;
    for (let i = i0; i < i1; i += 2) {
      const pv = loadPair(p, i, len, 0);
      const rv = loadPair(r, i, len, 0);
      const mix = f64x2.add(pv, rv);
      const tp = f64x2.mul(pv, vlog(f64x2.div(f64x2.mul(two, pv), mix)));
      const tr = f64x2.mul(rv, vlog(f64x2.div(f64x2.mul(two, rv), mix)));
      acc = f64x2.add(acc, v128.and(tp, f64x2.gt(pv, zero)));
      acc = f64x2.add(acc, v128.and(tr, f64x2.gt(rv, zero)));
    }
    sumAdd(f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1));
  }
  return 0.5 * sumTotal();
}
