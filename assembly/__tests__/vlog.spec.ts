// vlog (two-lane float64 natural log) against AssemblyScript's scalar Math.log (musl's log,
// < 1 ulp from the true value), measured in ulps, on more than 10^6 points of (0, 1]
// (plus a few just above 1). Issue 3, item 2: the error must stay within 2 ulp.
//
// Error measure: the distance between the two results in the ordered integer encoding of
// float64 (adjacent doubles differ by 1; -0 and +0 both map to 0), so a result of the wrong
// sign near log(1) = 0 counts as a huge error rather than a small one.
import { vlog } from '../simd/vlog';

/** Largest error allowed, in ulps of the result. */
const MAX_ULP: i64 = 2;

// ---------------------------------------------------------------------------------------------
// Error bookkeeping

/** Monotone map of finite doubles to integers: consecutive doubles map to consecutive integers. */
function ordered(x: f64): i64 {
  const i = reinterpret<i64>(x);
  return i < 0 ? i64.MIN_VALUE - i : i;
}

/** |a - b| in ulps; i64.MAX_VALUE when either value is NaN or infinite. */
function ulpDistance(a: f64, b: f64): i64 {
  if (!isFinite(a) || !isFinite(b)) return i64.MAX_VALUE;
  const d = ordered(a) - ordered(b);
  return d < 0 ? -d : d;
}

/** Per-test statistics, reset by `begin`. */
let worstUlp: i64 = 0;
let worstX: f64 = 1;
let worstLane: i32 = 0;
let points: i32 = 0;
/** Points checked by all tests of this file. */
let totalPoints: i32 = 0;
let totalWorst: i64 = 0;

function begin(): void {
  worstUlp = 0;
  worstX = 1;
  worstLane = 0;
  points = 0;
}

function record(x: f64, got: f64, lane: i32): void {
  const d = ulpDistance(got, Math.log(x));
  if (d > worstUlp) {
    worstUlp = d;
    worstX = x;
    worstLane = lane;
  }
  points++;
}

/** Evaluates vlog on (x0, x1) and records the error of both lanes. */
function check2(x0: f64, x1: f64): void {
  const y = vlog(f64x2.replace_lane(f64x2.splat(x0), 1, x1));
  record(x0, f64x2.extract_lane(y, 0), 0);
  record(x1, f64x2.extract_lane(y, 1), 1);
}

/** Checks x in lane 0 and in lane 1, with `other` in the other lane. */
function checkBothLanes(x: f64, other: f64): void {
  check2(x, other);
  check2(other, x);
}

/** Logs and asserts this test's worst error; adds its points to the file's totals. */
function finish(label: string): void {
  log<string>(
    'vlog ' + label + ': ' + points.toString() + ' points, max error ' + worstUlp.toString() +
      ' ulp (at x = ' + worstX.toString() + ', bits 0x' + reinterpret<u64>(worstX).toString(16) +
      ', lane ' + worstLane.toString() + ')',
  );
  totalPoints += points;
  if (worstUlp > totalWorst) totalWorst = worstUlp;
  expect(worstUlp).toBeLessThanOrEqual(MAX_ULP, label + ': worst x = ' + worstX.toString());
}

// ---------------------------------------------------------------------------------------------
// Deterministic pseudo-random stream (splitmix64, Vigna)

let rngState: u64 = 0;

function seed(s: u64): void {
  rngState = s;
}

function next64(): u64 {
  rngState += 0x9E3779B97F4A7C15;
  let z = rngState;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
  return z ^ (z >> 31);
}

/** Uniform double in [0, 1) with 53 random bits. */
function nextUniform(): f64 {
  return <f64>(next64() >> 11) * reinterpret<f64>(0x3CA0000000000000); // 2^-53
}

/** A double of (0, 1] drawn uniformly over bit patterns 1 .. bits(1.0): every binade (and the
 *  subnormal range) gets about the same number of points. */
function nextBitPattern(): f64 {
  return reinterpret<f64>((next64() % 0x3FF0000000000000) + 1);
}

const ONE_BITS: i64 = 0x3FF0000000000000;
const SQRT1_2_BITS: i64 = 0x3FE6A09E667F3BCD; // sqrt(2)/2 rounded
const SMALLEST_NORMAL_BITS: i64 = 0x0010000000000000; // 2^-1022

function fromBits(bits: i64): f64 {
  return reinterpret<f64>(bits);
}

// ---------------------------------------------------------------------------------------------

describe('vlog', () => {
  it('measures errors in ulps: adjacent doubles are 1 apart, across 0 too, and NaN is infinitely far', () => {
    expect(ulpDistance(1.0, 1.0)).toBe(0);
    expect(ulpDistance(fromBits(ONE_BITS + 2), 1.0)).toBe(2);
    expect(ulpDistance(-1.0, fromBits(ONE_BITS | i64.MIN_VALUE))).toBe(0);
    expect(ulpDistance(-0.0, 0.0)).toBe(0);
    expect(ulpDistance(fromBits(1), fromBits(1 | i64.MIN_VALUE))).toBe(2); // +-2^-1074
    expect(ulpDistance(-1e-16, 1e-16)).toBeGreaterThan(1 << 60);
    expect(ulpDistance(NaN, 1.0)).toBe(i64.MAX_VALUE);
  });

  it('vlog(1) is exactly +0 in either lane, whatever the other lane holds', () => {
    const others: f64[] = [1.0, 0.5, fromBits(1), fromBits(SMALLEST_NORMAL_BITS), 1e-300, fromBits(ONE_BITS - 1)];
    for (let i = 0; i < others.length; i++) {
      const a = vlog(f64x2.replace_lane(f64x2.splat(1.0), 1, others[i]));
      const b = vlog(f64x2.replace_lane(f64x2.splat(others[i]), 1, 1.0));
      expect(reinterpret<u64>(f64x2.extract_lane(a, 0))).toBe(0, 'lane 0 bits of vlog(1)');
      expect(reinterpret<u64>(f64x2.extract_lane(b, 1))).toBe(0, 'lane 1 bits of vlog(1)');
    }
  });

  it('gives each lane the log of its own value (no cross-lane mixing)', () => {
    const y = vlog(f64x2.replace_lane(f64x2.splat(0.25), 1, fromBits(1)));
    expect(f64x2.extract_lane(y, 0)).toBeCloseTo(-1.3862943611198906, 15); // -2 ln 2
    expect(f64x2.extract_lane(y, 1)).toBeCloseTo(-744.4400719213812, 12); // ln 2^-1074
    const z = vlog(f64x2.replace_lane(f64x2.splat(fromBits(1)), 1, 0.25));
    expect(f64x2.extract_lane(z, 0)).toBeCloseTo(-744.4400719213812, 12);
    expect(f64x2.extract_lane(z, 1)).toBeCloseTo(-1.3862943611198906, 15);
  });

  it('is within 2 ulp of Math.log next to 1: 1 - k ulp and 1 + k ulp, k <= 4096', () => {
    begin();
    for (let k: i64 = 1; k <= 4096; k++) {
      const below = fromBits(ONE_BITS - k); // 1 - k 2^-53
      const above = fromBits(ONE_BITS + k); // 1 + k 2^-52
      check2(below, above);
      check2(above, below);
    }
    // 1 - k 2^-52 for k up to 2^20 spaced out, and 1 - 2^-e for every e.
    for (let k: i64 = 1; k <= 1 << 20; k += 97) checkBothLanes(1.0 - <f64>k * 2.220446049250313e-16, 1.0);
    for (let e = 1; e <= 53; e++) checkBothLanes(1.0 - Math.pow(2, -e), 1.0 + Math.pow(2, -e));
    finish('near 1');
  });

  it('is within 2 ulp of Math.log on subnormals: 2^-1074, the first 4096, every 2^j ± 1 and 300000 random ones', () => {
    begin();
    checkBothLanes(fromBits(1), 1.0); // 2^-1074, the smallest positive double
    checkBothLanes(fromBits(1), fromBits(SMALLEST_NORMAL_BITS - 1));
    for (let b: i64 = 1; b <= 4096; b++) check2(fromBits(b), fromBits(SMALLEST_NORMAL_BITS - b));
    for (let j = 0; j < 52; j++) {
      const b = (<i64>1) << j;
      checkBothLanes(fromBits(b), 0.75);
      if (b > 1) checkBothLanes(fromBits(b - 1), fromBits(b + 1));
    }
    seed(0x5B4E);
    for (let i = 0; i < 100000; i++) {
      // uniform over the subnormal bit patterns (mostly near 2^-1023) ...
      const a = fromBits(<i64>(next64() % <u64>(SMALLEST_NORMAL_BITS - 1)) + 1);
      // ... and with a random number of significant bits, so every sub-binade is visited
      const shift = <u64>(12 + (next64() % 52));
      const b = fromBits(<i64>max<u64>(next64() >> shift, 1));
      check2(a, b);
      check2(b, nextBitPattern()); // a subnormal next to an arbitrary value of (0, 1]
    }
    finish('subnormals');
  });

  it('is within 2 ulp of Math.log at 2^-1022 (smallest normal) ± 4096 ulp and at every power of two ± 2 ulp', () => {
    begin();
    checkBothLanes(fromBits(SMALLEST_NORMAL_BITS), 1.0);
    for (let k: i64 = 1; k <= 4096; k++) {
      check2(fromBits(SMALLEST_NORMAL_BITS - k), fromBits(SMALLEST_NORMAL_BITS + k));
      check2(fromBits(SMALLEST_NORMAL_BITS + k), fromBits(SMALLEST_NORMAL_BITS - k));
    }
    // 2^-e for e = 0 .. 1074 (subnormal powers included) and their neighbours.
    for (let e = 0; e <= 1074; e++) {
      const x = e <= 1022 ? fromBits((<i64>(1023 - e)) << 52) : fromBits((<i64>1) << (1074 - e));
      expect(x).toBe(Math.pow(2, -e));
      checkBothLanes(x, 0.3);
      const b = reinterpret<i64>(x);
      for (let d: i64 = 1; d <= 2; d++) {
        if (b - d > 0) check2(fromBits(b - d), fromBits(b + d));
        if (b + d <= ONE_BITS) check2(fromBits(b + d), fromBits(b - d > 0 ? b - d : 1));
      }
    }
    finish('smallest normal and powers of two');
  });

  it('is within 2 ulp of Math.log at the reduction boundary sqrt(2)/2 · 2^-e ± 64 ulp, every binade', () => {
    begin();
    // fdlibm reduces x = 2^k m with m in [sqrt(2)/2, sqrt(2)): test both sides of that split,
    // in the top binade closely and in every other normal binade.
    for (let d: i64 = -4096; d <= 4096; d++) checkBothLanes(fromBits(SQRT1_2_BITS + d), 1.0);
    // the high-word boundary 0x3fe6a09e used by the bit-level reduction
    for (let d: i64 = -4096; d <= 4096; d++) check2(fromBits(0x3FE6A09E00000000 + d), fromBits(0x3FE6A09F00000000 + d));
    const mantissa = SQRT1_2_BITS & 0x000FFFFFFFFFFFFF;
    for (let e: i64 = 1; e <= 1022; e++) {
      const centre = (e << 52) | mantissa;
      for (let d: i64 = -64; d <= 64; d++) check2(fromBits(centre + d), fromBits(centre - d));
    }
    // and sqrt(2)/2 scaled into the subnormal range
    for (let s = 1; s <= 52; s++) {
      const b = mantissa >> s | ((<i64>1) << (52 - s));
      checkBothLanes(fromBits(b), 1.0);
      checkBothLanes(fromBits(b + 1), fromBits(b > 1 ? b - 1 : b + 2));
    }
    finish('sqrt(2)/2 boundary');
  });

  it('is within 2 ulp of Math.log on 400000 points uniform over the bit patterns of (0, 1] (all binades)', () => {
    begin();
    seed(0xB17);
    for (let i = 0; i < 200000; i++) check2(nextBitPattern(), nextBitPattern());
    finish('bit-pattern uniform');
  });

  it('is within 2 ulp of Math.log on 200000 points uniform in (0, 1)', () => {
    begin();
    seed(0x0123456789ABCDEF);
    for (let i = 0; i < 100000; i++) {
      const a = nextUniform();
      const b = nextUniform();
      check2(a > 0 ? a : 1.0, b > 0 ? b : 1.0);
    }
    finish('uniform (0, 1)');
  });

  it('is within 2 ulp of Math.log on 200000 points 1 - u 2^-e close to 1 (e uniform in 1..60)', () => {
    begin();
    seed(42);
    for (let i = 0; i < 100000; i++) {
      const a = 1.0 - nextUniform() * Math.pow(2, -<f64>(next64() % 60));
      const b = 1.0 - nextUniform() * Math.pow(2, -<f64>(next64() % 60));
      check2(a > 0 ? a : 1.0, b > 0 ? b : 1.0);
    }
    finish('close to 1');
  });

  it('checked at least 10^6 points in all, every one within 2 ulp of Math.log', () => {
    log<string>('vlog overall: ' + totalPoints.toString() + ' points, max error ' + totalWorst.toString() + ' ulp');
    expect(totalPoints).toBeGreaterThanOrEqual(1000000);
    expect(totalWorst).toBeLessThanOrEqual(MAX_ULP);
  });
});
