// The schedules study behind `unmasking schedules`: for K steps, every schedule family with its
// exact expected KL, the exact KL of the sampler's output q_mix and the published bounds; the
// adaptive policies on the optimal and constant sizes; the TC/DTC-adapted and two-sided
// schedules against their guarantees (DESIGN.md §4-§5, SCHEDULES.md). All values in `units`.
import { kl } from '../divergences.js';
import { MemoryLimitError } from '../errors.js';
import { Joint, type Profile } from '../Joint.js';
import { samplerDistribution } from '../samplerDistribution.js';
import type { AnyJoint } from '../SparseJoint.js';
import type { UnmaskingPolicy } from '../sampling/policy.js';
import { bounds } from '../schedules/bounds.js';
import * as schedules from '../schedules/index.js';
import { DEFAULT_STEPS } from './args.js';
import { FAMILIES } from './families.js';
import type { PolicyChoice } from './policies.js';
import type { Units } from './units.js';
import { UsageError } from './UsageError.js';

/** The rules of Chen–Cong–Li's adapted schedules (SCHEDULES.md §1) and the bound each guarantees. */
export const ADAPTED = [
  { rule: 'tcAdapted', sizes: schedules.tcAdapted, guarantee: 'eps TC' },
  { rule: 'dtcAdapted', sizes: schedules.dtcAdapted, guarantee: 'eps DTC' },
  { rule: 'twoSided', sizes: schedules.twoSided, guarantee: 'eps min(TC, DTC)' },
] as const;

/** The fixed eps shown beside the one chosen for K. */
export const FIXED_EPS = 0.5;

/**
 * When KL(p || q_mix) is computed exactly: the sampler's two lattices of (q+1)^n cells must be
 * at most `cells`, and its work (lattice states times the ways to extend each, see
 * mixtureWork) at most `work`; otherwise the value is reported as skipped (too large).
 */
export const MIXTURE_LIMITS = { cells: 3 ** 14, work: 5e7 } as const;

/** One family's row: its sizes, exact expected KL, KL of q_mix (null if too large) and bounds. */
export interface FamilyRow {
  name: string;
  origin: string;
  sizes: number[];
  /** E_S KL(p || q_S) over uniformly random reveal sets. */
  expectedKL: number;
  /** KL(p || q_mix) for the random policy, exact; null when it does not fit MIXTURE_LIMITS. */
  mixtureKL: number | null;
  /** Dimension-free (s_max - 1)(D(0) - D(n-1)) and Li–Cai (2^ceil(log2 s_max) - 1)(TC + DTC)/n. */
  bounds: { dimensionFree: number; liCai: number };
  /** Whether the row reaches the least expected KL for K steps (the optimum's, up to rounding). */
  best: boolean;
}

/** One policy's row: the exact KL(p || q) of the sampler's output. */
export interface PolicyRow {
  policy: UnmaskingPolicy;
  /** T of the threshold policy, else null. */
  threshold: number | null;
  /** Which sizes: 'optimal' or 'constant' (null for the threshold policy, which has none). */
  schedule: 'optimal' | 'constant' | null;
  sizes: number[] | null;
  /** KL(p || q) exact; null when it does not fit MIXTURE_LIMITS. */
  kl: number | null;
  /** The expected KL of the same sizes under random order (null for threshold). */
  expectedKL: number | null;
  /** Whether the row has the least KL among the fixed-size rows (threshold rows never do). */
  best: boolean;
}

/** One adapted schedule: its eps, sizes, exact expected KL and the guarantee of its rule. */
export interface AdaptedRow {
  rule: (typeof ADAPTED)[number]['rule'];
  eps: number;
  /** 'steps' when eps is the least (to 4 digits) giving at most K steps, 'fixed' for FIXED_EPS. */
  choice: 'steps' | 'fixed';
  sizes: number[];
  expectedKL: number;
  /** Which bound: 'eps TC', 'eps DTC' or 'eps min(TC, DTC)'. */
  guaranteeName: string;
  guarantee: number;
}

/** Everything `unmasking schedules` reports. */
export interface Study {
  q: number;
  n: number;
  K: number;
  units: Units;
  measures: { entropy: number; totalCorrelation: number; dualTotalCorrelation: number };
  /** The entropy profile in nats, as the library functions and plots take it. */
  profile: Profile;
  families: FamilyRow[];
  policies: PolicyRow[];
  adapted: AdaptedRow[];
  /** Milliseconds: table, expected KL (families, optimum, bounds, adapted), q_mix, policies. */
  timingMs: { table: number; expectedKL: number; mixture: number; policies: number };
  /** Rows of the support when the table is a SparseJoint, else null. */
  support: number | null;
  /** Distinct random-order q_mix computed (schedules with equal sizes share one). */
  mixtures: number;
}

/** C(m, k) as a float (exact for the sizes met here). */
function binomial(m: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (m - i)) / (i + 1);
  return c;
}

/**
 * An upper estimate of the sampler's work for one schedule: the lattice states with w_{k-1}
 * positions revealed, C(n, w) q^w, times what each costs to extend: C(m, s) q^s subsets and
 * values for the random policy (m = n - w masked), n q scores plus q^s values for a top-s
 * policy, and n q + q^m for the threshold policy (any level, any number revealed).
 */
export function mixtureWork(q: number, n: number, sizes: readonly number[] | null, policy: UnmaskingPolicy): number {
  let work = 0;
  if (sizes === null) {
    for (let w = 0; w < n; w++) work += binomial(n, w) * q ** w * (n * q + q ** (n - w));
    return work;
  }
  let w = 0;
  for (const s of sizes) {
    const states = binomial(n, w) * q ** w;
    work += states * (policy === 'random' ? binomial(n - w, s) * q ** s : n * q + q ** s);
    w += s;
  }
  return work;
}

/** Whether the sampler's exact output fits MIXTURE_LIMITS. */
export function mixtureFits(q: number, n: number, sizes: readonly number[] | null, policy: UnmaskingPolicy): boolean {
  return (q + 1) ** n <= MIXTURE_LIMITS.cells && mixtureWork(q, n, sizes, policy) <= MIXTURE_LIMITS.work;
}

/**
 * KL(p || q) of the sampler's output in nats, or null when it does not fit. `dense()` gives the
 * table as a dense Joint (a sparse one is expanded only here, where (q+1)^n is small).
 */
function samplerKL(dense: () => Joint, sizes: readonly number[] | null, choice: { policy: UnmaskingPolicy; threshold?: number }, q: number, n: number): number | null {
  if (!mixtureFits(q, n, sizes, choice.policy)) return null;
  const joint = dense();
  let output: Joint | undefined;
  try {
    output = samplerDistribution(joint, sizes === null ? choice : { ...choice, sizes });
    return kl(joint, output);
  } catch (error) {
    if (error instanceof MemoryLimitError) return null;
    throw error;
  } finally {
    output?.dispose();
  }
}

/** x rounded up to 4 significant digits, so that a printed eps reproduces the schedule. */
function roundUp4(x: number): number {
  const unit = 10 ** (Math.floor(Math.log10(x)) - 3);
  return Number((Math.ceil(x / unit - 1e-9) * unit).toPrecision(4));
}

/**
 * The least eps (rounded up to 4 digits) for which `rule` takes at most K steps. The step
 * sizes only change where eps m crosses an integer, so the candidates are the fractions j/m,
 * m = 1..n+1; at eps = n every rule takes one step.
 */
export function epsForSteps(rule: (n: number, eps: number) => number[], n: number, K: number): number {
  const candidates = new Set<number>();
  for (let m = 1; m <= n + 1; m++) for (let j = 1; j <= n * m; j++) candidates.add(j / m);
  const sorted = [...candidates].sort((a, b) => a - b);
  let lo = 0;
  let hi = sorted.length - 1; // rule(n, n) has one step
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rule(n, sorted[mid]).length <= K) hi = mid;
    else lo = mid + 1;
  }
  const rounded = roundUp4(sorted[lo]);
  return rule(n, rounded).length <= K ? rounded : sorted[lo];
}

/** Values within 1e-12 of the table's scale are rounding noise around 0. */
function isBest(value: number, least: number, scale: number): boolean {
  return value <= least + 1e-12 * scale;
}

/**
 * Runs the study on the table `load` builds: K steps (1 <= K <= n, else UsageError; null for
 * min(DEFAULT_STEPS, n)), the given adaptive policies. The table is disposed before returning.
 */
export function studySchedules(load: () => AnyJoint, steps: number | null, units: Units, policies: readonly PolicyChoice[]): Study {
  const start = performance.now();
  const joint = load();
  let expanded: Joint | undefined;
  const dense = () => (joint instanceof Joint ? joint : (expanded ??= joint.toJoint()));
  try {
    const { q, n } = joint;
    const K = steps ?? Math.min(DEFAULT_STEPS, n);
    if (K > n) throw new UsageError(`-K must be an integer from 1 to n = ${n} (the number of positions); received ${K}`);
    const profile = joint.profile();
    const loaded = performance.now();
    const divisor = Math.log(units.base);
    const inUnits = (nats: number) => nats / divisor;
    const scale = Math.max(profile.h[n], n * profile.D[0], 1e-300);

    // Expected KL, bounds and the optimum of every family; the adapted schedules.
    const optimum = schedules.optimal(profile, K);
    const named = [...FAMILIES.map((f) => ({ name: f.name, origin: f.origin, sizes: f.sizes(n, K) })), { name: 'optimal', origin: 'dynamic programming', sizes: optimum.sizes }];
    const exact = named.map(({ sizes }) => bounds(profile, sizes));
    const least = Math.min(...exact.map((b) => b.exact));
    const adapted: AdaptedRow[] = [];
    for (const { rule, sizes: ruleSizes, guarantee } of ADAPTED) {
      const chosen = epsForSteps(ruleSizes, n, K);
      const choices: [number, AdaptedRow['choice']][] = chosen === FIXED_EPS ? [[chosen, 'steps']] : [[chosen, 'steps'], [FIXED_EPS, 'fixed']];
      for (const [eps, choice] of choices) {
        const sizes = ruleSizes(n, eps);
        const b = bounds(profile, sizes, { eps });
        const bound = rule === 'tcAdapted' ? b.epsTC : rule === 'dtcAdapted' ? b.epsDTC : b.epsMin;
        adapted.push({ rule, eps, choice, sizes, expectedKL: inUnits(b.exact), guaranteeName: guarantee, guarantee: inUnits(bound as number) });
      }
    }
    const computed = performance.now();

    // KL(p || q_mix), once per distinct size vector.
    const mixtures = new Map<string, number | null>();
    const mixtureOf = (sizes: readonly number[]) => {
      const key = sizes.join(',');
      if (!mixtures.has(key)) mixtures.set(key, samplerKL(dense, sizes, { policy: 'random' }, q, n));
      return mixtures.get(key) as number | null;
    };
    const families: FamilyRow[] = named.map(({ name, origin, sizes }, i) => {
      const mixture = mixtureOf(sizes);
      return {
        name,
        origin,
        sizes,
        expectedKL: inUnits(exact[i].exact),
        mixtureKL: mixture === null ? null : inUnits(mixture),
        bounds: { dimensionFree: inUnits(exact[i].dimensionFree), liCai: inUnits(exact[i].mutualInformation) },
        best: isBest(exact[i].exact, least, scale),
      };
    });
    const mixed = performance.now();

    // The adaptive policies on the optimal and the constant sizes, random order first.
    const constant = families[0];
    const optimal = families[families.length - 1];
    const groups = optimal.sizes.join() === constant.sizes.join() ? [optimal] : [optimal, constant];
    const policyRows: Omit<PolicyRow, 'best'>[] = [];
    for (const group of groups) {
      const schedule = group.name as 'optimal' | 'constant';
      const nats = exact[named.findIndex((f) => f.name === group.name)].exact;
      const row = (policy: UnmaskingPolicy, value: number | null) => ({
        policy,
        threshold: null,
        schedule,
        sizes: group.sizes,
        kl: value === null ? null : inUnits(value),
        expectedKL: inUnits(nats),
      });
      policyRows.push(row('random', mixtureOf(group.sizes)));
      for (const choice of policies) {
        if (choice.policy !== 'threshold') policyRows.push(row(choice.policy, samplerKL(dense, group.sizes, choice, q, n)));
      }
    }
    for (const choice of policies) {
      if (choice.policy !== 'threshold') continue;
      const value = samplerKL(dense, null, choice, q, n);
      policyRows.push({ policy: 'threshold', threshold: choice.threshold, schedule: null, sizes: null, kl: value === null ? null : inUnits(value), expectedKL: null });
    }
    const known = policyRows.flatMap((r) => (r.kl === null || r.sizes === null ? [] : [r.kl]));
    const leastPolicy = Math.min(...known);
    const policyTable = policyRows.map((r) => ({ ...r, best: r.kl !== null && r.sizes !== null && isBest(r.kl, leastPolicy, inUnits(scale)) }));
    const done = performance.now();

    return {
      q,
      n,
      K,
      units,
      measures: {
        entropy: joint.entropy(units.options),
        totalCorrelation: joint.totalCorrelation(units.options),
        dualTotalCorrelation: joint.dualTotalCorrelation(units.options),
      },
      profile,
      families,
      policies: policyTable,
      adapted,
      timingMs: { table: loaded - start, expectedKL: computed - loaded, mixture: mixed - computed, policies: done - mixed },
      support: joint instanceof Joint ? null : joint.support,
      mixtures: [...mixtures.values()].filter((v) => v !== null).length,
    };
  } finally {
    joint.dispose();
    expanded?.dispose();
  }
}
