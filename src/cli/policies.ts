// --policy LIST: the adaptive unmasking policies to compare with random reveal order,
// comma-separated: confidence, margin, entropy, threshold=T (0 <= T <= 1), or none.
import type { UnmaskingPolicy } from '../sampling/policy.js';
import { UsageError } from './UsageError.js';
import { parseDecimal } from './decimal.js';

/** One adaptive policy: a top-s rule run on fixed sizes, or a confidence threshold. */
export type PolicyChoice =
  | { readonly policy: 'confidence' | 'margin' | 'entropy' }
  | { readonly policy: 'threshold'; readonly threshold: number };

const TOP_S = ['confidence', 'margin', 'entropy'] as const;

/** What a policy reveals at each step, for legends. */
export const POLICY_RULES: Readonly<Record<UnmaskingPolicy, string>> = {
  random: 'a uniformly random set of s_k masked positions',
  confidence: 'the s_k most confident: highest max_a p(x_i = a | revealed)',
  margin: 'the s_k with the largest top-1 − top-2 probability',
  entropy: 'the s_k with the lowest conditional entropy',
  threshold: 'all with confidence >= T, or else the most confident',
};

/** `confidence`, or `threshold T=0.9`. */
export function policyName(choice: PolicyChoice): string {
  return choice.policy === 'threshold' ? `threshold T=${choice.threshold}` : choice.policy;
}

/**
 * The policies in a --policy value, in order, without repeats.
 * @throws UsageError for an unknown name, a bad threshold, a repeat or an empty item.
 * @example parsePolicies('confidence,threshold=0.9')
 */
export function parsePolicies(text: string): PolicyChoice[] {
  if (text.trim().toLowerCase() === 'none') return [];
  const choices: PolicyChoice[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    if (item === '') throw new UsageError(`--policy has an empty item in "${text}"`);
    const [name, value, ...rest] = item.split('=');
    const policy = name.trim().toLowerCase();
    let choice: PolicyChoice;
    if (policy === 'threshold') {
      const threshold = value === undefined || rest.length > 0 ? undefined : parseDecimal(value.trim());
      if (threshold === undefined || !(threshold >= 0 && threshold <= 1)) {
        throw new UsageError(`--policy threshold needs a value T in [0, 1], as threshold=0.9; received "${item}"`);
      }
      choice = { policy, threshold };
    } else if ((TOP_S as readonly string[]).includes(policy) && value === undefined) {
      choice = { policy: policy as (typeof TOP_S)[number] };
    } else {
      throw new UsageError(`--policy: unknown policy "${item}"; known: ${TOP_S.join(', ')}, threshold=T, none`);
    }
    if (choices.some((c) => policyName(c) === policyName(choice))) throw new UsageError(`--policy lists "${item}" twice`);
    choices.push(choice);
  }
  return choices;
}
