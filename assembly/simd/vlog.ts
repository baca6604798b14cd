// Natural logarithm of two float64 lanes at once.
// see: musl/src/math/log.c (fdlibm e_log.c, SUN COPYRIGHT NOTICE): the same reduction and the
// same minimax polynomial, written on f64x2. Measured against Math.log in
// assembly/__tests__/vlog.spec.ts and test/vlog.test.ts.
//
// x = 2^k * m with m in [sqrt(2)/2, sqrt(2)), f = m - 1, s = f / (2 + f),
// log(x) = k ln2_hi + (f - hfsq + s (hfsq + R(s^2)) + k ln2_lo), hfsq = f^2 / 2.
// Valid for finite x > 0, subnormals included. Lanes with x <= 0, Inf or NaN give garbage
// (callers mask them out); no lane ever traps.

// @ts-ignore: decorator
@inline const Lg1: f64 = reinterpret<f64>(0x3FE5555555555593); // 6.666666666666735130e-01
// @ts-ignore: decorator
@inline const Lg2: f64 = reinterpret<f64>(0x3FD999999997FA04); // 3.999999999940941908e-01
// @ts-ignore: decorator
@inline const Lg3: f64 = reinterpret<f64>(0x3FD2492494229359); // 2.857142874366239149e-01
// @ts-ignore: decorator
@inline const Lg4: f64 = reinterpret<f64>(0x3FCC71C51D8E78AF); // 2.222219843214978396e-01
// @ts-ignore: decorator
@inline const Lg5: f64 = reinterpret<f64>(0x3FC7466496CB03DE); // 1.818357216161805012e-01
// @ts-ignore: decorator
@inline const Lg6: f64 = reinterpret<f64>(0x3FC39A09D078C69F); // 1.531383769920937332e-01
// @ts-ignore: decorator
@inline const Lg7: f64 = reinterpret<f64>(0x3FC2F112DF3E5244); // 1.479819860511658591e-01
// @ts-ignore: decorator
@inline const LN2_HI: f64 = reinterpret<f64>(0x3FE62E42FEE00000); // 6.93147180369123816490e-01
// @ts-ignore: decorator
@inline const LN2_LO: f64 = reinterpret<f64>(0x3DEA39EF35793C76); // 1.90821492927058770002e-10
// @ts-ignore: decorator
@inline const SMALLEST_NORMAL: f64 = reinterpret<f64>(0x0010000000000000); // 2^-1022
// @ts-ignore: decorator
@inline const TWO54: f64 = reinterpret<f64>(0x4350000000000000); // 2^54

/** log(x) lane-wise, <= 1 ulp from musl's log for finite x > 0 (subnormals included). */
// @ts-ignore: decorator
@inline export function vlog(x: v128): v128 {
  // Subnormal lanes: scale by 2^54 and take 54 off the exponent.
  const subnormal = f64x2.lt(x, f64x2.splat(SMALLEST_NORMAL));
  x = v128.bitselect(f64x2.mul(x, f64x2.splat(TWO54)), x, subnormal);
  // hx = high word + (0x3ff00000 - 0x3fe6a09e): k = exponent of x rounded so that m < sqrt(2).
  const hx = i64x2.add(i64x2.shr_u(x, 32), i64x2.splat(0x3ff00000 - 0x3fe6a09e));
  const k = i64x2.sub(
    i64x2.sub(i64x2.shr_u(hx, 20), i64x2.splat(0x3ff)),
    v128.and(subnormal, i64x2.splat(54)),
  );
  const mHigh = i64x2.shl(i64x2.add(v128.and(hx, i64x2.splat(0x000fffff)), i64x2.splat(0x3fe6a09e)), 32);
  const m = v128.or(mHigh, v128.and(x, i64x2.splat(0xffffffff)));
  // k fits in 32 bits: gather the low words of both lanes and convert.
  const dk = f64x2.convert_low_i32x4_s(i32x4.shuffle(k, k, 0, 2, 0, 2));

  const f = f64x2.sub(m, f64x2.splat(1.0));
  const hfsq = f64x2.mul(f64x2.mul(f64x2.splat(0.5), f), f);
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2.0), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(f64x2.splat(Lg2), f64x2.mul(w, f64x2.add(f64x2.splat(Lg4), f64x2.mul(w, f64x2.splat(Lg6))))));
  const t2 = f64x2.mul(z, f64x2.add(f64x2.splat(Lg1), f64x2.mul(w, f64x2.add(f64x2.splat(Lg3),
    f64x2.mul(w, f64x2.add(f64x2.splat(Lg5), f64x2.mul(w, f64x2.splat(Lg7))))))));
  const r = f64x2.add(t2, t1);
  // s (hfsq + R) + k ln2_lo - hfsq + f + k ln2_hi, in musl's order.
  let y = f64x2.mul(s, f64x2.add(hfsq, r));
  y = f64x2.add(y, f64x2.mul(dk, f64x2.splat(LN2_LO)));
  y = f64x2.sub(y, hfsq);
  y = f64x2.add(y, f);
  return f64x2.add(y, f64x2.mul(dk, f64x2.splat(LN2_HI)));
}
