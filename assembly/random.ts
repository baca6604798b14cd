// xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear pseudorandom number generators",
// ACM TOMS 2021; xoshiro256starstar.c), seeded through splitmix64 (Vigna's splitmix64.c).
// Stream k of a seed starts from the splitmix64 outputs 4k+1..4k+4 of the seed, so any stream can
// be started directly (the sampler gives row r stream r; src/random/xoshiro.ts is the same).

/** splitmix64's golden-ratio increment. */
export const GOLDEN: u64 = 0x9E3779B97F4A7C15;

/** splitmix64's output function (Steele, Lea, Flood 2014; Vigna's splitmix64.c). */
// @ts-ignore: decorator
@inline export function splitmix64Mix(z: u64): u64 {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
  return z ^ (z >> 31);
}

let s0: u64 = 1;
let s1: u64 = 2;
let s2: u64 = 3;
let s3: u64 = 4;

/** Sets the generator's state (not all zero). */
export function randomSetState(a: u64, b: u64, c: u64, d: u64): void {
  s0 = a;
  s1 = b;
  s2 = c;
  s3 = d;
}

/**
 * Starts stream `stream` of `seed`: s_j = splitmix64 output 4 stream + j + 1, that is
 * mix(seed + (4 stream + j + 1) GOLDEN), j = 0..3 (stream 0: the usual splitmix64 seeding). The
 * four words come from distinct splitmix64 inputs, so they are never all zero.
 */
export function randomSeedStream(seed: u64, stream: u64): void {
  const base = seed + (stream << 2) * GOLDEN;
  randomSetState(splitmix64Mix(base + GOLDEN), splitmix64Mix(base + 2 * GOLDEN), splitmix64Mix(base + 3 * GOLDEN), splitmix64Mix(base + 4 * GOLDEN));
}

/** The next 64-bit output: rotl(s1 * 5, 7) * 9, then the xoshiro256 state transition. */
// @ts-ignore: decorator
@inline export function randomNext(): u64 {
  const result = rotl<u64>(s1 * 5, 7) * 9;
  const t = s1 << 17;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u64>(s3, 45);
  return result;
}

/** A uniform double in [0, 1) with 53 random bits: (next >> 11) 2^-53. */
// @ts-ignore: decorator
@inline export function randomUniform(): f64 {
  return <f64>(randomNext() >> 11) * reinterpret<f64>(0x3CA0000000000000);
}

/**
 * A uniform integer in [0, k), 1 <= k < 2^32, without bias: Lemire's multiply-and-reject
 * ("Fast random integer generation in an interval", ACM TOMACS 2019) on the high 32 bits.
 */
export function randomBelow(k: u32): u32 {
  let m = (randomNext() >> 32) * <u64>k;
  if (<u32>m < k) {
    const floor: u32 = (<u32>0 - k) % k;
    while (<u32>m < floor) m = (randomNext() >> 32) * <u64>k;
  }
  return <u32>(m >> 32);
}

/** out[0..count) = the first `count` outputs (u64) of stream `stream` of `seed`. */
export function randomStream(seed: u64, stream: u64, out: usize, count: i32): void {
  randomSeedStream(seed, stream);
  for (let i = 0; i < count; i++) store<u64>(out + (<usize>i << 3), randomNext());
}
