// xoshiro256** 1.0 seeded through splitmix64: the same streams as assembly/random.ts, for the
// facade and for users who want the package's draws in plain JS. BigInt arithmetic: exact and
// portable, not fast (the sampler draws inside WebAssembly).
import { ArgumentRangeError } from '../errors.js';
import { requireSeed } from './seed.js';

const MASK = (1n << 64n) - 1n;
const GOLDEN = 0x9e3779b97f4a7c15n;

/** splitmix64's output function (Steele, Lea, Flood 2014; Vigna's splitmix64.c). */
export function splitmix64Mix(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}

const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (64n - k))) & MASK;

/**
 * xoshiro256** (Blackman and Vigna, ACM TOMS 2021). `Xoshiro256StarStar.fromSeed(seed, stream)`
 * starts stream `stream` of the seed: state word j = splitmix64 output 4 stream + j + 1 of the
 * seed, mix(seed + (4 stream + j + 1) 0x9E3779B97F4A7C15); stream 0 is the usual splitmix64
 * seeding. sample() draws row r of a run with stream r.
 * @example Xoshiro256StarStar.fromSeed(1).uniform()
 */
export class Xoshiro256StarStar {
  #s: [bigint, bigint, bigint, bigint];

  /** A generator in the given state (four 64-bit words, not all zero). */
  constructor(state: readonly [bigint, bigint, bigint, bigint]) {
    this.#s = [state[0] & MASK, state[1] & MASK, state[2] & MASK, state[3] & MASK];
    if (this.#s.every((word) => word === 0n)) {
      throw new ArgumentRangeError({ fn: 'Xoshiro256StarStar', argument: 'state', expected: 'four 64-bit words, not all zero', received: 'all zero' });
    }
  }

  /** Stream `stream` (default 0) of `seed` (each an integer in [0, 2^53) or a BigInt in [0, 2^64)). */
  static fromSeed(seed: number | bigint, stream: number | bigint = 0): Xoshiro256StarStar {
    const fn = 'Xoshiro256StarStar.fromSeed';
    const base = requireSeed(fn, 'seed', seed) + ((requireSeed(fn, 'stream', stream) * 4n * GOLDEN) & MASK);
    const word = (j: bigint) => splitmix64Mix((base + j * GOLDEN) & MASK);
    return new Xoshiro256StarStar([word(1n), word(2n), word(3n), word(4n)]);
  }

  /** The next 64-bit output: rotl(s1 * 5, 7) * 9, then the state transition. */
  next(): bigint {
    const s = this.#s;
    const result = (rotl((s[1] * 5n) & MASK, 7n) * 9n) & MASK;
    const t = (s[1] << 17n) & MASK;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45n);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits: (next >> 11) 2^-53. */
  uniform(): number {
    return Number(this.next() >> 11n) * 2 ** -53;
  }

  /** A uniform integer in [0, k), 1 <= k < 2^32, without bias (Lemire's multiply-and-reject on the high 32 bits). */
  below(k: number): number {
    const K = BigInt(k);
    let m = (this.next() >> 32n) * K;
    if ((m & 0xffffffffn) < K) {
      const floor = (2n ** 32n - K) % K;
      while ((m & 0xffffffffn) < floor) m = (this.next() >> 32n) * K;
    }
    return Number(m >> 32n);
  }
}
