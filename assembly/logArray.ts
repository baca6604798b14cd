// The vectorised log as a kernel over an array, for accuracy tests against Math.log.
import { vlog } from './simd/vlog';

/** out[i] = log(x[i]) for i < len (x[i] finite and > 0). */
export function logArray(x: usize, out: usize, len: usize): void {
  let i: usize = 0;
  for (; i + 2 <= len; i += 2) v128.store(out + (i << 3), vlog(v128.load(x + (i << 3))));
  if (i < len) store<f64>(out + (i << 3), f64x2.extract_lane(vlog(f64x2.splat(load<f64>(x + (i << 3)))), 0));
}
