// The mask lattice (DESIGN.md §5): partial assignments z in {0..q-1, *}^n as base-(q+1) numbers,
// digit q meaning masked (position 0 most significant), and M[z] = probability that the revealed
// positions of z take z's values. One table gives every subset entropy, an O(1) conditional
// p(x_i = a | z) = M[z with z_i = a] / M[z], and the sampler's exact output distribution.
import { plogpBlock } from './simd/plogp';
import { vlog } from './simd/vlog';
import { ipow } from './subsets';

/**
 * Copies between a table (q^n cells, row-major) and the fully revealed entries of a
 * lattice-shaped array: table to lattice when toLattice, else back. Rows of the last position
 * are contiguous in both, so each copy moves q cells.
 */
function copyRevealed(table: usize, lattice: usize, q: i32, n: i32, toLattice: bool, level: i32, cell: usize, at: usize): void {
  if (level == n - 1) {
    const bytes = <usize>q << 3;
    if (toLattice) memory.copy(lattice + (at << 3), table + (cell << 3), bytes);
    else memory.copy(table + (cell << 3), lattice + (at << 3), bytes);
    return;
  }
  const tableStride = ipow(q, n - 1 - level);
  const latticeStride = ipow(q + 1, n - 1 - level);
  for (let a = 0; a < q; a++) {
    copyRevealed(table, lattice, q, n, toLattice, level + 1, cell + <usize>a * tableStride, at + <usize>a * latticeStride);
  }
}

/**
 * Builds the lattice ((q+1)^n cells) from table p: the revealed entries are p itself, then for
 * each position i (one pass each), M[z with z_i = *] = sum_a M[z with z_i = a]. After the pass
 * for i, every entry whose masked positions were all passed is final; later passes overwrite
 * the rest, so no zeroing is needed.
 */
export function latticeBuild(p: usize, q: i32, n: i32, lattice: usize): void {
  copyRevealed(p, lattice, q, n, true, 0, 0, 0);
  const Q = q + 1;
  for (let i = n - 1; i >= 0; i--) {
    const a = ipow(Q, i);
    const b = ipow(Q, n - 1 - i);
    const rowBytes = (<usize>Q * b) << 3;
    const strideBytes = b << 3;
    for (let r: usize = 0; r < a; r++) {
      const row = lattice + r * rowBytes;
      const dst = row + <usize>q * strideBytes;
      let j: usize = 0;
      for (; j + 2 <= b; j += 2) {
        const o = j << 3;
        let acc = v128.load(row + o);
        for (let k = 1; k < q; k++) acc = f64x2.add(acc, v128.load(row + <usize>k * strideBytes + o));
        v128.store(dst + o, acc);
      }
      if (j < b) {
        const o = j << 3;
        let acc = load<f64>(row + o);
        for (let k = 1; k < q; k++) acc += load<f64>(row + <usize>k * strideBytes + o);
        store<f64>(dst + o, acc);
      }
    }
  }
}

/** The fully revealed entries of a lattice-shaped array, as a table of q^n cells. */
export function latticeGather(lattice: usize, q: i32, n: i32, out: usize): void {
  copyRevealed(out, lattice, q, n, false, 0, 0, 0);
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
