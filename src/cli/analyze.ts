// Every measure of one table, in the requested units, with how long it took: the data behind
// both the text report and the JSON output.
import { expectedKL } from '../schedules/expectedKL.js';
import * as schedules from '../schedules/index.js';
import { SparseJoint, type AnyJoint } from '../SparseJoint.js';
import type { Units } from './units.js';

/** The step counts of the best-schedules table: K = 2..5 (those <= n). */
export const BEST_STEPS = [2, 3, 4, 5] as const;

/** The profile-optimal K-step schedule beside the constant one, values in the analysis' units. */
export interface BestSchedule {
  K: number;
  /** Sizes of the optimal schedule (schedules.optimal: dynamic programming over the profile). */
  sizes: number[];
  /** Its exact expected KL E_S KL(p‖q_S). */
  expectedKL: number;
  /** The expected KL of the constant (balanced) schedule with K steps, for comparison. */
  constantKL: number;
}

/** Every scalar and per-position measure (DESIGN.md §3), in the analysis' units. */
export interface Measures {
  entropy: number;
  marginalEntropies: number[];
  leaveOneOutEntropies: number[];
  totalCorrelation: number;
  dualTotalCorrelation: number;
  oInformation: number;
  sInformation: number;
  coinformation: number;
  residualEntropy: number;
  tseComplexity: number;
}

/** The measures of one table and the time they took. */
export interface Analysis {
  q: number;
  n: number;
  units: Units;
  measures: Measures;
  /** h[j], j = 0..n, the mean entropy of j positions; D[j] = h[j+1] - h[j], j = 0..n-1. */
  profile: { h: number[]; D: number[] };
  /** Rows of the support when the table is a SparseJoint, else null. */
  support: number | null;
  /** The optimal schedule for each K of BEST_STEPS up to n. */
  bestSchedules: BestSchedule[];
  /** Milliseconds to build or read the table, to compute every measure, and both. */
  timingMs: { table: number; measures: number; total: number };
}

/**
 * Builds the table with `load` and computes every measure, the entropy profile and the best
 * schedules in `units`, timing both steps. The table is disposed at the end unless `keep` is true.
 */
export function analyze(load: () => AnyJoint, units: Units, keep = false): Analysis {
  const start = performance.now();
  const joint = load();
  const loaded = performance.now();
  const o = units.options;
  const measures: Measures = {
    entropy: joint.entropy(o),
    marginalEntropies: Array.from(joint.marginalEntropies(o)),
    leaveOneOutEntropies: Array.from(joint.leaveOneOutEntropies(o)),
    totalCorrelation: joint.totalCorrelation(o),
    dualTotalCorrelation: joint.dualTotalCorrelation(o),
    oInformation: joint.oInformation(o),
    sInformation: joint.sInformation(o),
    coinformation: joint.coinformation(o),
    residualEntropy: joint.residualEntropy(o),
    tseComplexity: joint.tseComplexity(o),
  };
  const { h, D } = joint.profile(o);
  const profile = joint.profile();
  const divisor = Math.log(units.base);
  const bestSchedules = BEST_STEPS.filter((K) => K <= joint.n).map((K) => {
    const optimum = schedules.optimal(profile, K);
    const constant = expectedKL(profile, schedules.constant(joint.n, K)).total;
    return { K, sizes: optimum.sizes, expectedKL: optimum.expectedKL / divisor, constantKL: constant / divisor };
  });
  const done = performance.now();
  if (!keep) joint.dispose();
  return {
    q: joint.q,
    n: joint.n,
    units,
    measures,
    profile: { h: Array.from(h), D: Array.from(D) },
    support: joint instanceof SparseJoint ? joint.support : null,
    bestSchedules,
    timingMs: { table: loaded - start, measures: done - loaded, total: done - start },
  };
}
