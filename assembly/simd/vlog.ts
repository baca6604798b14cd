// Natural logarithm of two float64 lanes at once, without division.
// see: musl/src/math/log.c (ARM optimized-routines, Szabolcs Nagy 2018): the same reduction and
// polynomial, with our own table (simd/logTable.ts) whose interval around 1 has c = 1, so inputs
// near 1 need no separate path. Measured against Math.log in assembly/__tests__/ and test/.
//
// x = 2^k z with z in [OFF, 2 OFF), OFF = 0x3FE6100000000000 (about 0.6895): bits 45..51 of
// bits(x) - OFF pick the table entry (1/c, log c, c); with r = (z - c) (1/c), |r| < 2^-8,
//   log(x) = [k ln2_hi + log c] + r + k ln2_lo + r^2 (A0 + A1 r + A2 r^2 + A3 r^3 + A4 r^4).
// z - c is exact (Sterbenz), k ln2_hi + log c is exact (log c is a multiple of 2^-43 within
// 2^-64 of the true value) and 1/c is within 2^-58 relative, so r carries one rounding.
// Valid for finite x > 0, subnormals included. Lanes with x <= 0, Inf or NaN give garbage
// (callers mask them out); no lane ever traps.
import { LOG_TABLE } from './logTable';

// @ts-ignore: decorator
@inline const A0: f64 = reinterpret<f64>(0xBFE0000000000001); // -5.000000000000001110e-01
// @ts-ignore: decorator
@inline const A1: f64 = reinterpret<f64>(0x3FD555555551305B); //  3.333333333313657264e-01
// @ts-ignore: decorator
@inline const A2: f64 = reinterpret<f64>(0xBFCFFFFFFFEB4590); // -2.499999999896104541e-01
// @ts-ignore: decorator
@inline const A3: f64 = reinterpret<f64>(0x3FC999B324F10111); //  2.000122598076002089e-01
// @ts-ignore: decorator
@inline const A4: f64 = reinterpret<f64>(0xBFC55575E506C89F); // -1.666887579262541127e-01
// @ts-ignore: decorator
@inline const LN2_HI: f64 = reinterpret<f64>(0x3FE62E42FEFA3800); // 6.931471805599198947e-01
// @ts-ignore: decorator
@inline const LN2_LO: f64 = reinterpret<f64>(0x3D2EF35793C76730); // 5.497923018708371174e-14
// @ts-ignore: decorator
@inline const SMALLEST_NORMAL: f64 = reinterpret<f64>(0x0010000000000000); // 2^-1022
// @ts-ignore: decorator
@inline const TWO52: f64 = reinterpret<f64>(0x4330000000000000); // 2^52
/** OFF = 0x3FE6100000000000, the start of z's range; its low word is 0. */
// @ts-ignore: decorator
@inline const OFF: u64 = 0x3FE6100000000000;

/** High words of bits(x) - OFF (in the odd i32 lanes): the exponent k in bits 20..31, the table
 *  index in bits 13..19. */
// @ts-ignore: decorator
@inline function offsetHigh(x: v128): v128 {
  return i32x4.sub(x, i64x2.splat(<i64>OFF));
}

/** Address of the table entry for a lane whose offsetHigh is h. */
// @ts-ignore: decorator
@inline function entryOf(h: i32): usize {
  return <usize>((h >>> 8) & 0xFE0) + LOG_TABLE;
}

/** Address of the table entry for the float64 stored at p (computed on the scalar side). */
// @ts-ignore: decorator
@inline function entryAt(p: usize): usize {
  return <usize>(((load<u64>(p) - OFF) >> 40) & 0xFE0) + LOG_TABLE;
}

/** k as float64, lane-wise. */
// @ts-ignore: decorator
@inline function exponentOf(th: v128): v128 {
  return f64x2.convert_low_i32x4_s(i32x4.shuffle(i32x4.shr_s(th, 20), th, 1, 3, 1, 3));
}

/** log c of the entries e0, e1 (low lane, high lane). */
// @ts-ignore: decorator
@inline function tableLog(e0: usize, e1: usize): v128 {
  return v128.shuffle<f64>(v128.load(e0), v128.load(e1), 1, 3);
}

/** r = (z - c) / c, with z = x 2^-k, for the entries e0, e1. */
// @ts-ignore: decorator
@inline function reduced(x: v128, th: v128, e0: usize, e1: usize): v128 {
  const z = i32x4.sub(x, v128.and(th, i64x2.splat(<i64>0xFFF00000 << 32)));
  const c = v128.load64_lane(e1, v128.load64_zero(e0, 16), 1, 16);
  const invc = v128.shuffle<f64>(v128.load(e0), v128.load(e1), 0, 2);
  return f64x2.mul(f64x2.sub(z, c), invc);
}

/** log(1 + r) - r = r^2 (A0 + A1 r + A2 r^2 + A3 r^3 + A4 r^4), |r| < 2^-8 (musl's minimax
 *  polynomial: relative error 2^-55.6 on [-0x1.fp-9, 0x1.fp-9]). */
// @ts-ignore: decorator
@inline function log1pTail(r: v128): v128 {
  const r2 = f64x2.mul(r, r);
  const p = f64x2.add(
    f64x2.add(f64x2.splat(A1), f64x2.mul(r, f64x2.splat(A2))),
    f64x2.mul(r2, f64x2.add(f64x2.splat(A3), f64x2.mul(r, f64x2.splat(A4)))),
  );
  return f64x2.mul(r2, f64x2.add(f64x2.splat(A0), f64x2.mul(r, p)));
}

/** log(x) for normal x > 0 from its pieces; kd = k, lowered by 52 for rescaled subnormals. */
// @ts-ignore: decorator
@inline function logFrom(x: v128, th: v128, kd: v128, e0: usize, e1: usize): v128 {
  const r = reduced(x, th, e0, e1);
  // hi + lo = k ln2 + log c + r, as in musl.
  const w = f64x2.add(f64x2.mul(kd, f64x2.splat(LN2_HI)), tableLog(e0, e1));
  const hi = f64x2.add(w, r);
  const lo = f64x2.add(f64x2.add(f64x2.sub(w, hi), r), f64x2.mul(kd, f64x2.splat(LN2_LO)));
  return f64x2.add(f64x2.add(lo, log1pTail(r)), hi);
}

/** log of the two values at p (x = v128.load(p)), for normal values; 0 and subnormal values give
 *  finite garbage. Table addresses come from scalar loads, which spares the vector units. */
// @ts-ignore: decorator
@inline export function vlogNormalAt(p: usize, x: v128): v128 {
  const th = offsetHigh(x);
  return logFrom(x, th, exponentOf(th), entryAt(p), entryAt(p + 8));
}

/** log(x) lane-wise, within 1 ulp of Math.log for finite x > 0 (subnormals included). */
// @ts-ignore: decorator
@inline export function vlog(x: v128): v128 {
  const subnormal = f64x2.lt(x, f64x2.splat(SMALLEST_NORMAL));
  if (v128.any_true(subnormal)) {
    // log(x 2^52) with k lowered by 52 on those lanes.
    const scaled = v128.bitselect(f64x2.mul(x, f64x2.splat(TWO52)), x, subnormal);
    const th = offsetHigh(scaled);
    const kd = f64x2.sub(exponentOf(th), v128.and(subnormal, f64x2.splat(52)));
    return logFrom(scaled, th, kd, entryOf(i32x4.extract_lane(th, 1)), entryOf(i32x4.extract_lane(th, 3)));
  }
  const th = offsetHigh(x);
  return logFrom(x, th, exponentOf(th), entryOf(i32x4.extract_lane(th, 1)), entryOf(i32x4.extract_lane(th, 3)));
}
