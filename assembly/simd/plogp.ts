// Sum of x log x over a block of float64, with 0 log 0 = 0.
import { vlog, vlogNormalAt } from './vlog';

// @ts-ignore: decorator
@inline const LARGEST_SUBNORMAL: f64 = reinterpret<f64>(0x000FFFFFFFFFFFFF); // 2^-1022 - 2^-1074

/** Lane-wise bits(v) - 1 as float64: below LARGEST_SUBNORMAL exactly for subnormal v > 0; NaN
 *  for v = 0 (all ones), which never wins as the second operand of f64x2.pmin. */
// @ts-ignore: decorator
@inline function belowNormal(v: v128): v128 {
  return i64x2.sub(v, i64x2.splat(1));
}

/** x log x for the two values at p, x = v128.load(p): exact for normal x, 0 for x = 0. */
// @ts-ignore: decorator
@inline function plogpAt(p: usize, x: v128): v128 {
  return f64x2.mul(x, vlogNormalAt(p, x));
}

/** x log x lane-wise on the exact path: any x >= 0 (0 log 0 = 0, subnormals included). */
// @ts-ignore: decorator
@inline function plogpExact(x: v128): v128 {
  return v128.and(f64x2.mul(x, vlog(x)), f64x2.gt(x, f64x2.splat(0)));
}

/** Sum over i < len of x_i log x_i (x_i >= 0 finite; zero cells contribute 0). Plain SIMD sum,
 *  for blocks of at most a few thousand values; callers add block results with compensation.
 *  Fast path: 8 values per step with vlog's normal-only core (whose finite value at 0 is
 *  multiplied by 0); a block that holds a subnormal value is summed again on the exact path. */
export function plogpBlock(x: usize, len: i32): f64 {
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let low = f64x2.splat(1);
  let i = 0;
  for (; i + 8 <= len; i += 8) {
    const p = x + (<usize>i << 3);
    const v0 = v128.load(p);
    const v1 = v128.load(p, 16);
    const v2 = v128.load(p, 32);
    const v3 = v128.load(p, 48);
    acc0 = f64x2.add(acc0, f64x2.add(plogpAt(p, v0), plogpAt(p + 32, v2)));
    acc1 = f64x2.add(acc1, f64x2.add(plogpAt(p + 16, v1), plogpAt(p + 48, v3)));
    low = f64x2.pmin(f64x2.pmin(low, f64x2.pmin(belowNormal(v0), belowNormal(v1))),
      f64x2.pmin(belowNormal(v2), belowNormal(v3)));
  }
  if (v128.any_true(f64x2.lt(low, f64x2.splat(LARGEST_SUBNORMAL)))) return plogpBlockExact(x, len);
  for (; i < len; i += 2) {
    const p = x + (<usize>i << 3);
    // Pad a lone last value with 1 (1 log 1 = 0).
    const v = i + 2 <= len ? v128.load(p) : f64x2.replace_lane(f64x2.splat(1.0), 0, load<f64>(p));
    acc0 = f64x2.add(acc0, plogpExact(v));
  }
  const acc = f64x2.add(acc0, acc1);
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}

/** plogpBlock on the exact path for every lane (blocks holding subnormal values). */
function plogpBlockExact(x: usize, len: i32): f64 {
  let acc = f64x2.splat(0);
  for (let i = 0; i < len; i += 2) {
    const p = x + (<usize>i << 3);
    const v = i + 2 <= len ? v128.load(p) : f64x2.replace_lane(f64x2.splat(1.0), 0, load<f64>(p));
    acc = f64x2.add(acc, plogpExact(v));
  }
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}
