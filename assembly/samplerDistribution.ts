// The exact output distribution of the unmasking sampler (DESIGN.md §4-§5) under an adaptive
// policy: a forward pass over the lattice states the policy reaches. A step from partial state z
// reveals the one set S its policy picks, each x_i drawn independently from p(x_i | z)
// (conditionals.ts), so it carries Q(z) prod_{i in S} p(x_i | z) to z with S filled, where Q(z)
// is the probability that the sampler is ever in z. One chosen S per state makes the reachable
// states few (fixed sizes s_1..s_K: at most q^(w_k) at level w_k), so they are kept as
// (lattice index, revealed count, mass) entries in an open-addressing table (two paths can reach
// the same z: threshold, ties, or S(z1) and S(z2) crossing) and expanded in order of revealed
// count, every parent before its children. Fully revealed children go straight into `out`.
// The random policy takes the level-compact path of samplerRandom.ts instead.
import { conditionalRow } from './conditionals';
import { CHOSEN as POLICY_CHOSEN, MASKED as POLICY_MASKED, POLICY_RANDOM, POLICY_THRESHOLD, POLICY_WORK_BYTES, chooseThreshold, chooseTop, scorePositions } from './policy';
import { samplerRandom, samplerRandomBytes } from './samplerRandom';
import { binomial } from './subsets';

// Work area layout (bytes from `work`), for n <= 32 positions.
const STRIDES: usize = 0; // n x u32: (q+1)^(n-1-i), lattice index strides
const OUT_STRIDES: usize = 128; // n x u32: q^(n-1-i), output table strides
const POLICY_AREA: usize = 256; // policy.ts's area: masked positions, chosen ones, scores
const MASKED: usize = POLICY_AREA + POLICY_MASKED; // n x i32: the masked positions, increasing
const CHOSEN: usize = POLICY_AREA + POLICY_CHOSEN; // n x i32: the positions revealed
const CONDITIONALS: usize = POLICY_AREA + POLICY_WORK_BYTES; // n x q x f64: p_T(x_i = a | z), by position
// Then the state table, a power of two of slots of SLOT_BYTES (filled to 3/4 at most), and the
// level list, one u32 per slot: the lattice indices of the states being expanded, sorted.

/** Bytes per table slot: lattice index z (u32, EMPTY if free), revealed count (u32), mass (f64). */
const SLOT_BYTES: usize = 16;
/** Bytes per slot of table and level list together. */
const PER_SLOT_BYTES: f64 = 20;
const EMPTY: u32 = 0xFFFFFFFF;
const MIN_SLOTS: f64 = 16;

/** Bytes of the adaptive work area before the state table (64-byte aligned). */
function adaptiveAreaBytes(q: i32): usize {
  return (CONDITIONALS + ((<usize>32 * q) << 3) + 63) & ~<usize>63;
}

/**
 * A bound on the states the adaptive pass keeps: every reachable state with fewer than n
 * revealed positions (fully revealed ones go to out), N_w of them with w revealed. Such a state
 * is one of C(n, w) q^w, reached from a parent with w' < w revealed that chose one S of size
 * w - w', so N_w <= sum_{w'<w} N_{w'} q^(w-w'). Fixed sizes (levels w_0 = 0 < w_1 < ... <
 * w_K = n): N_(w_k) <= min(N_(w_(k-1)) q^(s_k), C(n, w_k) q^(w_k)) = q^(w_k). Threshold (any
 * step size): N_0 = 1, N_w <= min(sum_{w'<w} N_{w'} q^(w-w'), C(n, w) q^w), whose sum is of the
 * order of (q+1)^n (q=2, n=16: 1.7e7 states), so the facade starts smaller and grows when the
 * kernel says the table is full.
 */
function reachableBound(q: i32, n: i32, policy: i32, sizeAtLevel: usize): f64 {
  const Q = <f64>q;
  if (policy != POLICY_THRESHOLD) {
    let total = 0.0;
    let w = 0;
    let states = 1.0;
    while (w < n) {
      total += states;
      const size = load<i32>(sizeAtLevel + (<usize>w << 2));
      if (size <= 0) break;
      w += size;
      states = Math.min(states * Math.pow(Q, size), binomial(n, w) * Math.pow(Q, w));
    }
    return total;
  }
  // carry = sum_{w'<w} N_{w'} q^(w-w') = q (carry at w-1 + N_(w-1)); previous = N_(w-1).
  let total = 1.0;
  let previous = 1.0;
  let carry = 0.0;
  for (let w = 1; w < n; w++) {
    carry = Q * (carry + previous);
    previous = Math.min(carry, binomial(n, w) * Math.pow(Q, w));
    total += previous;
  }
  return total;
}

/**
 * Bytes of samplerDistribution's work area: random, samplerRandomBytes (the schedule's two
 * largest compact levels and small tables); adaptive, a small area plus a table of 16-byte slots,
 * the power of two >= 4/3 of reachableBound (every state the pass can keep), and a u32 per slot
 * for sorting a level: fixed sizes
 * sum_{k<K} q^(w_k) states at most; threshold, a loose bound near (q+1)^n (the facade starts
 * smaller and grows on demand).
 */
export function samplerWorkBytes(q: i32, n: i32, policy: i32, sizeAtLevel: usize): f64 {
  if (policy == POLICY_RANDOM) return samplerRandomBytes(q, n, sizeAtLevel);
  const entries = reachableBound(q, n, policy, sizeAtLevel);
  const slots = Math.max(MIN_SLOTS, Math.pow(2, Math.ceil(Math.log2(Math.ceil(entries * 4 / 3)))));
  return <f64>adaptiveAreaBytes(q) + slots * PER_SLOT_BYTES;
}

let gLattice: usize = 0;
let gWork: usize = 0;
let gOut: usize = 0;
let gq: i32 = 0;
let gInvT: f64 = 1;
let gTable: usize = 0;
let gMask: u32 = 0;
let gShift: u32 = 0;
let gFree: u32 = 0; // entries the table may still take
let gFull = false;

// @ts-ignore: decorator
@inline function u32At(offset: usize, i: i32): u32 {
  return load<u32>(gWork + offset + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function conditional(position: i32, a: i32): f64 {
  return load<f64>(gWork + CONDITIONALS + ((<usize>(position * gq + a)) << 3));
}

/** Adds `mass` to state z (with `level` revealed positions), a new entry if z is not there yet. */
function add(z: u32, level: u32, mass: f64): void {
  let s = (z * 0x9E3779B9) >> gShift;
  while (true) {
    const at = gTable + (<usize>s) * SLOT_BYTES;
    const key = load<u32>(at);
    if (key == z) {
      store<f64>(at, load<f64>(at, 8) + mass, 8);
      return;
    }
    if (key == EMPTY) {
      if (gFree == 0) {
        gFull = true;
        return;
      }
      gFree--;
      store<u32>(at, z);
      store<u32>(at, level, 4);
      store<f64>(at, mass, 8);
      return;
    }
    s = (s + 1) & gMask;
  }
}

/** The slot of state z (in the table). */
function find(z: u32): usize {
  let s = (z * 0x9E3779B9) >> gShift;
  while (true) {
    const at = gTable + (<usize>s) * SLOT_BYTES;
    if (load<u32>(at) == z) return at;
    s = (s + 1) & gMask;
  }
}

/** Sorts the u32 at list[lo..hi] (distinct) into decreasing order: quicksort, insertion sort below 16. */
function sortDescending(list: usize, lo: i32, hi: i32): void {
  while (hi - lo >= 16) {
    // Median of three as the pivot; recurse on the smaller side.
    const a = load<u32>(list + (<usize>lo << 2));
    const b = load<u32>(list + (<usize>((lo + hi) >> 1) << 2));
    const c = load<u32>(list + (<usize>hi << 2));
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : (a > c ? a : b > c ? c : b);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (load<u32>(list + (<usize>i << 2)) > pivot) i++;
      while (load<u32>(list + (<usize>j << 2)) < pivot) j--;
      if (i <= j) {
        const t = load<u32>(list + (<usize>i << 2));
        store<u32>(list + (<usize>i << 2), load<u32>(list + (<usize>j << 2)));
        store<u32>(list + (<usize>j << 2), t);
        i++;
        j--;
      }
    }
    if (j - lo < hi - i) {
      sortDescending(list, lo, j);
      lo = i;
    } else {
      sortDescending(list, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = load<u32>(list + (<usize>i << 2));
    let j = i - 1;
    while (j >= lo && load<u32>(list + (<usize>j << 2)) < v) {
      store<u32>(list + (<usize>(j + 1) << 2), load<u32>(list + (<usize>j << 2)));
      j--;
    }
    store<u32>(list + (<usize>(j + 1) << 2), v);
  }
}

/**
 * For every value of the chosen positions t..size-1 (i32 at work offset `chosen`), adds
 * weight * their conditionals to the state table at lattice index `index` less the filled
 * digits (level: the child's revealed count).
 */
function pushStates(chosen: usize, t: i32, size: i32, weight: f64, index: usize, level: u32): void {
  const q = gq;
  const position = <i32>u32At(chosen, t);
  const stride = <usize>u32At(STRIDES, position);
  for (let a = 0; a < q; a++) {
    const w = weight * conditional(position, a);
    if (w == 0) continue;
    const target = index - <usize>(q - a) * stride;
    if (t == size - 1) add(<u32>target, level, w);
    else pushStates(chosen, t + 1, size, w, target, level);
  }
}

/** As pushStates for a step that reveals every masked position: adds into out at row-major `index`. */
function pushOut(chosen: usize, t: i32, size: i32, weight: f64, index: usize): void {
  const q = gq;
  const position = <i32>u32At(chosen, t);
  const stride = <usize>u32At(OUT_STRIDES, position);
  for (let a = 0; a < q; a++) {
    const w = weight * conditional(position, a);
    if (w == 0) continue;
    const target = index + <usize>a * stride;
    if (t == size - 1) {
      const at = gOut + (target << 3);
      store<f64>(at, load<f64>(at) + w);
    } else pushOut(chosen, t + 1, size, w, target);
  }
}

/** Fills the conditionals p_T(x_i = a | z) of every masked position of state `index`. */
function conditionals(index: usize, masked: i32): void {
  const q = gq;
  const mz = load<f64>(gLattice + (index << 3));
  for (let j = 0; j < masked; j++) {
    const position = <i32>u32At(MASKED, j);
    conditionalRow(gLattice, index, mz, q, <usize>u32At(STRIDES, position), gInvT, gWork + CONDITIONALS + ((<usize>(position * q)) << 3));
  }
}

/**
 * out (q^n cells) = the sampler's output distribution for table p with built lattice `lattice`.
 * sizeAtLevel[w] (n x i32): the size of the step taken with w positions revealed (0: none;
 * ignored for the threshold policy). Conditionals are tempered by `temperature` (1: untouched).
 * work: workBytes >= samplerWorkBytes(q, n, policy, sizeAtLevel) bytes always do; the threshold
 * policy may be given fewer. Returns 1 when done, 0 when the adaptive state table ran out of
 * room (out is then incomplete: run again with a larger work area).
 */
export function samplerDistribution(lattice: usize, q: i32, n: i32, policy: i32, sizeAtLevel: usize, threshold: f64, temperature: f64, work: usize, workBytes: f64, out: usize): i32 {
  const invT = 1.0 / temperature;
  if (policy == POLICY_RANDOM) {
    samplerRandom(lattice, q, n, sizeAtLevel, invT, work, out);
    return 1;
  }
  gInvT = invT;
  gLattice = lattice;
  gWork = work;
  gOut = out;
  gq = q;
  const Qn = <usize>q + 1;
  let total: usize = 1;
  let cells: usize = 1;
  for (let i = n - 1; i >= 0; i--) {
    store<u32>(work + STRIDES + (<usize>i << 2), <u32>total);
    store<u32>(work + OUT_STRIDES + (<usize>i << 2), <u32>cells);
    total *= Qn;
    cells *= <usize>q;
  }
  // The table: the largest power of two of slots that fits, at most 3/4 full.
  const area = adaptiveAreaBytes(q);
  if (workBytes < <f64>area + MIN_SLOTS * PER_SLOT_BYTES) return 0;
  let bits: u32 = 4;
  while (bits < 31 && <f64>area + Math.pow(2, bits + 1) * PER_SLOT_BYTES <= workBytes) bits++;
  const slots = <u32>1 << bits;
  gTable = work + area;
  const list = gTable + <usize>slots * SLOT_BYTES;
  gMask = slots - 1;
  gShift = 32 - bits;
  gFree = slots - (slots >> 2);
  gFull = false;
  memory.fill(gTable, 0xFF, <usize>slots * SLOT_BYTES);
  memory.fill(out, 0, cells << 3);
  add(<u32>(total - 1), 0, 1.0);
  let levels: u64 = 1; // bit w: some state with w revealed is in the table
  for (let level = 0; level < n; level++) {
    if (((levels >> level) & 1) == 0) continue;
    // The level's states by decreasing lattice index, the order of a scan of the whole lattice
    // from the top: neighbouring states write neighbouring cells, and with fixed sizes (every
    // parent of a state on one level) each sum is added up in the same order as by that scan.
    let count: u32 = 0;
    for (let s: u32 = 0; s < slots; s++) {
      const at = gTable + (<usize>s) * SLOT_BYTES;
      const z = load<u32>(at);
      if (z != EMPTY && load<u32>(at, 4) == <u32>level) store<u32>(list + (<usize>(count++) << 2), z);
    }
    sortDescending(list, 0, <i32>count - 1);
    for (let e: u32 = 0; e < count; e++) {
      const z = load<u32>(list + (<usize>e << 2));
      const mass = load<f64>(find(z), 8);
      // The masked positions (digit q) and the revealed part of the output index.
      let masked = 0;
      let base: usize = 0;
      let rest = <usize>z;
      for (let i = 0; i < n; i++) {
        const stride = <usize>u32At(STRIDES, i);
        const digit = <i32>(rest / stride);
        rest -= <usize>digit * stride;
        if (digit == q) store<u32>(work + MASKED + (<usize>(masked++) << 2), i);
        else base += <usize>digit * <usize>u32At(OUT_STRIDES, i);
      }
      let size = policy == POLICY_THRESHOLD ? 1 : load<i32>(sizeAtLevel + (<usize>level << 2));
      if (size <= 0) continue;
      conditionals(<usize>z, masked);
      // The set S (at `chosen`): a step that must reveal every masked position needs no scores.
      let chosen = MASKED;
      if (size < masked) {
        chosen = CHOSEN;
        scorePositions(work + POLICY_AREA, work + CONDITIONALS, q, masked, policy);
        size = policy == POLICY_THRESHOLD ? chooseThreshold(work + POLICY_AREA, masked, threshold) : chooseTop(work + POLICY_AREA, masked, size);
      } else size = masked;
      const child = level + size;
      if (child == n) pushOut(chosen, 0, size, mass, base);
      else {
        pushStates(chosen, 0, size, mass, <usize>z, <u32>child);
        if (gFull) return 0;
        levels |= <u64>1 << child;
      }
    }
  }
  return 1;
}
