// Types of checks.js for the TypeScript tests that share it.
export interface Failure {
  case: string;
  quantity: string;
  got: unknown;
  want: unknown;
  delta: number;
  note: string;
}
export interface CheckResult {
  name: string;
  passed: number;
  failed: number;
  failures: Failure[];
}
export const TOLERANCE: number;
export function checkReferenceCase(api: object, referenceCase: object): CheckResult;
export function checkSparseReferenceCase(api: object, referenceCase: object): CheckResult;
export function checkPortableDirichlet(api: object, cases: object[]): CheckResult;
export function checkSampleStreams(api: object): CheckResult;
export function checkDecomposition(api: object): CheckResult;
export function sampleDigests(api: object): { run: string; digest: string }[];
export function policyDigests(api: object): { run: string; digest: string }[];
export function pooledPolicyDigests(api: object, pool: object): Promise<{ run: string; digest: string }[]>;
export function subsetDigests(api: object): { run: string; digest: string }[];
export function pooledSubsetDigests(api: object, pool: object): Promise<{ run: string; digest: string }[]>;
export function latticeDigests(api: object): { run: string; digest: string }[];
export function pooledLatticeDigests(api: object, pool: object): Promise<{ run: string; digest: string }[]>;
export function samplerDigests(api: object): { run: string; digest: string }[];
export function pooledSamplerDigests(api: object, pool: object): Promise<{ run: string; digest: string }[]>;
export function checkBundleText(source: string): CheckResult;
export function formatFailure(failure: Failure): string;
