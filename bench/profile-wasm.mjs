#!/usr/bin/env node
// Times the package's WebAssembly kernel: joint.subsetEntropies() on the built bundle
// (dist/index.js), single-threaded. Results are cached on a Joint, so every repetition builds a
// fresh joint outside the timed region and disposes of it afterwards.
//
// CLI, like the peer programs: node bench/profile-wasm.mjs Q N SEED [REPS]
// prints one JSON line {impl,q,n,seed,reps,seconds (median),seconds_min,entropy,tc,dtc,h}.
// Before timing, the kernel runs for about WARMUP_SECONDS on a small table of the same q, so
// that V8 has tiered the wasm code up from Liftoff to TurboFan (a long-lived process's state);
// seconds_first is the first timed run.
import { parseWorkloadArgs, summarize, timeRepeated } from './timing.mjs';

const WARMUP_SECONDS = 0.5;
const WARMUP_CELLS = 2 ** 14;

const { Joint, models } = await import('../dist/index.js');

/** Runs subsetEntropies on fresh small tables of alphabet q for about `seconds`. */
function warmUp(q, seconds) {
  let n = 1;
  while (q ** (n + 1) <= WARMUP_CELLS) n++;
  const start = process.hrtime.bigint();
  let calls = 0;
  while (calls < 3 || Number(process.hrtime.bigint() - start) * 1e-9 < seconds) {
    const joint = models.dirichlet(q, n, { seed: 2 + calls });
    joint.subsetEntropies();
    joint.dispose();
    calls++;
  }
  return calls;
}

const { q, n, seed, reps } = parseWorkloadArgs(process.argv.slice(2), 'node bench/profile-wasm.mjs Q N SEED [REPS]');
const warmupCalls = warmUp(q, WARMUP_SECONDS);
const timing = timeRepeated({
  prepare: () => models.dirichlet(q, n, { seed }),
  run: (joint) => joint.subsetEntropies(),
  cleanup: (joint) => joint.dispose(),
  reps,
});
// The measures as the facade reports them, on one more fresh joint.
const joint = models.dirichlet(q, n, { seed });
const measures = {
  entropy: joint.entropy(),
  tc: joint.totalCorrelation(),
  dtc: joint.dualTotalCorrelation(),
  h: Array.from(joint.profile().h),
};
joint.dispose();
// The timed result must agree with the facade's own measures (same kernel, same table).
const timed = summarize(timing.result, n);
console.log(JSON.stringify({
  impl: 'wasm', log: 'own f64x2 log', q, n, seed, threads: 1, reps: timing.reps,
  seconds: timing.seconds, seconds_min: timing.secondsMin, seconds_first: timing.secondsFirst,
  warmup_calls: warmupCalls, ...measures, timed_entropy: timed.entropy, node: process.version,
}));
void Joint;
