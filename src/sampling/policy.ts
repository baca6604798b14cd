// The unmasking policies by name, their kernel codes (assembly/policy.ts), and the options that
// choose one, shared by sample() and samplerDistribution.
import { ArgumentRangeError, describe } from '../errors.js';
import { requireNumber } from '../internal/validate.js';

/** How the sampler picks the positions revealed at each step. */
export type UnmaskingPolicy = 'random' | 'confidence' | 'margin' | 'entropy' | 'threshold';

const POLICY_CODES: Record<UnmaskingPolicy, number> = { random: 0, confidence: 1, margin: 2, entropy: 3, threshold: 4 };

/** The options that choose how a step's positions are picked and drawn. */
export interface PolicyOptions {
  /**
   * 'random' (default): a uniformly random set of s_k masked positions; 'confidence': the s_k
   * with the highest max_a p(x_i = a | revealed); 'margin': highest top-1 minus top-2;
   * 'entropy': lowest conditional entropy; 'threshold': every masked position with confidence
   * >= threshold, or the single most confident if none. Ties go to the lowest position; scores
   * within 1e-12 of each other are ties, so float rounding of equal scores never decides.
   */
  policy?: UnmaskingPolicy;
  /** The confidence threshold tau in [0, 1] of the 'threshold' policy. */
  threshold?: number;
  /**
   * Temperature T > 0 (default 1): every conditional p(x_i = a | revealed) becomes
   * p^(1/T) renormalised over a, computed as (M_a / max_b M_b)^(1/T) so nothing underflows.
   * The policies score these tempered conditionals, the ones the sampler draws from.
   */
  temperature?: number;
}

/** PolicyOptions checked: the policy's kernel code, tau (0 unless 'threshold') and T. */
export interface CheckedPolicy {
  readonly code: number;
  readonly threshold: number;
  readonly temperature: number;
}

/** Checks the policy (default 'random'), the threshold policy's tau and the temperature. */
export function requirePolicy(fn: string, options: PolicyOptions): CheckedPolicy {
  const { policy = 'random', threshold, temperature } = options;
  return {
    code: policyCode(fn, policy),
    threshold: policy === 'threshold' ? requireNumber(fn, 'options.threshold', threshold, 0, 1) : 0,
    temperature: requireTemperature(fn, temperature),
  };
}

/** Checks `policy` names a policy and returns its kernel code. */
function policyCode(fn: string, policy: unknown): number {
  if (typeof policy !== 'string' || !Object.hasOwn(POLICY_CODES, policy)) {
    throw new ArgumentRangeError({ fn, argument: 'options.policy', expected: `one of ${Object.keys(POLICY_CODES).join(', ')}`, received: describe(policy) });
  }
  return POLICY_CODES[policy as UnmaskingPolicy];
}

/** Checks an optional temperature T (a finite number > 0; default 1) and returns it. */
function requireTemperature(fn: string, temperature: unknown = 1): number {
  if (!(requireNumber(fn, 'options.temperature', temperature) > 0)) {
    throw new ArgumentRangeError({ fn, argument: 'options.temperature', expected: 'a finite number > 0', received: describe(temperature) });
  }
  return temperature as number;
}
