// The mask lattice (DESIGN.md §5): partial assignments z in {0..q-1, *}^n as base-(q+1) numbers,
// digit q meaning masked (position 0 most significant), and M[z] = probability that the revealed
// positions of z take z's values. One table gives every subset entropy, an O(1) conditional
// p(x_i = a | z) = M[z with z_i = a] / M[z], and the sampler's exact output distribution.
import { plogpBlock } from './simd/plogp';
import { vlog } from './simd/vlog';
import { ipow } from './subsets';

/**
 * Copies the fully revealed entries of a lattice-shaped array to a table (q^n cells,
 * row-major). Rows of the last position are contiguous in both, so each copy moves q cells.
 */
function gatherRevealed(table: usize, lattice: usize, q: i32, n: i32, level: i32, cell: usize, at: usize): void {
  if (level == n - 1) {
    memory.copy(table + (cell << 3), lattice + (at << 3), <usize>q << 3);
    return;
  }
  const tableStride = ipow(q, n - 1 - level);
  const latticeStride = ipow(q + 1, n - 1 - level);
  for (let a = 0; a < q; a++) gatherRevealed(table, lattice, q, n, level + 1, cell + <usize>a * tableStride, at + <usize>a * latticeStride);
}

/**
 * Pass i's cells of the row at `row` (bytes; the row spans positions i..n-1, Q = q+1 stripes of
 * b = Q^(n-1-i) cells, stripe a holding z_i = a): stripe q at j = sum over a < q of stripe a at j,
 * for j in [j, end), added in order a = 0, 1, ..., q-1 (two j at a time: f64x2 adds each lane
 * alone, so the pairing does not change a bit).
 */
// @ts-ignore: decorator
@inline function sumStripes(row: usize, q: i32, b: usize, j: usize, end: usize): void {
  const strideBytes = b << 3;
  const dst = row + <usize>q * strideBytes;
  for (; j + 2 <= end; j += 2) {
    const o = j << 3;
    let acc = v128.load(row + o);
    for (let k = 1; k < q; k++) acc = f64x2.add(acc, v128.load(row + <usize>k * strideBytes + o));
    v128.store(dst + o, acc);
  }
  if (j < end) {
    const o = j << 3;
    let acc = load<f64>(row + o);
    for (let k = 1; k < q; k++) acc += load<f64>(row + <usize>k * strideBytes + o);
    store<f64>(dst + o, acc);
  }
}

/** Pass n-1 on one row: the table's q cells at `cells`, copied to the row (bytes), then their sum after them. */
// @ts-ignore: decorator
@inline function copyAndSum(cells: usize, row: usize, q: i32): void {
  let acc = load<f64>(cells);
  store<f64>(row, acc);
  for (let k = 1; k < q; k++) {
    const v = load<f64>(cells + (<usize>k << 3));
    store<f64>(row + (<usize>k << 3), v);
    acc += v;
  }
  store<f64>(row + (<usize>q << 3), acc);
}

/** Cells pass i of latticeBuild computes: z_i = *, z_0..z_(i-1) revealed, q^i (q+1)^(n-1-i). */
export function latticePassCells(q: i32, n: i32, i: i32): f64 {
  return Math.pow(q, i) * Math.pow(q + 1, n - 1 - i);
}

/**
 * Cells first..first+count-1 of pass i of latticeBuild (0 <= i < n), in the pass's order: rows
 * r < q^i (z_0..z_(i-1) the base-q digits of r), then j < b = (q+1)^(n-1-i) (z_(i+1)..z_(n-1) the
 * base-(q+1) digits of j): M[z with z_i = *] = sum_a M[z with z_i = a]. Pass n-1 copies the
 * table's rows into the lattice first. Distinct cells of a pass are independent, so any split of
 * a pass into ranges gives the lattice bit for bit, once passes run in order n-1, ..., 0.
 */
export function latticePass(p: usize, q: i32, n: i32, i: i32, lattice: usize, first: usize, count: usize): void {
  const Q = <usize>q + 1;
  const b = ipow(q + 1, n - 1 - i);
  const rowCells = Q * b;
  let r = first / b;
  let j = first - r * b;
  // The row's first cell: r's base-q digits as base-(q+1) digits, over units of a row.
  let row: usize = 0;
  let x = r;
  let unit = rowCells;
  for (let k = 0; k < i; k++) {
    row += (x % <usize>q) * unit;
    x /= <usize>q;
    unit *= Q;
  }
  let left = count;
  while (left > 0) {
    const end = min(b, j + left);
    if (i == n - 1) copyAndSum(p + ((r * <usize>q) << 3), lattice + (row << 3), q);
    else sumStripes(lattice + (row << 3), q, b, j, end);
    left -= end - j;
    j = 0;
    // Next row: r + 1 in base q, trailing digits q-1 wrapping to 0 (amortised O(1)).
    x = r;
    unit = rowCells;
    while (x % <usize>q == <usize>q - 1) {
      row -= (<usize>q - 1) * unit;
      unit *= Q;
      x /= <usize>q;
    }
    row += unit;
    r++;
  }
}

/**
 * Builds the lattice ((q+1)^n cells) from table p: the revealed entries are p itself, then for
 * each position i from n-1 down to 0 (one pass each), M[z with z_i = *] = sum_a M[z with
 * z_i = a] for the z whose positions before i are revealed; every other z with z_i = * has a
 * masked position before i and is made by a later pass. Each cell is written once, by the pass
 * of its first masked position, from cells already final: (q+1)^n - q^n sums of q terms, and no
 * zeroing is needed.
 */
export function latticeBuild(p: usize, q: i32, n: i32, lattice: usize): void {
  for (let i = n - 1; i >= 0; i--) latticePass(p, q, n, i, lattice, 0, <usize>latticePassCells(q, n, i));
}

/** The fully revealed entries of a lattice-shaped array, as a table of q^n cells. */
export function latticeGather(lattice: usize, q: i32, n: i32, out: usize): void {
  gatherRevealed(out, lattice, q, n, 0, 0, 0);
}

/** x log x for one value (0 log 0 = 0). */
// @ts-ignore: decorator
@inline function plogp(x: f64): f64 {
  return x > 0 ? x * f64x2.extract_lane(vlog(f64x2.splat(x)), 0) : 0;
}

/** Neumaier add of x into sums[mask] with compensation in compensations[mask]. */
// @ts-ignore: decorator
@inline function addTo(sums: usize, compensations: usize, mask: u32, x: f64): void {
  const at = <usize>mask << 3;
  const s = load<f64>(sums + at);
  const t = s + x;
  store<f64>(compensations + at, load<f64>(compensations + at) + (abs(s) >= abs(x) ? (s - t) + x : (x - t) + s));
  store<f64>(sums + at, t);
}

/** Accumulates sum M log M of the lattice rows below `at` into sums[mask of revealed positions]. */
function accumulate(lattice: usize, q: i32, n: i32, level: i32, at: usize, mask: u32, sums: usize, compensations: usize): void {
  if (level == n - 1) {
    const row = lattice + (at << 3);
    addTo(sums, compensations, mask | (<u32>1 << level), plogpBlock(row, q));
    addTo(sums, compensations, mask, plogp(load<f64>(row + (<usize>q << 3))));
    return;
  }
  const stride = ipow(q + 1, n - 1 - level);
  for (let a = 0; a < q; a++) accumulate(lattice, q, n, level + 1, at + <usize>a * stride, mask | (<u32>1 << level), sums, compensations);
  accumulate(lattice, q, n, level + 1, at + <usize>q * stride, mask, sums, compensations);
}

/**
 * out[mask] = H(X_A) = -sum over z revealing exactly A of M[z] log M[z], for all 2^n subsets,
 * from a built lattice. scratch: 2^n cells (the compensations). (q+1)^n logs.
 */
export function latticeSubsetEntropies(lattice: usize, q: i32, n: i32, out: usize, scratch: usize): void {
  const count = <usize>1 << n;
  memory.fill(out, 0, count << 3);
  memory.fill(scratch, 0, count << 3);
  accumulate(lattice, q, n, 0, 0, 0, out, scratch);
  for (let mask: usize = 0; mask < count; mask++) {
    const at = mask << 3;
    store<f64>(out + at, -(load<f64>(out + at) + load<f64>(scratch + at)));
  }
  store<f64>(out, 0); // H(X_∅) = 0 exactly, even when the table sums to 1 only within 1e-9
}
