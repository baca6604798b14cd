// Every measure of one table, in the requested units, with how long it took: the data behind
// both the text report and the JSON output.
import type { Joint } from '../Joint.js';
import type { Units } from './units.js';

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
  /** Milliseconds to build or read the table, to compute every measure, and both. */
  timingMs: { table: number; measures: number; total: number };
}

/**
 * Builds the table with `load` and computes every measure and the entropy profile in `units`,
 * timing both steps. The table is disposed at the end unless `keep` is true.
 */
export function analyze(load: () => Joint, units: Units, keep = false): Analysis {
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
  const done = performance.now();
  if (!keep) joint.dispose();
  return {
    q: joint.q,
    n: joint.n,
    units,
    measures,
    profile: { h: Array.from(h), D: Array.from(D) },
    timingMs: { table: loaded - start, measures: done - loaded, total: done - start },
  };
}
