// Laplace noise for the Laplace mechanism (Dwork, McSherry, Nissim, Smith 2006), drawn in
// WebAssembly so that its logarithm, and so every draw, is the same in every engine.
import { randomNext, randomSeedStream } from './random';

/**
 * out[i] = a Laplace(0, scale) draw from output i of stream `stream` of `seed`: with w that
 * 64-bit output, the sign is its top bit (set: negative) and the magnitude scale (-log u),
 * u = ((w mod 2^53) + 1) 2^-53 in (0, 1], an exponential draw.
 */
export function laplaceNoise(seed: u64, stream: u64, out: usize, count: i32, scale: f64): void {
  randomSeedStream(seed, stream);
  for (let i = 0; i < count; i++) {
    const w = randomNext();
    const u = <f64>((w & 0x1FFFFFFFFFFFFF) + 1) * reinterpret<f64>(0x3CA0000000000000); // 2^-53
    const magnitude = -scale * Math.log(u);
    store<f64>(out + (<usize>i << 3), w >> 63 != 0 ? -magnitude : magnitude);
  }
}
