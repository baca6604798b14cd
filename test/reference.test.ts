// Every measure against every case of the independent numpy reference, 1e-12 absolute (nats).
// The checks are the ones the browser run uses (test/browser/checks.js), here on the source.
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { checkPortableDirichlet, checkReferenceCase, checkSparseReferenceCase, formatFailure, type CheckResult } from './browser/checks.js';
import { referenceCases } from './support/reference.js';

function expectAllPassed(result: CheckResult): void {
  expect(result.failures.map(formatFailure)).toEqual([]);
  expect(result.passed).toBeGreaterThan(0);
}

describe('numpy reference cases', () => {
  it.each(referenceCases)('$name (q=$q, n=$n): every measure, subset entropy and profile value', (c) => {
    expectAllPassed(checkReferenceCase(api, c));
  });

  it.each(referenceCases)('$name (q=$q, n=$n) as a SparseJoint of its support: every measure, subset entropy and profile value', (c) => {
    expectAllPassed(checkSparseReferenceCase(api, c));
  });

  it('models.dirichlet(2, 6, { seed: 42 }) regenerates the portable Dirichlet case', () => {
    expectAllPassed(checkPortableDirichlet(api, referenceCases));
  });
});
