// dirichlet1Portable(out, count, seed) (assembly/dirichlet.ts): the portable Dirichlet(1) table of
// ../shared/testdata/ref.py (dirichlet1_portable):
//   u_k = (splitmix64(seed + k * 0x9E3779B97F4A7C15) >> 11) * 2^-53, k = 1..count,
//   e_k = -log1p(-u_k), p_k = e_k / sum(e).
// Anchors from ref.py (numpy), not from the code under test: its self-test's first splitmix64
// output for seed 0, 0xE220A8397B1DCDAF, and the outputs for k = 2, 3 and the tables it prints.
import { dirichlet1Portable } from '../dirichlet';
import { allocCells, ensure, get, sentinelIntact } from './support';

const GOLDEN: u64 = 0x9E3779B97F4A7C15;
const TWO_M53: f64 = 1.1102230246251565e-16; // 2^-53

/** splitmix64's finaliser, written out independently of the kernel. */
function mix(z: u64): u64 {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
  return z ^ (z >> 31);
}

/** e_k = -log1p(-u_k) from a splitmix64 output z_k. */
function expFromZ(z: u64): f64 {
  return -Math.log1p(-(<f64>(z >> 11) * TWO_M53));
}

/** e_k for seed, k >= 1, recomputed here. */
function e(seed: u64, k: u64): f64 {
  return expFromZ(mix(seed + k * GOLDEN));
}

function relErr(a: f64, b: f64): f64 {
  return abs(a - b) / abs(b);
}

describe('dirichlet1Portable', () => {
  it('uses the splitmix64 stream of ref.py: z_1, z_2, z_3 for seed 0 (test helper check)', () => {
    expect(mix(GOLDEN)).toBe(0xE220A8397B1DCDAF);
    expect(mix(2 * GOLDEN)).toBe(0x6E789E6AA1B965F4);
    expect(mix(3 * GOLDEN)).toBe(0x06C45D188009454F);
  });

  it('seed 0: p_0 / p_1 = e_1 / e_2 with u_1 = (0xE220A8397B1DCDAF >> 11) 2^-53, e_k = -log1p(-u_k)', () => {
    const out = allocCells(3);
    dirichlet1Portable(out, 3, 0);
    const e1 = expFromZ(0xE220A8397B1DCDAF);
    const e2 = expFromZ(0x6E789E6AA1B965F4);
    const e3 = expFromZ(0x06C45D188009454F);
    ensure(relErr(get(out, 0) / get(out, 1), e1 / e2) <= 1e-15, 'p_0 / p_1 = ' + (get(out, 0) / get(out, 1)).toString() + ', e_1 / e_2 = ' + (e1 / e2).toString());
    ensure(relErr(get(out, 2) / get(out, 1), e3 / e2) <= 1e-15, 'p_2 / p_1');
    // p_0 itself: e_1 / (e_1 + e_2 + e_3); ref.py (numpy) prints 0.7840771960151878
    ensure(relErr(get(out, 0), e1 / (e1 + e2 + e3)) <= 1e-15, 'p_0 = ' + get(out, 0).toString());
    ensure(relErr(get(out, 0), 0.7840771960151878) <= 1e-15, 'p_0 vs ref.py');
    ensure(relErr(get(out, 1), 0.20614504910614975) <= 1e-15, 'p_1 vs ref.py');
    ensure(relErr(get(out, 2), 0.009777754878662495) <= 1e-15, 'p_2 vs ref.py');
    ensure(sentinelIntact(out, 3), 'wrote past out[2]');
  });

  it('matches ref.py dirichlet1_portable(q=2, n=6, seed=42) in its first cells', () => {
    const out = allocCells(64);
    dirichlet1Portable(out, 64, 42);
    ensure(relErr(get(out, 0), 0.02439484246604627) <= 1e-14, 'p_0 = ' + get(out, 0).toString());
    ensure(relErr(get(out, 1), 0.00314144404288313) <= 1e-14, 'p_1 = ' + get(out, 1).toString());
    ensure(relErr(get(out, 2), 0.005887511956137404) <= 1e-14, 'p_2 = ' + get(out, 2).toString());
  });

  it('gives p_k / p_0 = e_k / e_1 for every k (count 1000, seeds 1, 42, 2^64 - 1)', () => {
    const seeds: u64[] = [1, 42, 0xFFFFFFFFFFFFFFFF];
    for (let s = 0; s < seeds.length; s++) {
      const count = 1000;
      const out = allocCells(count);
      dirichlet1Portable(out, count, seeds[s]);
      const e1 = e(seeds[s], 1);
      let bad = 0;
      for (let k = 1; k < count; k++) {
        if (!(relErr(get(out, k) / get(out, 0), e(seeds[s], <u64>(k + 1)) / e1) <= 1e-14)) bad++;
      }
      expect(bad).toBe(0, 'seed ' + seeds[s].toString());
    }
  });

  it('sums to 1 with every value > 0, for counts 1, 2, 3, 7, 100, 4096, 100003', () => {
    const counts: i32[] = [1, 2, 3, 7, 100, 4096, 100003];
    for (let c = 0; c < counts.length; c++) {
      const count = counts[c];
      const out = allocCells(count);
      dirichlet1Portable(out, count, <u64>(c * 7 + 3));
      let total = 0.0;
      let nonPositive = 0;
      for (let k = 0; k < count; k++) {
        const v = get(out, k);
        if (!(v > 0)) nonPositive++;
        total += v;
      }
      expect(nonPositive).toBe(0, 'count ' + count.toString());
      ensure(abs(total - 1) <= 1e-12, 'count ' + count.toString() + ': sum ' + total.toString());
      ensure(sentinelIntact(out, count), 'count ' + count.toString() + ': wrote past the end');
    }
  });

  it('gives exactly 1 for count 1 and writes nothing for count 0', () => {
    const one = allocCells(1);
    dirichlet1Portable(one, 1, 123);
    expect(get(one, 0)).toBe(1.0);
    const none = allocCells(0);
    dirichlet1Portable(none, 0, 123);
    ensure(sentinelIntact(none, 0), 'count 0 wrote a value');
  });

  it('is deterministic in the seed, and different seeds give different tables', () => {
    const a = allocCells(16);
    const b = allocCells(16);
    const c = allocCells(16);
    dirichlet1Portable(a, 16, 2024);
    dirichlet1Portable(b, 16, 2024);
    dirichlet1Portable(c, 16, 2025);
    let same = 0;
    let differ = 0;
    for (let k = 0; k < 16; k++) {
      if (reinterpret<u64>(get(a, k)) == reinterpret<u64>(get(b, k))) same++;
      if (get(a, k) != get(c, k)) differ++;
    }
    expect(same).toBe(16);
    expect(differ).toBe(16);
  });
});
