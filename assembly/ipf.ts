// Marginals of a subset of positions and iterative proportional fitting (IPF) to them
// (DESIGN.md §8), over a dense row-major q^n table (position i is the axis of stride q^(n-1-i)).
//
// A subset `mask` (bit i <=> position i kept) splits the table into blocks of consecutive
// cells. The trailing positions n-1, n-2, ... that share the status of position n-1 (kept or
// summed out) make blocks of `run` = q^s cells; the other positions are listed as cell offsets:
// `kept` holds the offsets of their kept digits in increasing order (the row-major order of the
// marginal), `summed` the offsets of their summed digits. Cell kept[j] + summed[l] + t, t < run,
// then belongs to marginal cell j * run + t when the run is kept, and to cell j when it is
// summed, so every inner loop is over a contiguous block (SIMD) with no per-cell index
// arithmetic. For q = 2 a run of one cell (positions n-1 and n-2 of different status) would
// leave one cell per block: the last two positions then make blocks of 4 cells instead, each
// feeding 2 consecutive marginal cells, handled with lane shuffles.
import { ipow } from './subsets';

/** Block shapes: a kept run, a summed run, and the q = 2 pairs (n-1 kept, n-2 summed or the reverse). */
const KEPT_RUN = 0;
const SUMMED_RUN = 1;
const PAIR_KEPT_LAST = 2;
const PAIR_SUMMED_LAST = 3;

/** The current layout: its block shape, cells per block and the lengths of the two offset lists. */
let shape = KEPT_RUN;
let run: usize = 1;
let keptCount: usize = 1;
let summedCount: usize = 1;

/** In place: every offset e of the first `count` in `list` becomes e, e + stride, ..., e + (q-1) stride (in that order). */
function expand(list: usize, count: usize, q: i32, stride: i32): void {
  for (let idx = <isize>count - 1; idx >= 0; idx--) {
    const e = load<i32>(list + (<usize>idx << 2));
    const at = list + ((<usize>idx * <usize>q) << 2);
    for (let d = q - 1; d >= 0; d--) store<i32>(at + (<usize>d << 2), e + d * stride);
  }
}

/** Sets shape, run, keptCount, summedCount and fills the offset lists `kept` and `summed` (cells). */
function layout(q: i32, n: i32, mask: u32, kept: usize, summed: usize): void {
  const last = (mask >>> (n - 1)) & 1;
  let s = 0;
  while (s < n && ((mask >>> (n - 1 - s)) & 1) == last) s++;
  if (q == 2 && s == 1 && n >= 2) {
    shape = last == 1 ? PAIR_KEPT_LAST : PAIR_SUMMED_LAST;
    s = 2;
  } else {
    shape = last == 1 ? KEPT_RUN : SUMMED_RUN;
  }
  run = ipow(q, s);
  store<i32>(kept, 0);
  store<i32>(summed, 0);
  keptCount = 1;
  summedCount = 1;
  let stride = <i32>ipow(q, n - 1);
  for (let i = 0; i < n - s; i++) {
    if (((mask >>> i) & 1) != 0) {
      expand(kept, keptCount, q, stride);
      keptCount *= <usize>q;
    } else {
      expand(summed, summedCount, q, stride);
      summedCount *= <usize>q;
    }
    stride /= q;
  }
}

/** Sum of len cells at x. */
// @ts-ignore: decorator
@inline function runSum(x: usize, len: usize): f64 {
  let acc = f64x2.splat(0);
  let i: usize = 0;
  for (; i + 2 <= len; i += 2) acc = f64x2.add(acc, v128.load(x + (i << 3)));
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (i < len) s += load<f64>(x + (i << 3));
  return s;
}

/** dst[t] += src[t] for t < len. */
// @ts-ignore: decorator
@inline function runAdd(dst: usize, src: usize, len: usize): void {
  let i: usize = 0;
  for (; i + 2 <= len; i += 2) v128.store(dst + (i << 3), f64x2.add(v128.load(dst + (i << 3)), v128.load(src + (i << 3))));
  if (i < len) store<f64>(dst + (i << 3), load<f64>(dst + (i << 3)) + load<f64>(src + (i << 3)));
}

/** x[t] *= f[t] for t < len. */
// @ts-ignore: decorator
@inline function runMul(x: usize, f: usize, len: usize): void {
  let i: usize = 0;
  for (; i + 2 <= len; i += 2) v128.store(x + (i << 3), f64x2.mul(v128.load(x + (i << 3)), v128.load(f + (i << 3))));
  if (i < len) store<f64>(x + (i << 3), load<f64>(x + (i << 3)) * load<f64>(f + (i << 3)));
}

/** x[t] *= f for t < len. */
// @ts-ignore: decorator
@inline function runScale(x: usize, f: f64, len: usize): void {
  const fv = f64x2.splat(f);
  let i: usize = 0;
  for (; i + 2 <= len; i += 2) v128.store(x + (i << 3), f64x2.mul(v128.load(x + (i << 3)), fv));
  if (i < len) store<f64>(x + (i << 3), load<f64>(x + (i << 3)) * f);
}

/** Cells of the marginal of the current layout. */
// @ts-ignore: decorator
@inline function marginalCells(): usize {
  if (shape == KEPT_RUN) return keptCount * run;
  return shape == SUMMED_RUN ? keptCount : keptCount << 1;
}

/** p plus entry j of an offset list (cells), in bytes. */
// @ts-ignore: decorator
@inline function offsetAt(p: usize, list: usize, j: usize): usize {
  return p + (<usize>load<i32>(list + (j << 2)) << 3);
}

/**
 * out = the marginal of p on the current layout (marginalCells() cells). Summed offsets outside,
 * kept ones inside: consecutive additions go to different output cells, so they do not wait on
 * each other through memory.
 */
function marginalOf(p: usize, out: usize, kept: usize, summed: usize): void {
  const runBytes = run << 3;
  memory.fill(out, 0, marginalCells() << 3);
  for (let l: usize = 0; l < summedCount; l++) {
    const base = p + (<usize>load<i32>(summed + (l << 2)) << 3);
    if (shape == KEPT_RUN) {
      for (let j: usize = 0; j < keptCount; j++) runAdd(out + j * runBytes, offsetAt(base, kept, j), run);
    } else if (shape == SUMMED_RUN) {
      for (let j: usize = 0; j < keptCount; j++) {
        const cell = out + (j << 3);
        store<f64>(cell, load<f64>(cell) + runSum(offsetAt(base, kept, j), run));
      }
    } else if (shape == PAIR_KEPT_LAST) {
      // Block (x00, x01, x10, x11) by digits of n-2, n-1: out pair += (x00 + x10, x01 + x11).
      for (let j: usize = 0; j < keptCount; j++) {
        const block = offsetAt(base, kept, j);
        const cell = out + (j << 4);
        v128.store(cell, f64x2.add(v128.load(cell), f64x2.add(v128.load(block), v128.load(block, 16))));
      }
    } else {
      // out pair += (x00 + x01, x10 + x11).
      for (let j: usize = 0; j < keptCount; j++) {
        const block = offsetAt(base, kept, j);
        const v0 = v128.load(block);
        const v1 = v128.load(block, 16);
        const cell = out + (j << 4);
        v128.store(cell, f64x2.add(v128.load(cell), f64x2.add(v128.shuffle<f64>(v0, v1, 0, 2), v128.shuffle<f64>(v0, v1, 1, 3))));
      }
    }
  }
}

/** p(x) *= factors[x_A] on the current layout. */
function scaleBy(p: usize, factors: usize, kept: usize, summed: usize): void {
  const runBytes = run << 3;
  for (let j: usize = 0; j < keptCount; j++) {
    const base = offsetAt(p, kept, j);
    if (shape == KEPT_RUN) {
      const f = factors + j * runBytes;
      for (let l: usize = 0; l < summedCount; l++) runMul(offsetAt(base, summed, l), f, run);
    } else if (shape == SUMMED_RUN) {
      const f = load<f64>(factors + (j << 3));
      for (let l: usize = 0; l < summedCount; l++) runScale(offsetAt(base, summed, l), f, run);
    } else {
      // Kept last: both rows of the block take the pair (f0, f1); summed last: row d takes f_d.
      const f = v128.load(factors + (j << 4));
      const pairKept = shape == PAIR_KEPT_LAST;
      const f0 = pairKept ? f : v128.shuffle<f64>(f, f, 0, 0);
      const f1 = pairKept ? f : v128.shuffle<f64>(f, f, 1, 1);
      for (let l: usize = 0; l < summedCount; l++) {
        const block = offsetAt(base, summed, l);
        v128.store(block, f64x2.mul(v128.load(block), f0));
        v128.store(block, f64x2.mul(v128.load(block, 16), f1), 16);
      }
    }
  }
}

/** max_c |m[c] - target[c]| over `cells` cells. */
function maxGap(m: usize, target: usize, cells: usize): f64 {
  let gap = 0.0;
  for (let c: usize = 0; c < cells; c++) gap = max(gap, abs(load<f64>(m + (c << 3)) - load<f64>(target + (c << 3))));
  return gap;
}

/**
 * out = the marginal of p (q^n cells) on the positions of mask, row-major over them in
 * increasing position order (q^|mask| cells). kept: q^|mask| i32, summed: q^(n-|mask|) i32.
 */
export function subsetMarginal(p: usize, q: i32, n: i32, mask: u32, out: usize, kept: usize, summed: usize): void {
  layout(q, n, mask, kept, summed);
  marginalOf(p, out, kept, summed);
}

/**
 * p(x) *= factors[x_A] for every cell, A the positions of mask (factors: q^|mask| cells, in the
 * marginal's order); kept and summed as for subsetMarginal.
 */
export function scaleBySubset(p: usize, q: i32, n: i32, mask: u32, factors: usize, kept: usize, summed: usize): void {
  layout(q, n, mask, kept, summed);
  scaleBy(p, factors, kept, summed);
}

/**
 * The largest |r_A - target_A| over the subsets masks[0..count) (u32), the targets' marginals
 * stored one after the other at `targets`; with `update`, each subset in turn also rescales
 * r(x) *= target_A(x_A) / r_A(x_A) (0 where r_A = 0, which only happens where target_A = 0)
 * after its gap is read.
 */
// @ts-ignore: decorator
@inline function ipfPass(
  r: usize, q: i32, n: i32, masks: usize, count: i32, targets: usize, marginal: usize, kept: usize, summed: usize, update: bool,
): f64 {
  let gap = 0.0;
  let target = targets;
  for (let a = 0; a < count; a++) {
    layout(q, n, load<u32>(masks + (<usize>a << 2)), kept, summed);
    marginalOf(r, marginal, kept, summed);
    const cells = marginalCells();
    gap = max(gap, maxGap(marginal, target, cells));
    if (update) {
      for (let c: usize = 0; c < cells; c++) {
        const m = load<f64>(marginal + (c << 3));
        store<f64>(marginal + (c << 3), m > 0 ? load<f64>(target + (c << 3)) / m : 0);
      }
      scaleBy(r, marginal, kept, summed);
    }
    target += cells << 3;
  }
  return gap;
}

/**
 * One IPF sweep: for each of the `count` subsets masks[0..count) (u32) in turn, r(x) *=
 * target_A(x_A) / r_A(x_A) (0 where r_A = 0, which only happens where target_A = 0), with
 * the targets' marginals stored one after the other at `targets`. Returns the largest
 * |r_A - target_A| seen before each update. marginal: q^max|A| cells; kept, summed as for
 * subsetMarginal.
 */
export function ipfSweep(
  r: usize, q: i32, n: i32, masks: usize, count: i32, targets: usize, marginal: usize, kept: usize, summed: usize,
): f64 {
  return ipfPass(r, q, n, masks, count, targets, marginal, kept, summed, true);
}

/** max over the subsets of ipfSweep of max |r_A - target_A|, r unchanged (same arguments). */
export function ipfMismatch(
  r: usize, q: i32, n: i32, masks: usize, count: i32, targets: usize, marginal: usize, kept: usize, summed: usize,
): f64 {
  return ipfPass(r, q, n, masks, count, targets, marginal, kept, summed, false);
}
