// Gaussian noise for the Gaussian mechanism (Dwork and Roth, "The algorithmic foundations of
// differential privacy", 2014, Appendix A), drawn in WebAssembly (log, sqrt and cos compiled in)
// so that every draw is the same in every engine.
import { randomNext } from './random';

/**
 * A N(0, scale^2) draw from the generator's next two 64-bit outputs w1, w2 (Box and Muller, Ann.
 * Math. Statist. 1958): scale sqrt(-2 log u) cos(2 pi v), u = ((w1 >> 11) + 1) 2^-53 in (0, 1],
 * v = (w2 >> 11) 2^-53 in [0, 1).
 */
// @ts-ignore: decorator
@inline export function gaussianDraw(scale: f64): f64 {
  const u = <f64>((randomNext() >> 11) + 1) * reinterpret<f64>(0x3CA0000000000000); // 2^-53
  const v = <f64>(randomNext() >> 11) * reinterpret<f64>(0x3CA0000000000000);
  return scale * Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
}
