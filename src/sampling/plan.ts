// The step sizes a sampler run follows, as the kernel reads them: one size vector, or a finite
// law over size vectors drawn once per row (Zhao-Cai's randomized schedules).
import { ArgumentTypeError, describe } from '../errors.js';
import { requireInteger } from '../internal/validate.js';
import type { ScheduleFamily } from '../schedules/curve.js';
import { requireSizeDistribution, type SizeDistribution } from '../schedules/mixture.js';
import { requireSizes } from '../schedules/validate.js';

/** Size vectors with their probabilities (one vector: probability 1). */
export type SizePlan = { probability: number; sizes: number[] }[];

/** The options that say which sizes a run uses. */
export interface SizeOptions {
  /** Step sizes s_1..s_K summing to n, or a law over such vectors (drawn once per row). */
  sizes?: readonly number[] | SizeDistribution;
  /** A schedule family (schedules.cosine, ...) evaluated at (n, steps), instead of sizes. */
  schedule?: ScheduleFamily;
  /** The number of steps K for `schedule`. */
  steps?: number;
}

/**
 * Checks the sizes options of a run over n positions and returns the plan. The threshold policy
 * decides its own step sizes: it takes none (one plan entry, [n], that the kernel ignores).
 */
export function requirePlan(fn: string, options: SizeOptions, n: number, policy: unknown = 'random'): SizePlan {
  const { sizes, schedule, steps } = options;
  if (policy === 'threshold') {
    for (const [name, value] of Object.entries({ sizes, schedule, steps })) {
      if (value !== undefined) {
        throw new ArgumentTypeError({ fn, argument: `options.${name}`, expected: 'undefined for the threshold policy (it picks its own step sizes)', received: describe(value) });
      }
    }
    return [{ probability: 1, sizes: [n] }];
  }
  if (schedule !== undefined) {
    if (sizes !== undefined) {
      throw new ArgumentTypeError({ fn, argument: 'options.sizes', expected: 'undefined when options.schedule is given', received: describe(sizes) });
    }
    if (typeof schedule !== 'function') {
      throw new ArgumentTypeError({ fn, argument: 'options.schedule', expected: 'a function (n, K) => sizes, e.g. schedules.cosine', received: describe(schedule) });
    }
    const K = requireInteger(fn, 'options.steps', steps, 1, n);
    return [{ probability: 1, sizes: requireSizes(fn, schedule(n, K), n, `options.schedule(${n}, ${K})`) }];
  }
  if (Array.isArray(sizes) && sizes.length > 0 && typeof sizes[0] === 'object' && sizes[0] !== null) {
    const law = requireSizeDistribution(fn, sizes, 'options.sizes');
    return law.map(({ probability, sizes: s }, v) => ({ probability, sizes: requireSizes(fn, s, n, `options.sizes[${v}].sizes`) }));
  }
  return [{ probability: 1, sizes: requireSizes(fn, sizes, n, 'options.sizes') }];
}

/**
 * The plan in the kernel's layout, as 32-bit words: `plans` cumulative probabilities (f64, the
 * last one 1) then, per vector, the step size at each level w = 0..n-1 (0 where no step starts).
 */
export function encodePlan(plan: SizePlan, n: number): ArrayBuffer {
  const buffer = new ArrayBuffer(plan.length * 8 + plan.length * n * 4);
  const cumulative = new Float64Array(buffer, 0, plan.length);
  const levels = new Int32Array(buffer, plan.length * 8, plan.length * n);
  let total = 0;
  plan.forEach(({ probability, sizes }, v) => {
    total += probability;
    cumulative[v] = v === plan.length - 1 ? 1 : total;
    let w = 0;
    for (const s of sizes) {
      levels[v * n + w] = s;
      w += s;
    }
  });
  return buffer;
}
