// Laplace noise for the Laplace mechanism (Dwork, McSherry, Nissim, Smith 2006), drawn in
// WebAssembly so that its logarithm, and so every draw, is the same in every engine.
import { randomNext, randomSeedStream } from './random';

/**
 * A Laplace(0, scale) draw from the generator's next 64-bit output w: the sign is its top bit
 * (set: negative) and the magnitude scale (-log u), u = ((w mod 2^53) + 1) 2^-53 in (0, 1], an
 * exponential draw.
 */
// @ts-ignore: decorator
@inline export function laplaceDraw(scale: f64): f64 {
  const w = randomNext();
  const u = <f64>((w & 0x1FFFFFFFFFFFFF) + 1) * reinterpret<f64>(0x3CA0000000000000); // 2^-53
  const magnitude = -scale * Math.log(u);
  return w >> 63 != 0 ? -magnitude : magnitude;
}

/** out[i] = laplaceDraw(scale) from output i of stream `stream` of `seed`. */
export function laplaceNoise(seed: u64, stream: u64, out: usize, count: i32, scale: f64): void {
  randomSeedStream(seed, stream);
  for (let i = 0; i < count; i++) store<f64>(out + (<usize>i << 3), laplaceDraw(scale));
}
