#!/usr/bin/env node
// The unmasking sampler in plain JavaScript over the same mask lattice as the package (the
// "js-lattice" column of bench/sampler.mjs): the package's algorithm, step for step, without
// WebAssembly, so that the ratio wasm / js-lattice measures the kernel and not the algorithm.
//
//   lattice   M[z] over z in {0..q-1, *}^n as base-(q+1) numbers (digit q = masked, position 0
//             most significant), a Float64Array of (q+1)^n cells: bench/js/lattice.mjs, the pass
//             structure of assembly/lattice.ts latticeBuild, so every value equals the kernel's
//             bit for bit.
//   random    per step, a partial Fisher-Yates shuffle of the masked positions with unbiased
//             bounded draws (Lemire's multiply-and-reject on the high 32 bits), then the masses
//             M[z with z_i = a] of the chosen positions (all loads of the step before its draws),
//             each x_i by inverse CDF on a 53-bit uniform over them (assembly/sampler.ts
//             sampleRow, temperature 1: the masses themselves, no division by M[z]).
//   confidence per step, the conditionals of every masked position, its score max_a, the s best
//             (ties within 1e-12 to the lowest position), each drawn by inverse CDF; the choice
//             is remembered per state (z, s) as the kernel's choice memo does (65536 slots,
//             emptied every 65536 rows), so a state seen before skips the scoring.
//   RNG       xoshiro256** on 32-bit halves (no BigInt in the loop), row r on stream r of the
//             seed: state word j = splitmix64 mix(seed + (4r + j) 0x9E3779B97F4A7C15), j = 1..4,
//             as assembly/random.ts. So the rows equal the package's sample() rows exactly,
//             which `--check` verifies next to a G-test against samplerDistribution.
//
// Library: latticeBuild(p, q, n) -> Float64Array (re-exported from bench/js/lattice.mjs);
//          sampleRows({ lattice, q, n, policy, sizes, seed, firstRow, rows, counts, out }).
// CLI:     node bench/js/latticeSampler.mjs --check [N]   (needs dist/: npm run build)
//          prints one JSON line per case {case, policy, N, G, df, threshold, G_vs_p, identical_rows,
//          ok} (G_vs_p: the same counts against p itself, a control that should be large)
//          and exits 1 when a G statistic is absurd (above the chi-square quantile at 1e-6).
import { fileURLToPath } from 'node:url';
import { latticeBuild } from './lattice.mjs';
import { chooseTop } from './policy.mjs';

export { latticeBuild };

// ---- xoshiro256** on 32-bit halves ---------------------------------------------------------

// State words s0..s3 as (hi, lo) int32 pairs at [0..7], the last output at [8] (hi), [9] (lo),
// the splitmix64 counter at [10] (hi), [11] (lo).
const S = new Int32Array(12);
const GOLDEN_HI = 0x9e3779b9 | 0;
const GOLDEN_LO = 0x7f4a7c15 | 0;
const TWO32 = 4294967296;

/** High 32 bits of the 64-bit product of two uint32 (Hacker's Delight mulhu), as uint32. */
function mulhu(a, b) {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const t = a1 * b0 + ((a0 * b0) >>> 16);
  const w1 = (t & 0xffff) + a0 * b1;
  return (a1 * b1 + (t >>> 16) + (w1 >>> 16)) >>> 0;
}

/** Multiplies the 64-bit (h, l) in S[k], S[k+1] by the constant (mh, ml), in place. */
function mulConst(k, mh, ml) {
  const h = S[k], l = S[k + 1];
  S[k] = (mulhu(l >>> 0, ml >>> 0) + Math.imul(h, ml) + Math.imul(l, mh)) | 0;
  S[k + 1] = Math.imul(l, ml);
}

/** splitmix64's output function of the 64-bit word at S[k], S[k+1], in place. */
function splitmix64MixAt(k) {
  let h = S[k], l = S[k + 1];
  S[k + 1] = l ^ ((l >>> 30) | (h << 2));
  S[k] = h ^ (h >>> 30);
  mulConst(k, 0xbf58476d, 0x1ce4e5b9);
  h = S[k]; l = S[k + 1];
  S[k + 1] = l ^ ((l >>> 27) | (h << 5));
  S[k] = h ^ (h >>> 27);
  mulConst(k, 0x94d049bb, 0x133111eb);
  h = S[k]; l = S[k + 1];
  S[k + 1] = l ^ ((l >>> 31) | (h << 1));
  S[k] = h ^ (h >>> 31);
}

/** Sets the splitmix64 counter to seed + 4 firstRow 0x9E3779B97F4A7C15 (mod 2^64). */
function seedCounter(seed, firstRow) {
  const c = (BigInt(seed) + 4n * BigInt(firstRow) * 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  S[10] = Number(c >> 32n) | 0;
  S[11] = Number(c & 0xffffffffn) | 0;
}

/** Starts the next row's stream: s_j = mix(counter + j GOLDEN), j = 1..4; the counter moves on. */
function seedNextRow() {
  for (let j = 0; j < 4; j++) {
    const lo = (S[11] >>> 0) + (GOLDEN_LO >>> 0);
    S[11] = lo | 0;
    S[10] = (S[10] + GOLDEN_HI + (lo >= TWO32 ? 1 : 0)) | 0;
    S[2 * j] = S[10];
    S[2 * j + 1] = S[11];
    splitmix64MixAt(2 * j);
  }
}

/** The next output, rotl(s1 * 5, 7) * 9, to S[8], S[9]; then the state transition. */
function next() {
  const s0h = S[0], s0l = S[1], s1h = S[2], s1l = S[3], s2h = S[4], s2l = S[5], s3h = S[6], s3l = S[7];
  // s1 * 5
  let x = (s1l >>> 0) * 5;
  let l = x | 0;
  let h = (Math.imul(s1h, 5) + Math.floor(x / TWO32)) | 0;
  // rotl 7
  const rh = (h << 7) | (l >>> 25);
  const rl = (l << 7) | (h >>> 25);
  // * 9
  x = (rl >>> 0) * 9;
  S[9] = x | 0;
  S[8] = (Math.imul(rh, 9) + Math.floor(x / TWO32)) | 0;
  // t = s1 << 17
  const th = (s1h << 17) | (s1l >>> 15);
  const tl = s1l << 17;
  const n2h = s2h ^ s0h, n2l = s2l ^ s0l;
  const n3h = s3h ^ s1h, n3l = s3l ^ s1l;
  S[2] = s1h ^ n2h;
  S[3] = s1l ^ n2l;
  S[0] = s0h ^ n3h;
  S[1] = s0l ^ n3l;
  S[4] = n2h ^ th;
  S[5] = n2l ^ tl;
  // rotl 45 = swap the halves, then rotl 13
  S[6] = (n3l << 13) | (n3h >>> 19);
  S[7] = (n3h << 13) | (n3l >>> 19);
}

/** A uniform double in [0, 1) with 53 random bits: (next >> 11) 2^-53. */
function uniform() {
  next();
  return ((S[8] >>> 0) * 2097152 + (S[9] >>> 11)) * 1.1102230246251565e-16;
}

/** A uniform integer in [0, k), 1 <= k < 2^21, without bias (Lemire, on the high 32 bits). */
function below(k) {
  next();
  let m = (S[8] >>> 0) * k; // exact: < 2^53
  if (m % TWO32 < k) {
    const floor = (TWO32 - k) % k;
    while (m % TWO32 < floor) {
      next();
      m = (S[8] >>> 0) * k;
    }
  }
  return Math.floor(m / TWO32);
}

/** The first `count` outputs of stream `stream` of `seed`, as BigInts (for the tests). */
export function xoshiroOutputs(seed, stream, count) {
  seedCounter(seed, stream);
  seedNextRow();
  const out = [];
  for (let i = 0; i < count; i++) {
    next();
    out.push((BigInt(S[8] >>> 0) << 32n) | BigInt(S[9] >>> 0));
  }
  return out;
}

/** Lemire draws below k on stream `stream` of `seed` (for the tests). */
export function belowOutputs(seed, stream, k, count) {
  seedCounter(seed, stream);
  seedNextRow();
  return Array.from({ length: count }, () => below(k));
}

// ---- the sampler ---------------------------------------------------------------------------

/**
 * Inverse CDF over the q weights w[base + a step]: the first a with u sum(w) < w_0 + .. + w_a;
 * if rounding runs past the end, the last a of positive weight.
 */
function drawFrom(w, base, step, q) {
  let total = 0;
  for (let a = 0; a < q; a++) total += w[base + a * step];
  const t = uniform() * total;
  let cumulative = 0;
  let last = 0;
  for (let a = 0; a < q; a++) {
    const v = w[base + a * step];
    if (v <= 0) continue;
    cumulative += v;
    if (t < cumulative) return a;
    last = a;
  }
  return last;
}

/** Slots of the memo of adaptive choices, and rows between two resets: as src/sampling/sample.ts. */
const MEMO_SLOTS = 65536;
const BATCH_ROWS = 65536;

/**
 * The adaptive policy's choices by state (z, wanted size): open addressing, linear probing, a
 * quarter kept empty; when full, choices are recomputed (assembly/choiceMemo.ts). The hash
 * differs from the kernel's (a 32-bit multiply), which changes only where entries sit.
 */
function makeMemo() {
  const keyZ = new Int32Array(MEMO_SLOTS);
  const keyW = new Int32Array(MEMO_SLOTS);
  const sizes = new Uint8Array(MEMO_SLOTS);
  const positions = new Uint8Array(MEMO_SLOTS * 32);
  let free = 0;
  function slotOf(z, wanted) {
    let s = Math.imul(z ^ Math.imul(wanted, 0x27d4eb2d), 0x9e3779b1) >>> 16;
    for (;;) {
      if (keyZ[s] === -1 || (keyZ[s] === z && keyW[s] === wanted)) return s;
      s = (s + 1) & (MEMO_SLOTS - 1);
    }
  }
  return {
    reset() {
      keyZ.fill(-1);
      free = MEMO_SLOTS - (MEMO_SLOTS >> 2);
    },
    /** Copies the remembered set to `list` and returns its size, or -1. */
    find(z, wanted, list) {
      const s = slotOf(z, wanted);
      if (keyZ[s] === -1) return -1;
      const size = sizes[s];
      for (let t = 0; t < size; t++) list[t] = positions[s * 32 + t];
      return size;
    },
    store(z, wanted, list, size) {
      if (free === 0) return;
      const s = slotOf(z, wanted);
      keyZ[s] = z;
      keyW[s] = wanted;
      sizes[s] = size;
      for (let t = 0; t < size; t++) positions[s * 32 + t] = list[t];
      free--;
    },
  };
}

/**
 * Draws rows firstRow .. firstRow + rows - 1 of the sampler's output (row r on stream r of
 * `seed`) from `lattice` (latticeBuild of a q^n table) with step sizes `sizes`; policy 'random'
 * or 'confidence'. Adds 1 to counts[flat index of x] for each row when `counts` is given (q^n
 * cells), and writes the rows to `out` (rows x n) when it is given. As assembly/sampler.ts
 * sampleRow at temperature 1: each step's set S (random: partial Fisher-Yates; confidence:
 * remembered, or every masked position scored and the best s chosen), then the masses
 * M[z with z_i = a] of every i in S loaded (all loads before any draw; divided by M[z] for
 * confidence, as the kernel does), then each x_i drawn by inverse CDF.
 */
export function sampleRows({ lattice, q, n, policy, sizes, seed, firstRow = 0, rows, counts = null, out = null }) {
  if (policy !== 'random' && policy !== 'confidence') throw new Error(`latticeSampler: policy ${policy} is not implemented`);
  if (n > 32) throw new Error('latticeSampler: n <= 32');
  const adaptive = policy !== 'random';
  const sizeAt = new Int32Array(n);
  let w0 = 0;
  for (const s of sizes) {
    sizeAt[w0] = s;
    w0 += s;
  }
  if (w0 !== n) throw new Error(`latticeSampler: sizes ${sizes} do not sum to n = ${n}`);
  const strides = new Int32Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) {
    strides[i] = (q + 1) ** (n - 1 - i);
    top += q * strides[i];
  }
  const digits = new Int32Array(n);
  const masked = new Int32Array(n);
  const chosen = new Int32Array(n);
  const values = new Int32Array(n);
  const scores = new Float64Array(n);
  const mass = new Float64Array(n * q);
  const memo = adaptive ? makeMemo() : null;
  const uniformMass = 1 / q;

  /**
   * mass[i] = M[z with z_i = .] for the `count` positions at list[from..] (all loads first), then
   * divided by M[z] into p(x_i = . | z) unless `raw` (random policy: the masses are the same law).
   */
  function conditionals(z, list, from, count, raw) {
    for (let t = from; t < from + count; t++) {
      const position = list[t];
      const stride = strides[position];
      const first = z - q * stride;
      const base = position * q;
      for (let a = 0; a < q; a++) mass[base + a] = lattice[first + a * stride];
    }
    if (raw) return;
    const mz = lattice[z];
    for (let t = from; t < from + count; t++) {
      const base = list[t] * q;
      if (mz > 0) for (let a = 0; a < q; a++) mass[base + a] /= mz;
      else for (let a = 0; a < q; a++) mass[base + a] = uniformMass;
    }
  }

  /** Scores the m masked positions (max_a of their conditionals), then the `size` best to `chosen`. */
  function scoreAndChoose(m, size) {
    for (let j = 0; j < m; j++) {
      const base = masked[j] * q;
      let best = -1;
      for (let a = 0; a < q; a++) if (mass[base + a] > best) best = mass[base + a];
      scores[masked[j]] = best;
    }
    return chooseTop(scores, masked, m, size, chosen);
  }

  seedCounter(seed, firstRow);
  for (let r = 0; r < rows; r++) {
    if (adaptive && r % BATCH_ROWS === 0) memo.reset();
    seedNextRow();
    for (let i = 0; i < n; i++) {
      digits[i] = q;
      masked[i] = i;
    }
    let z = top;
    for (let w = 0; w < n; ) {
      let list;
      let from;
      let size = sizeAt[w];
      if (!adaptive) {
        // The masked positions stay at masked[w..n), in the order the shuffles leave them.
        for (let t = w; t < w + size; t++) {
          const j = t + below(n - t);
          const position = masked[j];
          masked[j] = masked[t];
          masked[t] = position;
        }
        list = masked;
        from = w;
        conditionals(z, masked, w, size, true);
      } else {
        const m = n - w;
        let k = 0;
        for (let i = 0; i < n; i++) if (digits[i] === q) masked[k++] = i;
        list = chosen;
        from = 0;
        const found = memo.find(z, size, chosen);
        if (found >= 0) {
          size = found;
          conditionals(z, chosen, 0, size, false);
        } else {
          conditionals(z, masked, 0, m, false);
          const wanted = size;
          size = scoreAndChoose(m, wanted);
          memo.store(z, wanted, chosen, size);
        }
      }
      let dz = 0;
      for (let t = from; t < from + size; t++) {
        const position = list[t];
        const a = drawFrom(mass, position * q, 1, q);
        values[position] = a;
        dz += (q - a) * strides[position];
      }
      for (let t = from; t < from + size; t++) digits[list[t]] = values[list[t]];
      z -= dz;
      w += size;
    }
    if (out !== null) for (let i = 0; i < n; i++) out[r * n + i] = digits[i];
    if (counts !== null) {
      let cell = 0;
      for (let i = 0; i < n; i++) cell = cell * q + digits[i];
      counts[cell] += 1;
    }
  }
}

// ---- statistical check ---------------------------------------------------------------------

/** G = 2 sum c log(c / (N q)) over observed cells, its degrees of freedom, and cells seen where q = 0. */
export function gTest(counts, exact) {
  let total = 0;
  for (const c of counts) total += c;
  let G = 0;
  let impossible = 0;
  let support = 0;
  for (let x = 0; x < exact.length; x++) {
    if (exact[x] > 0) support++;
    if (counts[x] === 0) continue;
    if (exact[x] === 0) impossible += counts[x];
    else G += 2 * counts[x] * Math.log(counts[x] / (total * exact[x]));
  }
  return { G, df: support - 1, impossible, total };
}

/** The chi-square quantile at upper tail 1e-6 (Wilson-Hilferty; z = 4.753). */
export function chiSquareUpper(df) {
  const z = 4.753;
  const c = 2 / (9 * df);
  return df * (1 - c + z * Math.sqrt(c)) ** 3;
}

/**
 * For a few small tables and both policies: N rows of this sampler against the package's exact
 * samplerDistribution (G-test) and against the package's sample() rows (identical?).
 */
export async function check(N = 200_000) {
  const { models, sample, samplerDistribution } = await import('../../dist/index.js');
  const cases = [
    { name: 'q=2 n=6 [2,2,2]', q: 2, n: 6, sizes: [2, 2, 2], seed: 31 },
    { name: 'q=3 n=4 [2,2]', q: 3, n: 4, sizes: [2, 2], seed: 32 },
    { name: 'q=5 n=3 [2,1]', q: 5, n: 3, sizes: [2, 1], seed: 33 },
  ];
  const results = [];
  for (const { name, q, n, sizes, seed } of cases) {
    const joint = models.dirichlet(q, n, { seed });
    const lattice = latticeBuild(joint.probabilities(), q, n);
    for (const policy of ['random', 'confidence']) {
      const exact = samplerDistribution(joint, { sizes, policy });
      const counts = new Float64Array(q ** n);
      sampleRows({ lattice, q, n, policy, sizes, seed: 7, rows: N, counts });
      const { G, df, impossible } = gTest(counts, exact.probabilities());
      exact.dispose();
      // The same counts against p itself (not the sampler's law): should be far off when K < n.
      const gAgainstP = gTest(counts, joint.probabilities()).G;
      const rows = 2000;
      const mine = new Uint8Array(rows * n);
      sampleRows({ lattice, q, n, policy, sizes, seed: 9, firstRow: 100, rows, out: mine });
      const theirs = sample(joint, { sizes, policy, count: rows + 100, seed: 9 }).samples.subarray(100 * n);
      let identical = true;
      for (let i = 0; i < mine.length; i++) if (mine[i] !== theirs[i]) identical = false;
      const threshold = chiSquareUpper(df);
      results.push({ case: name, policy, N, G, df, threshold, G_vs_p: gAgainstP, impossible, identical_rows: identical, ok: impossible === 0 && G < threshold });
    }
    joint.dispose();
  }
  return results;
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] !== '--check') {
    console.error('usage: node bench/js/latticeSampler.mjs --check [N]');
    process.exit(2);
  }
  const { Xoshiro256StarStar } = await import('../../dist/index.js');
  // The generator against the package's (BigInt) one, on a few streams.
  for (const [seed, stream] of [[0, 0], [1, 0], [2 ** 53 - 1, 12345], [42, 2 ** 40]]) {
    const ref = Xoshiro256StarStar.fromSeed(seed, stream);
    const want = Array.from({ length: 8 }, () => ref.next());
    const got = xoshiroOutputs(seed, stream, 8);
    if (want.some((v, i) => v !== got[i])) throw new Error(`xoshiro256** stream ${stream} of seed ${seed}: ${got} != ${want}`);
    const refBelow = Xoshiro256StarStar.fromSeed(seed, stream);
    const wantBelow = Array.from({ length: 50 }, (_, i) => refBelow.below(1 + (i % 7) * 3));
    seedCounter(seed, stream);
    seedNextRow();
    const gotBelow = Array.from({ length: 50 }, (_, i) => below(1 + (i % 7) * 3));
    if (wantBelow.some((v, i) => v !== gotBelow[i])) throw new Error(`below() on stream ${stream} of seed ${seed} differs`);
  }
  const results = await check(args[1] ? Number(args[1]) : undefined);
  for (const r of results) console.log(JSON.stringify(r));
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
