// The sampler's output distribution under the random policy (DESIGN.md §4-§5), over only the
// levels the schedule reaches: w_0 = 0 < w_1 = s_1 < ... < w_K = n revealed positions. Level k
// holds, for every revealed set W of size w_k, a contiguous block of q^|W| probabilities
// Q[W, x_W], row-major over W's positions in increasing order (the last one fastest). A step
// reveals a uniformly random s-subset S of the m = n - w masked positions, each x_i drawn from
// p(x_i | x_W):  Q[W ∪ S, x_{W ∪ S}] += Q[W, x_W] / C(m, s) · prod_{i in S} p(x_i | x_W).
// The conditionals p(x_i = a | x_W) = M[W + i, (x_W, a)] / M[W, x_W] come from the marginals of
// the sets of sizes w and w + 1, copied out of the lattice in its own order into blocks laid out
// like the levels (so the reads are streams, not one cache miss each). For each W they are
// computed once for all x_W, x_W fastest; then for each S the products are formed for all x_W
// at once (contiguous f64x2 multiplies, the partial products over S's first digits shared) into
// a block ordered (x_S, x_W), which is added into the child block of W ∪ S in the child's own
// row-major order: contiguous writes, the reads following the permuted digits.
// The last level (W = all positions) is the output table itself.
// A level's child cells are independent given the level before: each is the sum, over its
// parents W in increasing order, of one step's terms. samplerRandomSteps makes a range of units
// (child blocks, or parts of them with their first digits fixed; each parent's conditionals
// computed once per call), so a pool can split a level, even one of a single block, into ranges
// run at once, in per-lane work areas, with the same sums in the same order.
import { temperRow } from './conditionals';
import { binomial, ipow } from './subsets';

// Small arrays at the start of a lane's work area: n <= 32 u32 entries each.
const MASKED: usize = 0; // the positions outside W, increasing
const STEP: usize = 128; // S as indices into MASKED, increasing
const READ_STRIDES: usize = 256; // by digit of W ∪ S: its stride in the (x_S, x_W) products
const DIGITS: usize = 384; // an odometer
const INNER: usize = 512; // 512 u32: read offsets of the child's last digits in the products
const FIXED: usize = 2560; // the values of S's leading digits fixed by a unit's prefix
const SMALL_BYTES: f64 = 2688;
/** The inner (tabulated) digits of a child block span at most this many cells... */
const INNER_CELLS: usize = 1024;
/** ...and leave at least this many values of the outer digits to reuse the table, if there are digits to spare. */
const OUTER_REUSE: usize = 16;

// The shared blocks, set by layoutShared(); cw = q^|W| below.
let gOffsets: usize = 0; // 2^n u32: offset (cells) of W's block inside its level
let gLevelEven: usize = 0; // the levels k = 0, 2, 4, ... (k < K)
let gLevelOdd: usize = 0; // the levels k = 1, 3, ... (k < K)
let gMarginals: usize = 0; // M[W, x_W] for |W| = w, laid out like a level
let gMarginalsNext: usize = 0; // M[V, x_V] for |V| = w + 1
// A lane's blocks, set by layoutLane(), after its small arrays.
let gConditionals: usize = 0; // m x q x cw: p_T(x_i = a | x_W) at ((j q + a) cw + x_W), i = MASKED[j]
let gPrefixes: usize = 0; // s x cw: weight · Q[W, x_W] · prod over S's first d digits, d = 0..s-1
let gProducts: usize = 0; // q^s x cw: the step's terms ordered (x_S, x_W)

let gLattice: usize = 0;
let gWork: usize = 0;
let gq: i32 = 0;
let gn: i32 = 0;
let gInvT: f64 = 1;

/** 16-byte aligned size. */
function align(bytes: f64): f64 {
  return Math.ceil(bytes / 16) * 16;
}

/**
 * Sets the shared block pointers from `shared` and returns their size in bytes: 2^n u32 block
 * offsets, the largest even and odd levels below K (C(n, w) q^w cells each), and over the steps
 * w -> w + s the largest marginals of sizes w and w + 1 (C(n, w) q^w and C(n, w+1) q^(w+1)).
 */
function layoutShared(q: i32, n: i32, sizeAtLevel: usize, shared: usize): f64 {
  let even = 0.0;
  let odd = 0.0;
  let marginals = 0.0;
  let marginalsNext = 0.0;
  let w = 0;
  for (let k = 0; w < n; k++) {
    const cw = Math.pow(q, w);
    if (k & 1) odd = max(odd, binomial(n, w) * cw);
    else even = max(even, binomial(n, w) * cw);
    marginals = max(marginals, binomial(n, w) * cw);
    marginalsNext = max(marginalsNext, binomial(n, w + 1) * cw * q);
    w += load<i32>(sizeAtLevel + (<usize>w << 2));
  }
  gPlaced = 0;
  gOffsets = place(shared, Math.pow(2, n) * 4);
  gLevelEven = place(shared, even * 8);
  gLevelOdd = place(shared, odd * 8);
  gMarginals = place(shared, marginals * 8);
  gMarginalsNext = place(shared, marginalsNext * 8);
  return gPlaced;
}

/**
 * Sets a lane's block pointers from `lane` and returns its size in bytes: the small arrays and,
 * over the steps w -> w + s, the largest q^w (n - w) q conditionals, s q^w prefixes and
 * q^(w + s) products.
 */
function layoutLane(q: i32, n: i32, sizeAtLevel: usize, lane: usize): f64 {
  let conditionals = 0.0;
  let prefixes = 0.0;
  let products = 0.0;
  let w = 0;
  while (w < n) {
    const s = load<i32>(sizeAtLevel + (<usize>w << 2));
    const cw = Math.pow(q, w);
    conditionals = max(conditionals, cw * (n - w) * q);
    prefixes = max(prefixes, cw * s);
    products = max(products, cw * Math.pow(q, s));
    w += s;
  }
  gPlaced = SMALL_BYTES;
  gConditionals = place(lane, conditionals * 8);
  gPrefixes = place(lane, prefixes * 8);
  gProducts = place(lane, products * 8);
  return gPlaced;
}

/** Bytes of the work area laid out so far (f64: a size beyond 4 GiB must show, not wrap). */
let gPlaced: f64 = 0;

/** Reserves `bytes` (aligned) after what the layout has placed so far; returns where they start. */
function place(work: usize, bytes: f64): usize {
  const at = work + <usize>gPlaced;
  gPlaced += align(bytes);
  return at;
}

/** Bytes of the blocks all lanes share (samplerRandomStart, samplerRandomLevel, samplerRandomSteps). */
export function samplerRandomSharedBytes(q: i32, n: i32, sizeAtLevel: usize): f64 {
  return layoutShared(q, n, sizeAtLevel, 0);
}

/** Bytes of one lane's work area (samplerRandomSteps). */
export function samplerRandomLaneBytes(q: i32, n: i32, sizeAtLevel: usize): f64 {
  return layoutLane(q, n, sizeAtLevel, 0);
}

/** Bytes of the work area of samplerRandom for this schedule: the shared blocks and one lane's. */
export function samplerRandomBytes(q: i32, n: i32, sizeAtLevel: usize): f64 {
  return samplerRandomSharedBytes(q, n, sizeAtLevel) + samplerRandomLaneBytes(q, n, sizeAtLevel);
}

// @ts-ignore: decorator
@inline function u32At(base: usize, i: i32): u32 {
  return load<u32>(base + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function setU32(base: usize, i: i32, value: u32): void {
  store<u32>(base + (<usize>i << 2), value);
}

/** The next mask with the same number of bits (Gosper's hack); `limit` after the only 0-bit mask. */
// @ts-ignore: decorator
@inline function nextMask(mask: u64, size: i32, limit: u64): u64 {
  if (size == 0) return limit;
  const low = mask & (~mask + 1);
  const ripple = mask + low;
  return (((ripple ^ mask) >> 2) / low) | ripple;
}

/** Assigns each mask of `size` bits its block offset (cells) inside its level. */
function blockOffsets(size: i32): void {
  const limit = <u64>1 << gn;
  const cells = <u32>ipow(gq, size);
  let offset: u32 = 0;
  for (let mask: u64 = (<u64>1 << size) - 1; mask < limit; mask = nextMask(mask, size, limit)) {
    setU32(gOffsets, <i32>mask, offset);
    offset += cells;
  }
}

/** dst[x] = a[x] * b[x] for x < count. */
function multiply(dst: usize, a: usize, b: usize, count: usize): void {
  const bytes = count << 3;
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) v128.store(dst + o, f64x2.mul(v128.load(a + o), v128.load(b + o)));
  if (o < bytes) store<f64>(dst + o, load<f64>(a + o) * load<f64>(b + o));
}

/**
 * marginals[offset[V] + x_V] = M[V, x_V] for every set V of `size` positions, walking the
 * lattice in its own order from position i on (need: positions still to reveal; z, V, x_V so
 * far; stride: (q+1)^(n-1-i), position i's stride in the lattice).
 */
function extract(marginals: usize, i: i32, need: i32, z: usize, V: u32, x: usize, stride: usize): void {
  if (i == gn) {
    store<f64>(marginals + ((<usize>u32At(gOffsets, <i32>V) + x) << 3), load<f64>(gLattice + (z << 3)));
    return;
  }
  const q = gq;
  const next = stride / (<usize>q + 1);
  if (need > 0) {
    for (let a = 0; a < q; a++) extract(marginals, i + 1, need - 1, z + <usize>a * stride, V | (<u32>1 << i), x * q + a, next);
  }
  if (gn - i > need) extract(marginals, i + 1, need, z + <usize>q * stride, V, x, next);
}

/**
 * The conditionals of every x_W (W in REVEALED, w of them; its m masked positions in MASKED):
 * M[W + i, (x_W, a)] from the next marginals, where a sits between the W digits before and
 * after i, divided by M[W, x_W] (uniform 1/q where that is 0), tempered when invT != 1.
 */
function fillConditionals(W: u32, m: i32, cw: usize): void {
  const q = gq;
  const mw = gMarginals + (<usize>u32At(gOffsets, <i32>W) << 3);
  const uniform = 1.0 / <f64>q;
  for (let j = 0; j < m; j++) {
    const i = <i32>u32At(gWork + MASKED, j);
    const after = <i32>popcnt(W >> <u32>i); // W positions after i: i itself is not in W
    const low = ipow(q, after);
    const highs = cw / low;
    const block = gMarginalsNext + (<usize>u32At(gOffsets, <i32>(W | (<u32>1 << i))) << 3);
    for (let a = 0; a < q; a++) {
      const plane = gConditionals + ((<usize>(j * q + a) * cw) << 3);
      let x: usize = 0;
      for (let h: usize = 0; h < highs; h++) {
        const src = block + (((h * q + a) * low) << 3);
        for (let l: usize = 0; l < low; l++) {
          store<f64>(plane + (x << 3), load<f64>(src + (l << 3)));
          x++;
        }
      }
    }
    const planeBytes = cw << 3;
    const first = gConditionals + ((<usize>(j * q) * cw) << 3);
    for (let x: usize = 0; x < cw; x++) {
      const mz = load<f64>(mw + (x << 3));
      const row = first + (x << 3);
      if (!(mz > 0)) {
        for (let a = 0; a < q; a++) store<f64>(row + <usize>a * planeBytes, uniform);
      } else if (gInvT == 1) {
        for (let a = 0; a < q; a++) store<f64>(row + <usize>a * planeBytes, load<f64>(row + <usize>a * planeBytes) / mz);
      } else temperRow(row, planeBytes, q, gInvT);
    }
  }
}

/**
 * Products of digit d of S onwards over x_W in [from, from + count) (cw: the conditionals'
 * planes' length): for each value a of S's d-th position (only FIXED[d] for the first `fixed`
 * digits), prefix d times its conditional; the last digit writes products[t count + x], t = the
 * free digits of x_S so far, x = x_W - from.
 */
function expand(d: i32, s: i32, fixed: i32, prefix: usize, t: usize, cw: usize, from: usize, count: usize): void {
  const q = gq;
  const j = <usize>u32At(gWork + STEP, d);
  const last = d == s - 1;
  const next = gPrefixes + ((<usize>(d + 1) * count) << 3);
  const lo = d < fixed ? <i32>u32At(gWork + FIXED, d) : 0;
  const hi = d < fixed ? lo + 1 : q;
  for (let a = lo; a < hi; a++) {
    const c = gConditionals + (((j * q + a) * cw + from) << 3);
    const ta = d < fixed ? t : t * q + a;
    if (last) multiply(gProducts + ((ta * count) << 3), prefix, c, count);
    else {
      multiply(next, prefix, c, count);
      expand(d + 1, s, fixed, next, ta, cw, from, count);
    }
  }
}

/**
 * child[x_C] += products[read(x_C)] over the child block, row-major over C = W ∪ S (c digits),
 * READ_STRIDES giving each digit's stride in the products. The last L digits (q^L <=
 * INNER_CELLS) are inner: the read offsets of all but the last `unrolled` of them are
 * tabulated once; those last digits' q^unrolled cells, contiguous in the child, go in one
 * unrolled body, two at a time (f64x2): for q = 2 the last two digits (4 cells), else the last.
 */
function addProducts(child: usize, c: i32): void {
  const q = gq;
  const unrolled = q == 2 && c >= 2 ? 2 : 1;
  let inner = unrolled;
  while (inner < c && ipow(q, inner + 1) <= INNER_CELLS && ipow(q, c - inner - 1) >= OUTER_REUSE) inner++;
  const outerDigits = c - inner;
  // INNER[u] for u over the inner digits but the unrolled ones, row-major.
  const table = gWork + INNER;
  store<u32>(table, 0);
  let count = 1;
  for (let d = outerDigits; d < c - unrolled; d++) {
    const stride = u32At(gWork + READ_STRIDES, d);
    for (let u = count - 1; u >= 0; u--) {
      const base = u32At(table, u);
      for (let a = q - 1; a >= 0; a--) setU32(table, u * q + a, base + <u32>a * stride);
    }
    count *= q;
  }
  const lastRead = (<usize>u32At(gWork + READ_STRIDES, c - 1)) << 3;
  const outer = ipow(q, outerDigits);
  for (let t = 0; t < outerDigits; t++) setU32(gWork + DIGITS, t, 0);
  let read: usize = 0;
  let dst = child;
  for (let o: usize = 0; o < outer; o++) {
    const src = gProducts + (read << 3);
    if (unrolled == 2) {
      const secondRead = (<usize>u32At(gWork + READ_STRIDES, c - 2)) << 3;
      addQuads(dst, src, table, count, secondRead, lastRead);
      dst += <usize>count << 5;
    } else {
      addRows(dst, src, table, count, q, lastRead);
      dst += (<usize>count * q) << 3;
    }
    for (let t = outerDigits - 1; t >= 0; t--) {
      const stride = <usize>u32At(gWork + READ_STRIDES, t);
      const d = u32At(gWork + DIGITS, t);
      if (d + 1 < <u32>q) {
        setU32(gWork + DIGITS, t, d + 1);
        read += stride;
        break;
      }
      setU32(gWork + DIGITS, t, 0);
      read -= <usize>(q - 1) * stride;
    }
  }
}

/** q = 2: for u < count, the 4 child cells at dst + 32 u += src[table[u] + {0, last, second, second + last}]. */
// @ts-ignore: decorator
@inline function addQuads(dst: usize, src: usize, table: usize, count: i32, secondRead: usize, lastRead: usize): void {
  if (lastRead == 8) {
    for (let u = 0; u < count; u++) {
      const from = src + (<usize>u32At(table, u) << 3);
      v128.store(dst, f64x2.add(v128.load(dst), v128.load(from)));
      v128.store(dst + 16, f64x2.add(v128.load(dst + 16), v128.load(from + secondRead)));
      dst += 32;
    }
  } else {
    for (let u = 0; u < count; u++) {
      const from = src + (<usize>u32At(table, u) << 3);
      const second = from + secondRead;
      v128.store(dst, f64x2.add(v128.load(dst), v128.load64_lane(from + lastRead, v128.load64_zero(from), 1)));
      v128.store(dst + 16, f64x2.add(v128.load(dst + 16), v128.load64_lane(second + lastRead, v128.load64_zero(second), 1)));
      dst += 32;
    }
  }
}

/** For u < count, the q child cells at dst + 8 q u += src[table[u] + a lastRead], a < q, two at a time. */
// @ts-ignore: decorator
@inline function addRows(dst: usize, src: usize, table: usize, count: i32, q: i32, lastRead: usize): void {
  const pairs = q >> 1;
  const pairRead = lastRead << 1;
  for (let u = 0; u < count; u++) {
    let from = src + (<usize>u32At(table, u) << 3);
    for (let a = 0; a < pairs; a++) {
      v128.store(dst, f64x2.add(v128.load(dst), v128.load64_lane(from + lastRead, v128.load64_zero(from), 1)));
      dst += 16;
      from += pairRead;
    }
    if (q & 1) {
      store<f64>(dst, load<f64>(dst) + load<f64>(from));
      dst += 8;
    }
  }
}

/**
 * The steps of size s from the block of W (w revealed) in `parents` into the units first..end-1
 * of the level `children`: a unit is q^(w+s-digits) cells, the child cells whose first `digits`
 * digits are fixed (one value of the prefix), so a child block is q^digits units. For a unit, x_W
 * ranges over the values agreeing with the prefix (W's first positions in it) and S's first
 * digits in it are fixed; every product is the one the whole block's step makes, by the same
 * multiplications, and each child cell still gets one add per parent, parents in increasing
 * order. W's conditionals are computed when its first unit in range comes up, if any does.
 */
function stepFrom(W: u32, w: i32, s: i32, weight: f64, parents: usize, children: usize, digits: i32, first: usize, end: usize): void {
  const q = gq;
  const n = gn;
  const work = gWork;
  let m = 0;
  for (let i = 0; i < n; i++) if (!((W >> i) & 1)) setU32(work + MASKED, m++, i);
  const cw = ipow(q, w);
  const units = ipow(q, digits);
  const unitCells = ipow(q, w + s - digits);
  const parent = parents + (<usize>u32At(gOffsets, <i32>W) << 3);
  let ready = false;
  const limit = <u64>1 << m;
  for (let pick: u64 = (<u64>1 << s) - 1; pick < limit; pick = nextMask(pick, s, limit)) {
    let C = W;
    for (let j = 0; j < m; j++) if (<u32>(pick >> j) & 1) C |= <u32>1 << u32At(work + MASKED, j);
    const offset = <usize>u32At(gOffsets, <i32>C);
    const base = offset / unitCells;
    const lo = max(base, first);
    const hi = min(base + units, end);
    if (lo >= hi) continue;
    if (!ready) {
      fillConditionals(W, m, cw);
      ready = true;
    }
    let t = 0;
    for (let j = 0; j < m; j++) if (<u32>(pick >> j) & 1) setU32(work + STEP, t++, j);
    for (let unit = lo; unit < hi; unit++) {
      // The prefix: C's first `digits` positions, valued by the unit's digits, most significant first.
      const value = unit - base;
      let fixed = 0;
      let inW = 0;
      let xW: usize = 0;
      let left = digits;
      for (let i = 0; left > 0; i++) {
        if (!((C >> i) & 1)) continue;
        left--;
        const v = (value / ipow(q, left)) % <usize>q;
        if ((W >> i) & 1) {
          xW = xW * <usize>q + v;
          inW++;
        } else setU32(work + FIXED, fixed++, <u32>v);
      }
      const count = ipow(q, w - inW);
      const from = xW * count;
      for (let x: usize = 0; x < count; x++) store<f64>(gPrefixes + (x << 3), weight * load<f64>(parent + ((from + x) << 3)));
      expand(0, s, fixed, gPrefixes, 0, cw, from, count);
      // Read strides of C's free digits, from the last: W digits step through x_W, S digits through x_S.
      const free = w + s - digits;
      let strideW: usize = 1;
      let strideS: usize = count;
      let digit = free - 1;
      for (let i = n - 1; digit >= 0; i--) {
        if (!((C >> i) & 1)) continue;
        if ((W >> i) & 1) {
          setU32(work + READ_STRIDES, digit, <u32>strideW);
          strideW *= <usize>q;
        } else {
          setU32(work + READ_STRIDES, digit, <u32>strideS);
          strideS *= <usize>q;
        }
        digit--;
      }
      addProducts(children + ((unit * unitCells) << 3), free);
    }
  }
}

/** Sets the kernel's globals for a call. */
function enter(lattice: usize, q: i32, n: i32, sizeAtLevel: usize, invT: f64, shared: usize, lane: usize): void {
  layoutShared(q, n, sizeAtLevel, shared);
  layoutLane(q, n, sizeAtLevel, lane);
  gLattice = lattice;
  gWork = lane;
  gq = q;
  gn = n;
  gInvT = invT;
}

/** The index k of the level with w revealed (w_k = w) and whether it is odd. */
function levelIsOdd(n: i32, sizeAtLevel: usize, w: i32): bool {
  let k = 0;
  for (let v = 0; v < w; v += load<i32>(sizeAtLevel + (<usize>v << 2))) k++;
  return (k & 1) == 1;
}

/**
 * First call of a run in `shared` (samplerRandomSharedBytes): every set's block offset inside its
 * level, and level 0, Q[∅] = 1.
 */
export function samplerRandomStart(q: i32, n: i32, sizeAtLevel: usize, shared: usize): void {
  layoutShared(q, n, sizeAtLevel, shared);
  gq = q;
  gn = n;
  for (let size = 0; size <= n; size++) blockOffsets(size);
  store<f64>(gLevelEven, 1.0);
}

/**
 * Before the steps from level w, one part of the marginals, from the lattice: those of the sets
 * of size w (into the marginals; next = 0) or w + 1 (into the next marginals; next = 1) whose
 * position 0 has value `branch` (< q), or is not in the set (branch = q). The 2 (q + 1) parts
 * write disjoint cells: each set's block, or its part with the first digit `branch`.
 */
export function samplerRandomLevel(lattice: usize, q: i32, n: i32, sizeAtLevel: usize, shared: usize, w: i32, next: i32, branch: i32): void {
  layoutShared(q, n, sizeAtLevel, shared);
  gLattice = lattice;
  gq = q;
  gn = n;
  const size = w + next;
  const marginals = next ? gMarginalsNext : gMarginals;
  const top = ipow(q + 1, n - 1);
  const below = top / (<usize>q + 1);
  if (branch < q) {
    if (size > 0) extract(marginals, 1, size - 1, <usize>branch * top, 1, <usize>branch, below);
  } else if (n > size) extract(marginals, 1, size, <usize>q * top, 0, 0, below);
}

/**
 * The units first..end-1 of the level after w (a unit: q^(w+s-digits) cells, the cells of a child
 * block with their first `digits` digits fixed; 0 <= digits < w+s; a block is q^digits units,
 * blocks in their level's order): zeroed, then every parent's terms added, parents in increasing
 * order. The last level's blocks (one: all positions) are `out`. lane:
 * samplerRandomLaneBytes of this call's own.
 */
export function samplerRandomSteps(lattice: usize, q: i32, n: i32, sizeAtLevel: usize, invT: f64, shared: usize, lane: usize, w: i32, out: usize, digits: i32, first: u32, end: u32): void {
  enter(lattice, q, n, sizeAtLevel, invT, shared, lane);
  const s = load<i32>(sizeAtLevel + (<usize>w << 2));
  const next = w + s;
  const odd = levelIsOdd(n, sizeAtLevel, w);
  const parents = odd ? gLevelOdd : gLevelEven;
  const children = next == n ? out : odd ? gLevelEven : gLevelOdd;
  const unitCells = ipow(q, next - digits);
  memory.fill(children + ((<usize>first * unitCells) << 3), 0, (<usize>(end - first) * unitCells) << 3);
  const weight = 1.0 / binomial(n - w, s);
  const limit = <u64>1 << n;
  for (let W: u64 = (<u64>1 << w) - 1; W < limit; W = nextMask(W, w, limit)) stepFrom(<u32>W, w, s, weight, parents, children, digits, first, end);
}

/**
 * out (q^n cells) = the random policy's output distribution q_mix for the table whose lattice
 * is `lattice`. sizeAtLevel[w] (n x i32): the step size taken with w positions revealed;
 * invT = 1 / temperature; work: samplerRandomBytes(q, n, sizeAtLevel) bytes.
 * Work: sum_k C(n, w_k) C(n - w_k, s_k) q^(w_k + s_k) multiply-adds, plus
 * sum_k C(n, w_k) q^w_k (n - w_k) q conditionals, from marginals copied out of the lattice.
 */
export function samplerRandom(lattice: usize, q: i32, n: i32, sizeAtLevel: usize, invT: f64, work: usize, out: usize): void {
  const lane = work + <usize>samplerRandomSharedBytes(q, n, sizeAtLevel);
  samplerRandomStart(q, n, sizeAtLevel, work);
  for (let w = 0; w < n; w += load<i32>(sizeAtLevel + (<usize>w << 2))) {
    for (let next = 0; next <= 1; next++) for (let branch = 0; branch <= q; branch++) samplerRandomLevel(lattice, q, n, sizeAtLevel, work, w, next, branch);
    const next = w + load<i32>(sizeAtLevel + (<usize>w << 2));
    samplerRandomSteps(lattice, q, n, sizeAtLevel, invT, work, lane, w, out, 0, 0, <u32>binomial(n, next));
  }
}
