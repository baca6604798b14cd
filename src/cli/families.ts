// The fixed-size schedule families the CLI knows, by name: the rows of `unmasking schedules`
// and the values of `unmasking sample --schedule` (which also takes `optimal`).
import * as schedules from '../schedules/index.js';

/** A schedule family in the study: its function name, who uses it, and its rule. */
export interface FamilyInfo {
  readonly name: string;
  /** The sampler or paper whose convention it follows ('' if none in particular). */
  readonly origin: string;
  readonly sizes: (n: number, K: number) => number[];
}

/** The fixed-size families, in the order of the table (the optimum is added last). */
export const FAMILIES: readonly FamilyInfo[] = [
  { name: 'constant', origin: 'LLaDA', sizes: schedules.constant },
  { name: 'linear', origin: '', sizes: schedules.linear },
  { name: 'logLinear', origin: '', sizes: schedules.logLinear },
  { name: 'cosine', origin: 'MaskGIT', sizes: schedules.cosine },
  { name: 'cosineFront', origin: 'MDLM', sizes: schedules.cosineFront },
  { name: 'cosineBack', origin: 'dllm', sizes: schedules.cosineBack },
  { name: 'dream', origin: '', sizes: schedules.dream },
];
