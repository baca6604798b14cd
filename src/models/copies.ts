import { Joint } from '../Joint.js';
import { requireDistribution, requireInteger } from '../internal/validate.js';

/**
 * Perfect copies X_0 = X_1 = ... = X_{n-1}, with the common value drawn from `weights`
 * (uniform by default). With uniform weights: H = log q, TC = (n-1) log q, DTC = log q.
 * @example models.copies(2, 4).totalCorrelation({ base: 2 }) // 3
 */
export function copies(q: number, n: number, weights?: readonly number[] | Float64Array): Joint {
  const fn = 'models.copies';
  requireInteger(fn, 'q', q, 2);
  const w = weights === undefined ? new Float64Array(q).fill(1 / q) : requireDistribution(fn, 'weights', weights, q);
  return Joint.build(fn, q, n, (_runtime, _pointer, view) => {
    const table = view();
    table.fill(0);
    // x = (a, a, ..., a) has flat index a (q^(n-1) + ... + 1).
    const stride = (q ** n - 1) / (q - 1);
    for (let a = 0; a < q; a++) table[a * stride] = w[a];
  });
}
