import { Joint } from '../Joint.js';

/**
 * Uniform over x with sum_i x_i = 0 (mod q); q = 2: even parity (n = 3: XOR).
 * H = (n-1) log q, TC = log q, DTC = (n-1) log q: the extreme of synergy.
 * @example models.parity(2, 3).dualTotalCorrelation({ base: 2 }) // 2
 */
export function parity(q: number, n: number): Joint {
  return Joint.build('models.parity', q, n, (_runtime, _pointer, view) => {
    const table = view();
    const mass = q ** -(n - 1);
    // Walk x in row-major order keeping the digit sum mod q: every digit step, wrapping
    // (q-1 -> 0, a change of 1 - q) or not (+1), adds 1 mod q.
    const digits = new Int32Array(n);
    let sum = 0;
    for (let idx = 0; idx < table.length; idx++) {
      table[idx] = sum === 0 ? mass : 0;
      for (let i = n - 1; i >= 0; i--) {
        digits[i]++;
        sum = (sum + 1) % q;
        if (digits[i] < q) break;
        digits[i] = 0;
      }
    }
  });
}
