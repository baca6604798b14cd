// The portable Dirichlet(1) table of ../shared/testdata/ref.py (`dirichlet1_portable`), so a
// table can be regenerated bit for bit (up to log1p's last ulp) in any language:
//   u_k = (splitmix64(seed + k * 0x9E3779B97F4A7C15) >> 11) * 2^-53, k = 1..count,
//   e_k = -log1p(-u_k),  p_k = e_k / sum(e).
import { GOLDEN, splitmix64Mix } from './random';
import { sumReset, sumAdd, sumTotal } from './simd/compensated';

/** out[k-1] = p_k for k = 1..count: Dirichlet(1) from splitmix64 uniforms, seed as above. */
export function dirichlet1Portable(out: usize, count: usize, seed: u64): void {
  sumReset();
  for (let k: usize = 0; k < count; k++) {
    const z = splitmix64Mix(seed + <u64>(k + 1) * GOLDEN);
    const u = <f64>(z >> 11) * reinterpret<f64>(0x3CA0000000000000); // 2^-53
    const e = -Math.log1p(-u);
    store<f64>(out + (k << 3), e);
    sumAdd(e);
  }
  const total = sumTotal();
  for (let k: usize = 0; k < count; k++) store<f64>(out + (k << 3), load<f64>(out + (k << 3)) / total);
}
