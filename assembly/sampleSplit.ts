// The randomness of the "sampling twice" estimators (src/estimation/samplingTwice.ts): a
// uniformly random split of m samples into two parts of m1 and m - m1, then Laplace or Gaussian
// noise, all from one stream of a seed, in that order.
import { randomBelow, randomSeedStream } from './random';
import { gaussianDraw } from './gaussian';
import { laplaceDraw } from './laplace';

/**
 * first[x] = how many of the counts[x] samples in cell x fall in the first part, for a uniformly
 * random subset of m1 of the m = sum counts samples: selection sampling (Knuth, TAOCP vol. 2,
 * §3.4.2, Algorithm S) over the samples taken cell by cell, x = 0..K-1; a sample is chosen with
 * probability (m1 - chosen) / (samples left), as randomBelow(samples left) < m1 - chosen (exact,
 * one uniform integer per sample; m < 2^32). Then noise[0..noiseCount) = laplaceDraw(scale), or
 * gaussianDraw(scale) when `gaussian`, continuing the same stream. O(m + K + noiseCount).
 */
export function splitSample(
  seed: u64, stream: u64, counts: usize, K: i32, m: f64, m1: f64, first: usize, noise: usize, noiseCount: i32, scale: f64, gaussian: bool,
): void {
  randomSeedStream(seed, stream);
  let left = <u32>m;
  let wanted = <u32>m1;
  for (let x = 0; x < K; x++) {
    const c = <u32>load<f64>(counts + (<usize>x << 3));
    let chosen: u32 = 0;
    for (let j: u32 = 0; j < c; j++) {
      if (randomBelow(left) < wanted) {
        chosen++;
        wanted--;
      }
      left--;
    }
    store<f64>(first + (<usize>x << 3), <f64>chosen);
  }
  for (let i = 0; i < noiseCount; i++) store<f64>(noise + (<usize>i << 3), gaussian ? gaussianDraw(scale) : laplaceDraw(scale));
}
