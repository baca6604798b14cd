// Helpers shared by the kernel specs: memory, a deterministic random stream, random tables and
// scalar brute-force references. Nothing here calls the code under test: every expected value
// is computed with plain scalar loops and AssemblyScript's scalar Math.log.

/** Sentinel written just past buffers, to catch writes past their ends. (Kernels mask cells
 *  with p > 0, which a NaN fails, so tests that check reads past the end store a positive value
 *  there instead.) */
export const SENTINEL: f64 = NaN;

/** A fresh buffer of `cells` float64 values, zero-filled, followed by one NaN sentinel cell. */
export function allocCells(cells: i32): usize {
  const ptr = heap.alloc(<usize>(cells + 1) << 3);
  for (let i = 0; i < cells; i++) store<f64>(ptr + (<usize>i << 3), 0);
  store<f64>(ptr + (<usize>cells << 3), SENTINEL);
  return ptr;
}

/** True when the sentinel cell after `cells` values at ptr is still a NaN. */
export function sentinelIntact(ptr: usize, cells: i32): bool {
  return isNaN(load<f64>(ptr + (<usize>cells << 3)));
}

// @ts-ignore: decorator
@inline export function get(ptr: usize, i: i32): f64 {
  return load<f64>(ptr + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline export function set(ptr: usize, i: i32, v: f64): void {
  store<f64>(ptr + (<usize>i << 3), v);
}

export function copyCells(dst: usize, src: usize, cells: i32): void {
  for (let i = 0; i < cells; i++) set(dst, i, get(src, i));
}

/** True when the two buffers hold the same bits in their first `cells` values. */
export function sameBits(a: usize, b: usize, cells: i32): bool {
  for (let i = 0; i < cells; i++) {
    if (reinterpret<u64>(get(a, i)) != reinterpret<u64>(get(b, i))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// splitmix64 stream (for inputs only)

let rngState: u64 = 0;

export function seedRandom(s: u64): void {
  rngState = s;
}

export function nextU64(): u64 {
  rngState += 0x9E3779B97F4A7C15;
  let z = rngState;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
  return z ^ (z >> 31);
}

/** Uniform in [0, 1), 53 bits. */
export function nextUniform(): f64 {
  return <f64>(nextU64() >> 11) * reinterpret<f64>(0x3CA0000000000000);
}

/** Uniform integer in [0, n). */
export function nextInt(n: i32): i32 {
  return <i32>(nextU64() % <u64>n);
}

/**
 * Fills `cells` values with a random pmf: weights u^3 (a spread of magnitudes), about
 * `zeroFraction` of the cells exactly 0 (never all of them), normalised to sum 1.
 */
export function randomPmf(ptr: usize, cells: i32, zeroFraction: f64): void {
  let total = 0.0;
  for (let i = 0; i < cells; i++) {
    let w = nextUniform();
    w = w * w * w + 1e-9;
    if (nextUniform() < zeroFraction) w = 0;
    set(ptr, i, w);
    total += w;
  }
  if (total == 0) {
    set(ptr, 0, 1);
    total = 1;
  }
  for (let i = 0; i < cells; i++) set(ptr, i, get(ptr, i) / total);
}

/** Fills with positive, unnormalised values in (0, 1) (about `zeroFraction` exact zeros). */
export function randomCells(ptr: usize, cells: i32, zeroFraction: f64): void {
  for (let i = 0; i < cells; i++) set(ptr, i, nextUniform() < zeroFraction ? 0 : nextUniform() * 0.999 + 0.0005);
}

// ---------------------------------------------------------------------------------------------
// Scalar brute-force references

/** sum x log x with 0 log 0 = 0, plain scalar loop with scalar Math.log, Neumaier-compensated. */
export function bruteXlogx(ptr: usize, cells: i32): f64 {
  let s = 0.0;
  let c = 0.0;
  for (let i = 0; i < cells; i++) {
    const x = get(ptr, i);
    if (x == 0) continue;
    const t = x * Math.log(x);
    const u = s + t;
    c += abs(s) >= abs(t) ? s - u + t : t - u + s;
    s = u;
  }
  return s + c;
}

/** q^k. */
export function pow(q: i32, k: i32): i32 {
  let r = 1;
  for (let i = 0; i < k; i++) r *= q;
  return r;
}

/** Digit of position i (0 = most significant) of flat index x in a table of n positions over q. */
export function digit(x: i32, i: i32, q: i32, n: i32): i32 {
  return (x / pow(q, n - 1 - i)) % q;
}

const digits = new StaticArray<i32>(32);
const weight = new StaticArray<i32>(32);

/**
 * The marginal of the n-position table p on the positions of `mask`, by explicit enumeration:
 * each cell x of p adds to the marginal cell whose digits are x's digits at the positions of
 * mask (in increasing position order, the first most significant). Writes q^|mask| cells to out.
 */
export function bruteMarginal(p: usize, q: i32, n: i32, mask: u32, out: usize): i32 {
  const k = <i32>popcnt(mask);
  const cells = pow(q, k);
  for (let j = 0; j < cells; j++) set(out, j, 0);
  // weight[i] = place value of position i in the marginal's index (0 if i is not in mask)
  let w = 1;
  for (let i = n - 1; i >= 0; i--) {
    if ((mask >> i) & 1) {
      unchecked((weight[i] = w));
      w *= q;
    } else {
      unchecked((weight[i] = 0));
    }
    unchecked((digits[i] = 0));
  }
  // Walk x = 0 .. q^n - 1 with an odometer of its digits (position n-1 fastest), keeping
  // j = sum_i digits[i] * weight[i].
  const total = pow(q, n);
  let j = 0;
  for (let x = 0; x < total; x++) {
    set(out, j, get(out, j) + get(p, x));
    for (let i = n - 1; i >= 0; i--) {
      const d = unchecked(digits[i]) + 1;
      if (d < q) {
        unchecked((digits[i] = d));
        j += unchecked(weight[i]);
        break;
      }
      unchecked((digits[i] = 0));
      j -= (q - 1) * unchecked(weight[i]);
    }
  }
  return cells;
}

/** H(X_A) = -sum m log m of the brute-force marginal; `work` holds q^|A| cells. */
export function bruteEntropy(p: usize, q: i32, n: i32, mask: u32, work: usize): f64 {
  const cells = bruteMarginal(p, q, n, mask, work);
  return -bruteXlogx(work, cells);
}

/** |a - b| <= abs + rel * max(|a|, |b|), and both finite (or equal infinities). */
export function close(a: f64, b: f64, absTol: f64, relTol: f64): bool {
  if (a == b) return true;
  if (!isFinite(a) || !isFinite(b)) return false;
  return abs(a - b) <= absTol + relTol * max(abs(a), abs(b));
}

/** expect(ok).toBe(true, message), calling into as-pect only on failure (an expect per cell of
 *  a large loop is slow). */
export function ensure(ok: bool, message: string): void {
  if (!ok) {
    log<string>(message);
    expect(ok).toBe(true, message);
  }
}
