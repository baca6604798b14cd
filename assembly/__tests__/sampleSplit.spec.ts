// splitSample (assembly/sampleSplit.ts): the first part is a subset of exactly m1 samples,
// chosen by Algorithm S with the stream's uniform integers, and the noise continues the same
// stream (Laplace, or Gaussian by Box-Muller). The expected split is recomputed here one sample at a time.
import { splitSample } from '../sampleSplit';
import { randomBelow, randomNext, randomSeedStream } from '../random';
import { allocCells, get, sentinelIntact, set } from './support';

describe('splitSample', () => {
  it('chooses exactly m1 of the m samples by selection sampling, then draws Laplace noise from the same stream', () => {
    const K = 9;
    const counts = allocCells(K);
    const sizes: f64[] = [3, 0, 1, 7, 0, 2, 0, 5, 1];
    let m = 0.0;
    for (let x = 0; x < K; x++) {
      set(counts, x, sizes[x]);
      m += sizes[x];
    }
    const first = allocCells(K);
    const noise = allocCells(5);
    splitSample(42, 3, counts, K, m, 8, first, noise, 5, 0.25, false);
    randomSeedStream(42, 3);
    let left = <u32>m;
    let wanted: u32 = 8;
    let total = 0.0;
    for (let x = 0; x < K; x++) {
      let chosen = 0.0;
      for (let j = 0; j < <i32>sizes[x]; j++) {
        if (randomBelow(left) < wanted) {
          chosen += 1;
          wanted--;
        }
        left--;
      }
      expect(get(first, x)).toBe(chosen);
      expect(chosen <= sizes[x]).toBe(true);
      total += chosen;
    }
    expect(total).toBe(8.0);
    for (let i = 0; i < 5; i++) {
      const w = randomNext();
      const magnitude = -0.25 * Math.log(<f64>((w & 0x1FFFFFFFFFFFFF) + 1) / 9007199254740992.0);
      expect(get(noise, i)).toBe(w >> 63 != 0 ? -magnitude : magnitude);
    }
    expect(sentinelIntact(first, K)).toBe(true);
    expect(sentinelIntact(noise, 5)).toBe(true);
  });

  it('draws Box-Muller Gaussian noise, two outputs per draw, when asked', () => {
    const counts = allocCells(3);
    set(counts, 0, 2);
    set(counts, 1, 0);
    set(counts, 2, 3);
    const first = allocCells(3);
    const noise = allocCells(4);
    splitSample(7, 1, counts, 3, 5, 2, first, noise, 4, 1.5, true);
    randomSeedStream(7, 1);
    let left: u32 = 5;
    let wanted: u32 = 2;
    for (let j = 0; j < 5; j++) {
      if (randomBelow(left) < wanted) wanted--;
      left--;
    }
    expect(get(first, 0) + get(first, 2)).toBe(2.0);
    for (let i = 0; i < 4; i++) {
      const u = <f64>((randomNext() >> 11) + 1) / 9007199254740992.0;
      const v = <f64>(randomNext() >> 11) / 9007199254740992.0;
      expect(get(noise, i)).toBe(1.5 * Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v));
    }
    expect(sentinelIntact(noise, 4)).toBe(true);
  });
});
