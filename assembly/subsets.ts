// All 2^n subset entropies H(X_A) by depth-first marginalisation (DESIGN.md §5, last
// paragraph): a node holds the marginal of its position set; each child sums out one more
// position, positions being removed in decreasing order, so every subset is made exactly once
// from its parent and the summed axis is mostly followed by a long contiguous block.
// Work: (q+1)^n cell visits and logs. Memory: one buffer per depth, q^(n-1) + ... + 1 cells.
import { plogpSum } from './entropy';
import { marginalizePlogp } from './marginalize';

/** q^k for small k. */
export function ipow(q: i32, k: i32): usize {
  let r: usize = 1;
  for (let i = 0; i < k; i++) r *= <usize>q;
  return r;
}

/** C(n, k) as f64: each partial product is itself a binomial coefficient, so it is exact while it fits 53 bits. */
export function binomial(n: i32, k: i32): f64 {
  let r = 1.0;
  for (let i = 1; i <= k; i++) r = (r * <f64>(n - k + i)) / <f64>i;
  return Math.round(r);
}

/** Index (0 = lowest) of the k-th set bit of mask. */
function nthSetBit(mask: u32, k: i32): i32 {
  for (let i = 0; i < k; i++) mask &= mask - 1;
  return <i32>ctz(mask);
}

/** Records H of the child of `node` (m positions, those of `mask`) that removes its k-th
 *  position (its k-th axis from the last), then recurses into the child's own children that
 *  remove one of its first k axes; the child is built in `childBuffer`. */
// @ts-ignore: decorator
@inline function visitChild(node: usize, m: i32, mask: u32, k: i32, q: i32, out: usize, childBuffer: usize): void {
  const childCells = ipow(q, m - 1);
  const childMask = mask & ~(<u32>1 << nthSetBit(mask, k));
  const slot = out + (<usize>childMask << 3);
  if (m == 1) {
    store<f64>(slot, 0);
    return;
  }
  const a = ipow(q, k);
  store<f64>(slot, -marginalizePlogp(node, childBuffer, a, q, childCells / a));
  if (k > 0) visit(childBuffer, m - 1, childMask, k, q, out, childBuffer + (childCells << 3));
}

/** Records H of every child of `node` (m positions, those of `mask`) that removes one of the
 *  first kEnd axes, then recurses; children are built in `childBuffer`. */
function visit(node: usize, m: i32, mask: u32, kEnd: i32, q: i32, out: usize, childBuffer: usize): void {
  for (let k = kEnd - 1; k >= 0; k--) visitChild(node, m, mask, k, q, out, childBuffer);
}

/**
 * out[mask] = H(X_A) in nats for every subset A of the n positions (bit i of mask <=> i in A),
 * from the table p (q^n cells, row-major). scratch: q^(n-1) + q^(n-2) + ... + 1 cells.
 */
export function subsetEntropies(p: usize, q: i32, n: i32, out: usize, scratch: usize): void {
  const full: u32 = n == 32 ? 0xffffffff : (<u32>1 << n) - 1;
  store<f64>(out + (<usize>full << 3), -plogpSum(p, ipow(q, n)));
  store<f64>(out, 0);
  visit(p, n, full, n, q, out, scratch);
}

/**
 * Branch k of subsetEntropies (0 <= k < n): out[mask] for the 2^k masks whose highest missing
 * position is k (positions above k present, k absent, those below k any), by the very same
 * operations as subsetEntropies, which runs branches n-1, ..., 0 in turn after out[full] and
 * out[0]. Branches write disjoint parts of `out`, so they can run concurrently (a worker each,
 * on shared memory), each with its own scratch: q^(n-1) + ... + q^(n-1-k) cells.
 * Work: q^(n-k) (q+1)^k cell reads, (q+1)^k q^(n-1-k) logs.
 */
export function subsetEntropiesBranch(p: usize, q: i32, n: i32, k: i32, out: usize, scratch: usize): void {
  const full: u32 = n == 32 ? 0xffffffff : (<u32>1 << n) - 1;
  visitChild(p, n, full, k, q, out, scratch);
}

/**
 * H(X_A) for one subset A (bit mask) of the n positions of table p: sums out the positions not
 * in A, highest first, the first into scratch (q^(n-1) cells) and the rest in place.
 */
export function maskEntropy(p: usize, q: i32, n: i32, mask: u32, scratch: usize): f64 {
  if (mask == 0) return 0;
  let src = p;
  let m = n;
  let plogp = 0.0;
  let removed = false;
  for (let i = n - 1; i >= 0; i--) {
    if ((mask >> i) & 1) continue;
    const a = ipow(q, i);
    plogp = marginalizePlogp(src, scratch, a, q, ipow(q, m - 1 - i));
    src = scratch;
    m--;
    removed = true;
  }
  return removed ? -plogp : -plogpSum(p, ipow(q, n));
}
