import { Joint } from '../Joint.js';

/**
 * The uniform joint p(x) = q^-n: H = n log q, TC = DTC = 0.
 * @example models.uniform(2, 5).entropy({ base: 2 }) // 5
 */
export function uniform(q: number, n: number): Joint {
  return Joint.build('models.uniform', q, n, (_runtime, _pointer, table) => table().fill(q ** -n));
}
