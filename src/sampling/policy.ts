// The unmasking policies by name, and their kernel codes (assembly/samplerDistribution.ts).
import { ArgumentRangeError, describe } from '../errors.js';
import { requireNumber } from '../internal/validate.js';

/** How the sampler picks the positions revealed at each step. */
export type UnmaskingPolicy = 'random' | 'confidence' | 'margin' | 'entropy' | 'threshold';

const POLICY_CODES: Record<UnmaskingPolicy, number> = { random: 0, confidence: 1, margin: 2, entropy: 3, threshold: 4 };

/** Checks `policy` names a policy and returns its kernel code. */
export function policyCode(fn: string, policy: unknown, argument = 'options.policy'): number {
  if (typeof policy !== 'string' || !Object.hasOwn(POLICY_CODES, policy)) {
    throw new ArgumentRangeError({ fn, argument, expected: `one of ${Object.keys(POLICY_CODES).join(', ')}`, received: describe(policy) });
  }
  return POLICY_CODES[policy as UnmaskingPolicy];
}

/** Checks an optional temperature T (a finite number > 0; default 1) and returns it. */
export function requireTemperature(fn: string, temperature: unknown = 1): number {
  if (!(requireNumber(fn, 'options.temperature', temperature) > 0)) {
    throw new ArgumentRangeError({ fn, argument: 'options.temperature', expected: 'a finite number > 0', received: describe(temperature) });
  }
  return temperature as number;
}
