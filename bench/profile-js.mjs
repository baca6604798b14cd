#!/usr/bin/env node
// The "no-wasm" baseline: all 2^n subset entropies in plain JavaScript (Float64Array and
// Math.log), by the same depth-first marginalisation as the kernel (assembly/subsets.ts) and
// the peers (../shared/peers/profile.c): a node holds the marginal of its positions; each child
// sums out one more position, positions being removed in decreasing order, so every subset is
// made exactly once from its parent. One buffer per depth. Work: (q+1)^n cell visits and logs.
//
// CLI, like the peer programs: node bench/profile-js.mjs Q N SEED [REPS]
// prints one JSON line {impl,q,n,seed,reps,seconds (median),seconds_min,entropy,tc,dtc,h}.
// The table is models.dirichlet(q, n, { seed }) (ref.py's dirichlet1_portable); only the
// subset entropies are timed.
import { fileURLToPath } from 'node:url';
import { parseWorkloadArgs, summarize, timeRepeated } from './timing.mjs';

/**
 * Sums the middle axis out of `parent` viewed as (a, q, b), row-major, into `child` (a, b):
 * child[i, j] = sum_k parent[i, k, j]; returns sum child log child (= -H of the child), 0 log 0 = 0.
 */
function marginalizePlogp(parent, child, a, q, b) {
  let plogp = 0;
  for (let i = 0; i < a; i++) {
    const from = i * q * b;
    const to = i * b;
    for (let j = 0; j < b; j++) {
      let s = parent[from + j];
      for (let k = 1; k < q; k++) s += parent[from + k * b + j];
      child[to + j] = s;
      if (s > 0) plogp += s * Math.log(s);
    }
  }
  return plogp;
}

/** sum p log p over a whole table (= -H), 0 log 0 = 0. */
function plogpSum(p) {
  let plogp = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (v > 0) plogp += v * Math.log(v);
  }
  return plogp;
}

/** Position (bit index) of the k-th lowest set bit of mask. */
function nthSetBit(mask, k) {
  for (let i = 0; i < k; i++) mask &= mask - 1;
  return 31 - Math.clz32(mask & -mask);
}

/**
 * H(X_A) in nats for every subset A of the n positions of the table p (q^n cells, row-major,
 * position 0 most significant), as a Float64Array indexed by bit mask (bit i <=> i in A).
 */
export function subsetEntropies(p, q, n) {
  const out = new Float64Array(2 ** n);
  // q^k by integer products: V8 keeps them small integers (q ** k is a double, and indices
  // computed from doubles make every array access slower).
  const pw = [1];
  for (let k = 1; k <= n; k++) pw.push(pw[k - 1] * q);
  const buffers = [p];
  for (let depth = 1; depth <= n; depth++) buffers.push(new Float64Array(pw[n - depth]));
  const full = 2 ** n - 1;
  out[full] = -plogpSum(p);

  // Children of the node at `depth` (positions: the bits of mask, m of them) that remove one of
  // its first kEnd axes; axis k of a node is its k-th lowest position (the most significant first).
  function visit(depth, mask, kEnd) {
    const m = n - depth;
    const node = buffers[depth];
    const child = buffers[depth + 1];
    if (m === 1) return; // the only child is the empty set: H = 0
    for (let k = kEnd - 1; k >= 0; k--) {
      const childMask = mask & ~(1 << nthSetBit(mask, k));
      out[childMask] = -marginalizePlogp(node, child, pw[k], q, pw[m - 1 - k]);
      if (k > 0) visit(depth + 1, childMask, k);
    }
  }
  visit(0, full, n);
  return out;
}

function main() {
  const { q, n, seed, reps } = parseWorkloadArgs(process.argv.slice(2), 'node bench/profile-js.mjs Q N SEED [REPS]');
  return import('../dist/index.js').then(({ models }) => {
    const joint = models.dirichlet(q, n, { seed });
    const p = joint.probabilities();
    joint.dispose();
    const timing = timeRepeated({ run: () => subsetEntropies(p, q, n), reps });
    console.log(JSON.stringify({
      impl: 'js', log: 'Math.log', q, n, seed, threads: 1, reps: timing.reps,
      seconds: timing.seconds, seconds_min: timing.secondsMin, seconds_first: timing.secondsFirst,
      ...summarize(timing.result, n), node: process.version,
    }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
