// The vectorised log kernel against V8's Math.log, in ulps, on > 10^6 points of (0, 1].
import { describe, expect, it } from 'vitest';
import { getRuntime } from '../src/wasm/runtime.js';

/** Distance in ulps between two finite doubles of the same sign (0 when equal). */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  if (Math.sign(a) !== Math.sign(b)) return Infinity;
  return Number(view.getBigInt64(0) - view.getBigInt64(8) < 0n ? view.getBigInt64(8) - view.getBigInt64(0) : view.getBigInt64(0) - view.getBigInt64(8));
}

/** Points of (0, 1]: edge cases, every binade down to the subnormals, and uniform draws. */
function samplePoints(): Float64Array {
  const points: number[] = [1, 1 - 2 ** -53, 1 - 2 ** -52, 0.5, 2 ** -1074, 2 ** -1073, 3 * 2 ** -1074, 2 ** -1022, 2 ** -1022 - 2 ** -1074,
    2 ** -1022 + 2 ** -1074, Math.SQRT1_2, Math.SQRT1_2 + 2 ** -53, Math.SQRT1_2 - 2 ** -53, 1e-300, 1e-310, 5e-324];
  for (let k = 1; k <= 64; k++) points.push(1 - k * 2 ** -53);
  for (let e = 0; e <= 1074; e++) points.push(2 ** -e);
  // Deterministic xorshift-style stream: random mantissas in random binades (subnormals included).
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const view = new DataView(new ArrayBuffer(8));
  while (points.length < 700_000) {
    const exponent = Math.floor(next() * 1023); // biased exponent 0..1022: (0, 1)
    view.setUint32(0, (exponent << 20) | Math.floor(next() * 2 ** 20));
    view.setUint32(4, Math.floor(next() * 2 ** 32));
    const x = view.getFloat64(0);
    if (x > 0) points.push(x);
  }
  while (points.length < 1_100_000) points.push(Math.max(next(), 2 ** -1074));
  return Float64Array.from(points);
}

describe('vectorised log', () => {
  it('stays within 2 ulp of Math.log over (0, 1], subnormals and 1 included', () => {
    const x = samplePoints();
    expect(x.length).toBeGreaterThan(1_000_000);
    const { kernels, arena } = getRuntime();
    const input = arena.alloc('test', 'points', x.length * 8);
    const output = arena.alloc('test', 'logs', x.length * 8);
    try {
      arena.f64(input, x.length).set(x);
      kernels.logArray(input, output, x.length);
      const logs = arena.f64(output, x.length);
      let worst = 0;
      let worstAt = 1;
      for (let i = 0; i < x.length; i++) {
        const error = ulps(logs[i], Math.log(x[i]));
        if (error > worst) [worst, worstAt] = [error, x[i]];
      }
      expect(worst, `worst ${worst} ulp at x = ${worstAt}`).toBeLessThanOrEqual(2);
      expect(logs[0]).toBe(0); // log 1 = 0 exactly
    } finally {
      arena.release(input);
      arena.release(output);
    }
  });
});
