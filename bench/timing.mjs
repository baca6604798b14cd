// Shared by the bench programs: the peers' repetition rule, and the summary every program
// prints, so that all implementations are timed and compared the same way
// (../shared/peers/RESULTS.md, "Workloads").

/** Median of a non-empty list of numbers. */
export function median(values) {
  const v = [...values].sort((x, y) => x - y);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Times `run()` repeatedly and returns { seconds (median), secondsMin, secondsFirst, reps,
 * result } (result of the last run). `prepare()` runs before each repetition, outside the timed
 * region, and its value is passed to `run`; `cleanup(value)` runs after it, also untimed.
 * With reps = 0 (the peers' rule) one run is made, and if it took under 0.5 s it is repeated
 * up to about 1 s in all (3 to 21 runs); otherwise exactly `reps` runs are made.
 */
export function timeRepeated({ prepare = () => undefined, run, cleanup = () => {}, reps = 0 }) {
  const times = [];
  let target = reps > 0 ? reps : 1;
  let result;
  while (times.length < target) {
    const input = prepare();
    const t0 = process.hrtime.bigint();
    result = run(input);
    const t = Number(process.hrtime.bigint() - t0) * 1e-9;
    cleanup(input);
    times.push(t);
    if (reps <= 0 && times.length === 1 && t < 0.5) {
      target = 1 + Math.min(20, Math.max(2, Math.floor(1 / Math.max(t, 1e-6))));
    }
  }
  return { seconds: median(times), secondsMin: Math.min(...times), secondsFirst: times[0], reps: times.length, result };
}

/** Number of set bits of a 32-bit mask. */
export function popcount(mask) {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/**
 * The numbers every implementation reports, from all 2^n subset entropies (indexed by bit
 * mask): H = H(X), TC = sum_i H(X_i) - H, DTC = sum_i H(X_{-i}) - (n-1) H, and the profile
 * h(j) = mean over |A| = j of H(X_A).
 */
export function summarize(subsets, n) {
  const full = 2 ** n - 1;
  const sums = new Float64Array(n + 1);
  const counts = new Float64Array(n + 1);
  for (let mask = 0; mask <= full; mask++) {
    const j = popcount(mask);
    sums[j] += subsets[mask];
    counts[j]++;
  }
  let marginals = 0;
  let leaveOneOut = 0;
  for (let i = 0; i < n; i++) {
    marginals += subsets[2 ** i];
    leaveOneOut += subsets[full - 2 ** i];
  }
  const entropy = subsets[full];
  return {
    entropy,
    tc: marginals - entropy,
    dtc: leaveOneOut - (n - 1) * entropy,
    h: Array.from(sums, (s, j) => s / counts[j]),
  };
}

/** Parses `Q N SEED [REPS]` from argv, as the peer programs do; exits 2 on bad input. */
export function parseWorkloadArgs(argv, usage) {
  const [q, n, seed, reps = 0] = argv.map(Number);
  const ok = Number.isInteger(q) && q >= 2 && Number.isInteger(n) && n >= 1 && n <= 30 &&
    Number.isInteger(seed) && seed >= 0 && Number.isInteger(reps) && reps >= 0;
  if (!ok) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return { q, n, seed, reps };
}
