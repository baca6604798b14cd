// The independent numpy reference cases (../shared/testdata/reference-cases.json, made by ref.py).
import { readFileSync } from 'node:fs';

export interface ReferenceSchedule {
  name: string;
  sizes: number[];
  expected_kl: number;
  expected_kl_terms: number[];
  bruteforce?: { kl_mixture: number; q_mixture: number[] };
}

export interface ReferenceCase {
  name: string;
  spec: string;
  q: number;
  n: number;
  pmf: number[];
  entropy: number;
  marginal_entropies: number[];
  leave_one_out_entropies: number[];
  total_correlation: number;
  dual_total_correlation: number;
  o_information: number;
  s_information: number;
  coinformation: number;
  residual_entropy: number;
  tse_complexity: number;
  profile_h: number[];
  profile_D: number[];
  subset_entropies: number[];
  kl_to_uniform: number;
  kl_to_product_of_marginals: number;
  kl_to_half_uniform_mix: number;
  schedules: ReferenceSchedule[];
}

/** Where ../shared sits: beside the repository (the checkout and CI's clean clone alike). */
export const SHARED = new URL('../../../shared/', import.meta.url);

export const referenceCases: ReferenceCase[] = JSON.parse(
  readFileSync(new URL('testdata/reference-cases.json', SHARED), 'utf8'),
).cases;
