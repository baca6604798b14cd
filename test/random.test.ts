// The TypeScript xoshiro256** (src/random/xoshiro.ts) against the published outputs of the
// reference C implementations, and against the AssemblyScript stream (assembly/random.ts) bit for bit.
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, ArgumentTypeError, Xoshiro256StarStar } from '../src/index.js';
import { getRuntime } from '../src/wasm/runtime.js';

// xoshiro256starstar.c from the state {1, 2, 3, 4} (the vector of rand_xoshiro's `reference` test).
const XOSHIRO_1234 = [
  11520n, 0n, 1509978240n, 1215971899390074240n, 1216172134540287360n, 607988272756665600n,
  16172922978634559625n, 8476171486693032832n, 10595114339597558777n, 2904607092377533576n,
];
// splitmix64.c from the state 1234567.
const SPLITMIX_1234567 = [6457827717110365317n, 3203168211198807973n, 9817491932198370423n, 4593380528125082431n, 16408922859458223821n];

const draws = (g: Xoshiro256StarStar, count: number) => Array.from({ length: count }, () => g.next());

/** The first `count` outputs of stream `stream`'s stream, drawn inside WebAssembly. */
function wasmStream(seed: bigint, stream: bigint, count: number): bigint[] {
  const { kernels, arena } = getRuntime();
  const out = arena.alloc('test', 'stream', count * 8);
  try {
    kernels.randomStream(seed, stream, out, count);
    return Array.from(new BigUint64Array(kernels.memory.buffer, out, count));
  } finally {
    arena.release(out);
  }
}

describe('xoshiro256** in TypeScript', () => {
  it('reproduces the reference outputs from the state {1, 2, 3, 4}', () => {
    expect(draws(new Xoshiro256StarStar([1n, 2n, 3n, 4n]), 10)).toEqual(XOSHIRO_1234);
  });

  it('seeds stream 0 with the first four splitmix64 outputs and stream 1 from the fifth', () => {
    const state = SPLITMIX_1234567.slice(0, 4) as [bigint, bigint, bigint, bigint];
    expect(draws(Xoshiro256StarStar.fromSeed(1234567), 8)).toEqual(draws(new Xoshiro256StarStar(state), 8));
    const stream1 = Xoshiro256StarStar.fromSeed(1234567, 1);
    const fromFifth = Xoshiro256StarStar.fromSeed((1234567n + 4n * 0x9e3779b97f4a7c15n) % 2n ** 64n);
    expect(draws(stream1, 8)).toEqual(draws(fromFifth, 8));
  });

  it('uniform() is (next >> 11) 2^-53 and below(k) stays in [0, k)', () => {
    const g = new Xoshiro256StarStar([1n, 2n, 3n, 4n]);
    expect(Array.from({ length: 10 }, () => g.uniform())).toEqual(XOSHIRO_1234.map((x) => Number(x >> 11n) / 2 ** 53));
    const h = Xoshiro256StarStar.fromSeed(5);
    const counts = new Array(26).fill(0);
    for (let i = 0; i < 26000; i++) counts[h.below(26)]++;
    // chi-square with 25 degrees of freedom: P(chi2 > 52.62) = 0.001.
    const chi2 = counts.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeLessThan(52.62);
  });

  it('gives the same streams as the WebAssembly generator, for any seed and stream', () => {
    for (const seed of [0n, 1n, 42n, 2n ** 53n - 1n, 2n ** 64n - 1n]) {
      for (const stream of [0n, 1n, 7n, 123456789n]) {
        expect(wasmStream(seed, stream, 16), `seed ${seed} stream ${stream}`).toEqual(draws(Xoshiro256StarStar.fromSeed(seed, stream), 16));
      }
    }
  });

  it('accepts integers below 2^53 and BigInts below 2^64 as seeds, nothing else', () => {
    expect(() => Xoshiro256StarStar.fromSeed(2 ** 53 - 1)).not.toThrow();
    expect(() => Xoshiro256StarStar.fromSeed(2n ** 64n - 1n)).not.toThrow();
    expect(() => Xoshiro256StarStar.fromSeed(2 ** 53)).toThrow(ArgumentRangeError);
    expect(() => Xoshiro256StarStar.fromSeed(-1)).toThrow(ArgumentRangeError);
    expect(() => Xoshiro256StarStar.fromSeed(2n ** 64n)).toThrow(ArgumentRangeError);
    expect(() => Xoshiro256StarStar.fromSeed(-1n)).toThrow(ArgumentRangeError);
    expect(() => Xoshiro256StarStar.fromSeed(1.5)).toThrow(ArgumentTypeError);
    expect(() => Xoshiro256StarStar.fromSeed('1' as never)).toThrow(/seed must be an integer in \[0, 2\^53\) or a BigInt in \[0, 2\^64\); received/);
    expect(() => new Xoshiro256StarStar([0n, 0n, 0n, 0n])).toThrow(ArgumentRangeError);
  });
});
