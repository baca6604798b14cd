// The unmasking sampler itself (DESIGN.md §6): draws rows x in [q]^n step by step, each step
// revealing a set S of masked positions, every x_i (i in S) drawn independently from its exact
// conditional p(x_i | revealed) by inverse CDF on a 53-bit uniform. Conditionals come from the
// mask lattice in O(q) each (M[z with z_i = a], DESIGN.md §5) or, when no lattice fits, by
// summing the table over the completions of the revealed values (q^m (1 + m) per step with m
// masked). Row r of a run draws from stream r of the seed (assembly/random.ts), so rows do not
// depend on how a run is split. Policies and tie-breaking are those of samplerDistribution.ts;
// the random policy picks S by a partial Fisher-Yates shuffle of the masked positions (listed
// in increasing order at the start, then in the order the shuffle leaves) with unbiased draws.
import { randomBelow, randomSeedStream, randomUniform } from './random';
import { MEMO_SLOT_BYTES, memoFind, memoReset, memoStore } from './choiceMemo';
import { conditionalsFromMasses } from './conditionals';
import { chooseThreshold, chooseTop, CHOSEN, MASKED, POLICY_RANDOM, POLICY_THRESHOLD, POLICY_WORK_BYTES, scorePositions } from './policy';
import { ipow } from './subsets';

// Work area layout after the policy's (bytes from `work`), for n <= 32 positions.
const DIGITS: usize = POLICY_WORK_BYTES; // n x i32: the row's digits, q while masked
const LATTICE_STRIDES: usize = DIGITS + 128; // n x u32: (q+1)^(n-1-i)
const TABLE_STRIDES: usize = LATTICE_STRIDES + 128; // n x u32: q^(n-1-i)
const ODOMETER: usize = TABLE_STRIDES + 128; // n x i32: the completion being summed (fallback)
const MASS: usize = ODOMETER + 128; // n x q x f64: M[z with z_i = a] (then the conditionals)

/** Bytes of the sampler's work area for q symbols. */
export function sampleWorkBytes(q: i32): usize {
  return MASS + ((<usize>32 * q) << 3);
}

/** Bytes of a memo of `slots` adaptive choices. */
export function sampleMemoBytes(slots: u32): usize {
  return <usize>slots * MEMO_SLOT_BYTES;
}

let gWork: usize = 0;
let gq: i32 = 0;
let gn: i32 = 0;

// @ts-ignore: decorator
@inline function i32At(offset: usize, i: i32): i32 {
  return load<i32>(gWork + offset + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function setI32(offset: usize, i: i32, v: i32): void {
  store<i32>(gWork + offset + (<usize>i << 2), v);
}

// @ts-ignore: decorator
@inline function massAt(position: i32, a: i32): usize {
  return gWork + MASS + ((<usize>(position * gq + a)) << 3);
}

/** MASS[i][a] = M[z with z_i = a] for the `count` positions listed at `list`; returns M[z]. */
function latticeMasses(lattice: usize, z: usize, list: usize, count: i32): f64 {
  const q = gq;
  for (let j = 0; j < count; j++) {
    const position = i32At(list, j);
    const stride = <usize>i32At(LATTICE_STRIDES, position);
    for (let a = 0; a < q; a++) store<f64>(massAt(position, a), load<f64>(lattice + ((z - <usize>(q - a) * stride) << 3)));
  }
  return load<f64>(lattice + (z << 3));
}

/**
 * MASS[i][a] for the m masked positions listed at `list` (a work offset) by summing table p over
 * all q^m completions of the revealed digits (last listed position fastest); returns M[z].
 */
function tableMasses(p: usize, list: usize, m: i32): f64 {
  const q = gq;
  let cell: usize = 0;
  for (let i = 0; i < gn; i++) {
    const d = i32At(DIGITS, i);
    if (d < q) cell += <usize>d * <usize>i32At(TABLE_STRIDES, i);
  }
  for (let j = 0; j < m; j++) {
    setI32(ODOMETER, j, 0);
    for (let a = 0; a < q; a++) store<f64>(massAt(i32At(list, j), a), 0);
  }
  let total = 0.0;
  while (true) {
    const v = load<f64>(p + (cell << 3));
    total += v;
    for (let j = 0; j < m; j++) {
      const at = massAt(i32At(list, j), i32At(ODOMETER, j));
      store<f64>(at, load<f64>(at) + v);
    }
    let j = m - 1;
    for (; j >= 0; j--) {
      const position = i32At(list, j);
      const stride = <usize>i32At(TABLE_STRIDES, position);
      const d = i32At(ODOMETER, j);
      if (d + 1 < q) {
        setI32(ODOMETER, j, d + 1);
        cell += stride;
        break;
      }
      setI32(ODOMETER, j, 0);
      cell -= <usize>(q - 1) * stride;
    }
    if (j < 0) return total;
  }
}

/**
 * Inverse CDF over the q weights at `cell` (f64, stride `step` bytes): the first a with
 * u sum(w) < w_0 + .. + w_a; if rounding runs past the end, the last a of positive weight.
 */
// @ts-ignore: decorator
@inline function drawFrom(cell: usize, step: usize, q: i32): i32 {
  let total = 0.0;
  for (let a = 0; a < q; a++) total += load<f64>(cell + <usize>a * step);
  const t = randomUniform() * total;
  let cumulative = 0.0;
  let last = 0;
  for (let a = 0; a < q; a++) {
    const w = load<f64>(cell + <usize>a * step);
    if (w <= 0) continue;
    cumulative += w;
    if (t < cumulative) return a;
    last = a;
  }
  return last;
}

/**
 * The random policy's choice with w revealed: a partial Fisher-Yates shuffle moves `size`
 * uniformly chosen entries of MASKED[w..n) (the masked positions) to MASKED[w..w + size).
 */
function shuffleStep(w: i32, size: i32): void {
  for (let t = w; t < w + size; t++) {
    const j = t + <i32>randomBelow(<u32>(gn - t));
    const position = i32At(MASKED, j);
    setI32(MASKED, j, i32At(MASKED, t));
    setI32(MASKED, t, position);
  }
}

/**
 * MASS[i] for the `count` positions at `list` (for all m masked ones, listed at `masked`, when
 * summing the table), turned into the conditionals the sampler draws from unless `raw` (T = 1
 * and no scores needed: drawing from the masses themselves is the same law).
 */
function conditionalsOf(p: usize, lattice: usize, z: usize, list: usize, count: i32, masked: usize, m: i32, temperature: f64, raw: bool): void {
  const mz = lattice != 0 ? latticeMasses(lattice, z, list, count) : tableMasses(p, masked, m);
  if (!raw) for (let t = 0; t < count; t++) conditionalsFromMasses(massAt(i32At(list, t), 0), gq, mz, 1.0 / temperature);
}

/**
 * Draws the `size` positions at `list` from the lattice masses of state z (the random policy at
 * T = 1: the same draws as from conditionals), sets DIGITS; returns the new z. For q <= 4 the
 * step's cells are gathered first, so their cache misses overlap instead of waiting on each
 * draw; for larger q, copying costs more than it saves and the draws read the lattice itself.
 */
function drawFromLattice(lattice: usize, z: usize, list: usize, size: i32): usize {
  const q = gq;
  const gather = q <= 4;
  if (gather) latticeMasses(lattice, z, list, size);
  let dz: usize = 0;
  for (let t = 0; t < size; t++) {
    const position = i32At(list, t);
    const stride = <usize>i32At(LATTICE_STRIDES, position);
    const a = gather ? drawFrom(massAt(position, 0), 8, q) : drawFrom(lattice + ((z - <usize>q * stride) << 3), stride << 3, q);
    setI32(DIGITS, position, a);
    dz += <usize>(q - a) * stride;
  }
  return z - dz;
}

/**
 * One row: at each step the policy's set S (random: shuffleStep; adaptive: scored, or found in
 * the memo), then every x_i, i in S, drawn from its conditional given the state before the step.
 * All loads of a step come before its draws, so the lattice's cache misses overlap. Leaves the
 * row in DIGITS.
 */
function sampleRow(p: usize, lattice: usize, top: usize, sizes: usize, policy: i32, threshold: f64, temperature: f64): void {
  const q = gq;
  const n = gn;
  const work = gWork;
  for (let i = 0; i < n; i++) {
    setI32(DIGITS, i, q);
    setI32(MASKED, i, i);
  }
  let z = top;
  for (let w = 0; w < n; ) {
    let list: usize;
    let size: i32;
    if (policy == POLICY_RANDOM) {
      // The masked positions stay at MASKED[w..n), in the order the shuffles leave them.
      size = load<i32>(sizes + (<usize>w << 2));
      shuffleStep(w, size);
      list = MASKED + (<usize>w << 2);
      if (lattice != 0 && temperature == 1) {
        z = drawFromLattice(lattice, z, list, size);
        w += size;
        continue;
      }
      conditionalsOf(p, lattice, z, list, size, list, n - w, temperature, temperature == 1);
    } else {
      const m = n - w;
      let k = 0;
      for (let i = 0; i < n; i++) if (i32At(DIGITS, i) == q) setI32(MASKED, k++, i);
      const wanted = policy == POLICY_THRESHOLD ? 0 : load<i32>(sizes + (<usize>w << 2));
      const key = (<u64>z << 6) | <u64>wanted;
      list = CHOSEN;
      size = memoFind(key, work + CHOSEN);
      if (size >= 0) {
        conditionalsOf(p, lattice, z, list, size, MASKED, m, temperature, false);
      } else {
        conditionalsOf(p, lattice, z, MASKED, m, MASKED, m, temperature, false);
        scorePositions(work, massAt(0, 0), q, m, policy);
        size = policy == POLICY_THRESHOLD ? chooseThreshold(work, m, threshold) : chooseTop(work, m, wanted);
        memoStore(key, work + CHOSEN, size);
      }
    }
    // Every conditional of the step is in MASS already, so the draws can fill DIGITS directly.
    let dz: usize = 0;
    for (let t = 0; t < size; t++) {
      const position = i32At(list, t);
      const a = drawFrom(massAt(position, 0), 8, q);
      setI32(DIGITS, position, a);
      dz += <usize>(q - a) * <usize>i32At(LATTICE_STRIDES, position);
    }
    z -= dz;
    w += size;
  }
}

/**
 * Draws rows firstRow .. firstRow + rows - 1 of the sampler's output for table p (q^n cells,
 * row-major) with lattice `lattice` (0: none, sum the table instead); row r uses stream r of
 * `seed`. plan: `plans` cumulative probabilities (f64) then `plans` x n i32 step sizes by level
 * (the size of the step taken with w revealed, else 0); one is drawn per row when plans > 1.
 * policy: the codes of samplerDistribution.ts; threshold: its tau; temperature T: conditionals
 * p^(1/T), renormalised. Rows go to `out` (rows x n symbols of outBytes = 1 or 2 bytes each; 0:
 * not stored) and, when counts != 0, counts[flat index of x] += 1 (q^n f64 cells).
 * work: sampleWorkBytes(q) bytes; memo: memoSlots (a power of two) x MEMO_SLOT_BYTES bytes
 * for the adaptive policies' choices.
 */
export function sampleRows(
  p: usize, lattice: usize, q: i32, n: i32, policy: i32, plan: usize, plans: i32, threshold: f64, temperature: f64,
  seed: u64, firstRow: u64, rows: i32, out: usize, outBytes: i32, counts: usize, work: usize, memo: usize, memoSlots: u32,
): void {
  gWork = work;
  gq = q;
  gn = n;
  let top: usize = 0;
  for (let i = 0; i < n; i++) {
    setI32(LATTICE_STRIDES, i, <i32>ipow(q + 1, n - 1 - i));
    setI32(TABLE_STRIDES, i, <i32>ipow(q, n - 1 - i));
    top += <usize>q * <usize>ipow(q + 1, n - 1 - i);
  }
  memoReset(memo, policy == POLICY_RANDOM ? 0 : memoSlots);
  const sizesBase = plan + (<usize>plans << 3);
  for (let r = 0; r < rows; r++) {
    randomSeedStream(seed, firstRow + <u64>r);
    let sizes = sizesBase;
    if (plans > 1) {
      const u = randomUniform();
      let v = 0;
      while (v < plans - 1 && u >= load<f64>(plan + (<usize>v << 3))) v++;
      sizes = sizesBase + ((<usize>v * n) << 2);
    }
    sampleRow(p, lattice, top, sizes, policy, threshold, temperature);
    if (outBytes == 1) for (let i = 0; i < n; i++) store<u8>(out + <usize>r * n + i, <u8>i32At(DIGITS, i));
    else if (outBytes == 2) for (let i = 0; i < n; i++) store<u16>(out + ((<usize>r * n + i) << 1), <u16>i32At(DIGITS, i));
    if (counts != 0) {
      let cell: usize = 0;
      for (let i = 0; i < n; i++) cell = cell * q + <usize>i32At(DIGITS, i);
      const at = counts + (cell << 3);
      store<f64>(at, load<f64>(at) + 1);
    }
  }
}
