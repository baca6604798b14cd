// Entropy of a whole table: H = -sum_x p(x) log p(x), nats.
import { BLOCK, sumReset, sumAdd, sumTotal } from './simd/compensated';
import { plogpBlock } from './simd/plogp';

/** sum_x p(x) log p(x) over len cells at p (= -H), 0 log 0 = 0; SIMD blocks, compensated. */
export function plogpSum(p: usize, len: usize): f64 {
  sumReset();
  for (let i: usize = 0; i < len; i += BLOCK) {
    const count = <i32>min<usize>(BLOCK, len - i);
    sumAdd(plogpBlock(p + (i << 3), count));
  }
  return sumTotal();
}
