// The exact output distribution of the unmasking sampler (DESIGN.md §4-§5) under an adaptive
// policy: a forward pass over lattice states. Q[z] is the probability that the sampler is ever
// in partial state z; a step from z reveals the set S its policy picks, each x_i drawn
// independently from p(x_i | z) (conditionals.ts), so it adds Q[z] prod_{i in S} p(x_i | z) to
// Q[z with S filled]. Filling digits only lowers the base-(q+1) index, so one scan from the top
// index down visits every state after all of its predecessors: one pass, no level bookkeeping.
// The random policy takes the level-compact path of samplerRandom.ts instead.
import { conditionalRow } from './conditionals';
import { latticeGather } from './lattice';
import { CHOSEN as POLICY_CHOSEN, MASKED as POLICY_MASKED, POLICY_RANDOM, POLICY_THRESHOLD, POLICY_WORK_BYTES, chooseThreshold, chooseTop, scorePositions } from './policy';
import { samplerRandom, samplerRandomBytes } from './samplerRandom';


// Work area layout (bytes from `work`), for n <= 32 positions.
const STRIDES: usize = 0; // n x u32: (q+1)^(n-1-i)
const DIGITS: usize = 128; // n x i32: digits of the current state
const POLICY_AREA: usize = 256; // policy.ts's area: masked positions, chosen ones, scores
const MASKED: usize = POLICY_AREA + POLICY_MASKED; // n x i32: the masked positions, increasing
const CHOSEN: usize = POLICY_AREA + POLICY_CHOSEN; // n x i32: the positions revealed
const CONDITIONALS: usize = POLICY_AREA + POLICY_WORK_BYTES; // n x q x f64: p_T(x_i = a | z), by position

/** Bytes of the adaptive work area before Q (16-byte aligned). */
function adaptiveAreaBytes(q: i32): usize {
  return (CONDITIONALS + ((<usize>32 * q) << 3) + 15) & ~<usize>15;
}

/**
 * Bytes of samplerDistribution's work area: random, samplerRandomBytes (the schedule's two
 * largest compact levels and small tables); adaptive, a small area plus Q, (q+1)^n cells.
 */
export function samplerWorkBytes(q: i32, n: i32, policy: i32, sizeAtLevel: usize): f64 {
  if (policy == POLICY_RANDOM) return samplerRandomBytes(q, n, sizeAtLevel);
  return <f64>adaptiveAreaBytes(q) + Math.pow(q + 1, n) * 8;
}

let gQ: usize = 0;
let gLattice: usize = 0;
let gWork: usize = 0;
let gq: i32 = 0;
let gInvT: f64 = 1;

// @ts-ignore: decorator
@inline function u32At(offset: usize, i: i32): u32 {
  return load<u32>(gWork + offset + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function conditional(position: i32, a: i32): f64 {
  return load<f64>(gWork + CONDITIONALS + ((<usize>(position * gq + a)) << 3));
}

/**
 * Adds weight * prod of conditionals to Q for every way of picking `need` more positions from
 * list[start..count) (a list of positions at byte offset `list`) and every value of each.
 */
function push(list: usize, start: i32, count: i32, need: i32, weight: f64, index: usize): void {
  const q = gq;
  for (let j = start; j <= count - need; j++) {
    const position = u32At(list, j);
    const stride = <usize>u32At(STRIDES, position);
    for (let a = 0; a < q; a++) {
      const w = weight * conditional(position, a);
      if (w == 0) continue;
      const target = index - <usize>(q - a) * stride;
      if (need == 1) {
        const at = gQ + (target << 3);
        store<f64>(at, load<f64>(at) + w);
      } else {
        push(list, j + 1, count, need - 1, w, target);
      }
    }
  }
}

/** Fills the conditionals p_T(x_i = a | z) of every masked position of state `index`. */
function conditionals(index: usize, masked: i32): void {
  const q = gq;
  const mz = load<f64>(gLattice + (index << 3));
  for (let j = 0; j < masked; j++) {
    const position = <i32>u32At(MASKED, j);
    conditionalRow(gLattice, index, mz, q, <usize>u32At(STRIDES, position), gInvT, gWork + CONDITIONALS + ((<usize>(position * q)) << 3), 8);
  }
}

/**
 * out (q^n cells) = the sampler's output distribution for table p with built lattice `lattice`.
 * sizeAtLevel[w] (n x i32): the size of the step taken with w positions revealed (0: none;
 * ignored for the threshold policy). Conditionals are tempered by `temperature` (1: untouched).
 * work: samplerWorkBytes(q, n, policy, sizeAtLevel) bytes.
 */
export function samplerDistribution(lattice: usize, q: i32, n: i32, policy: i32, sizeAtLevel: usize, threshold: f64, temperature: f64, work: usize, out: usize): void {
  const invT = 1.0 / temperature;
  if (policy == POLICY_RANDOM) {
    samplerRandom(lattice, q, n, sizeAtLevel, invT, work, out);
    return;
  }
  const Q = work + adaptiveAreaBytes(q);
  gQ = Q;
  gInvT = invT;
  gLattice = lattice;
  gWork = work;
  gq = q;
  const Qn = <usize>q + 1;
  let total: usize = 1;
  for (let i = n - 1; i >= 0; i--) {
    store<u32>(work + STRIDES + (<usize>i << 2), <u32>total);
    store<i32>(work + DIGITS + (<usize>i << 2), q);
    total *= Qn;
  }
  memory.fill(Q, 0, total << 3);
  store<f64>(Q + ((total - 1) << 3), 1.0);
  let masked = n; // masked digits of the current index
  for (let index = total - 1; ; index--) {
    const mass = load<f64>(Q + (index << 3));
    if (mass != 0 && masked > 0) {
      let count = 0;
      for (let i = 0; i < n; i++) if (load<i32>(work + DIGITS + (<usize>i << 2)) == q) store<u32>(work + MASKED + (<usize>(count++) << 2), i);
      conditionals(index, masked);
      scorePositions(work + POLICY_AREA, work + CONDITIONALS, q, masked, policy);
      if (policy == POLICY_THRESHOLD) {
        const size = chooseThreshold(work + POLICY_AREA, masked, threshold);
        push(CHOSEN, 0, size, size, mass, index);
      } else {
        const size = load<i32>(sizeAtLevel + (<usize>(n - masked) << 2));
        if (size > 0) push(CHOSEN, 0, chooseTop(work + POLICY_AREA, masked, size), size, mass, index);
      }
    }
    if (index == 0) break;
    // Odometer: index - 1 in base q+1, tracking how many digits are q (masked).
    for (let i = n - 1; i >= 0; i--) {
      const at = work + DIGITS + (<usize>i << 2);
      const d = load<i32>(at);
      if (d > 0) {
        if (d == q) masked--;
        store<i32>(at, d - 1);
        break;
      }
      store<i32>(at, q);
      masked++;
    }
  }
  latticeGather(Q, q, n, out);
}
