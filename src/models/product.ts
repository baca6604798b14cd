import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { Joint } from '../Joint.js';
import { requireDistribution } from '../internal/validate.js';

/**
 * Independent positions: p(x) = prod_i m_i(x_i), from n marginals m_i over the same q symbols.
 * TC = DTC = 0 and H = sum_i H(m_i).
 * @example models.product([[0.5, 0.5], [0.9, 0.1]]).totalCorrelation() // 0
 */
export function product(marginals: readonly (readonly number[] | Float64Array)[]): Joint {
  const fn = 'models.product';
  if (!Array.isArray(marginals) || marginals.length === 0) {
    throw (Array.isArray(marginals) ? new ArgumentRangeError({ fn, argument: 'marginals', expected: 'a non-empty array of distributions', received: 'an empty array' })
      : new ArgumentTypeError({ fn, argument: 'marginals', expected: 'an array of distributions', received: describe(marginals) }));
  }
  const q = (marginals[0] as ArrayLike<number>)?.length;
  const checked = marginals.map((m, i) => requireDistribution(fn, `marginals[${i}]`, m, q));
  const n = checked.length;
  return Joint.build(fn, q, n, (_runtime, _pointer, view) => {
    const table = view();
    table[0] = 1;
    let filled = 1;
    for (const m of checked) {
      for (let idx = filled - 1; idx >= 0; idx--) {
        const base = table[idx];
        for (let a = q - 1; a >= 0; a--) table[idx * q + a] = base * m[a];
      }
      filled *= q;
    }
  });
}
