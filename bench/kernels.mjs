#!/usr/bin/env node
// Where the WebAssembly time goes: times single kernels of build/kernels.wasm on small arrays
// that stay in cache (the log, p log p, one marginalisation fused with p log p), next to
// Node's Math.log, in ns per value. Compare with ns per cell visit of subsetEntropies (run.mjs):
// each visit is one p log p plus q additions.
//
// CLI: node bench/kernels.mjs   -> one JSON line {rows: [{name, ns}], ...}; a kernel whose
// export is missing or has another signature is reported as null (the kernels evolve).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WASM = new URL('../build/kernels.wasm', import.meta.url);
/** Values per call: 64 KiB of float64, so that input and output stay in L2. */
const VALUES = 2 ** 13;

/** Best (lowest) ns per item over 5 batches of about `seconds`/5 each, after a short warm-up. */
function nsPerItem(call, items, seconds = 0.25) {
  const now = () => Number(process.hrtime.bigint()) * 1e-9;
  for (const t0 = now(); now() - t0 < 0.05;) call();
  let best = Infinity;
  for (let batch = 0; batch < 5; batch++) {
    let calls = 0;
    const t0 = now();
    let t = t0;
    while (t - t0 < seconds / 5) {
      call();
      calls++;
      t = now();
    }
    best = Math.min(best, ((t - t0) * 1e9) / (calls * items));
  }
  return best;
}

/** The kernel export `name` if it exists with `arity` parameters, else undefined. */
function kernel(exports, name, arity) {
  const fn = exports[name];
  return typeof fn === 'function' && fn.length === arity ? fn : undefined;
}

/** Values in (0, 1] spread over many binades, like the cells of a probability table. */
function probabilities(count) {
  const x = new Float64Array(count);
  let state = 12345;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    x[i] = ((state + 1) / 2 ** 32) ** 4;
  }
  return x;
}

/** Measures every kernel; returns [{ name, ns }] (ns null when the kernel is unavailable). */
export function measureKernels() {
  const rows = [];
  const add = (name, measure) => {
    let ns = null;
    try {
      ns = measure();
    } catch {
      ns = null;
    }
    rows.push({ name, ns: ns ?? null });
  };
  const x = probabilities(VALUES);

  add('Math.log (plain JS, for comparison)', () => {
    let sink = 0;
    const ns = nsPerItem(() => {
      let sum = 0;
      for (let i = 0; i < VALUES; i++) sum += Math.log(x[i]);
      sink += sum;
    }, VALUES);
    return Number.isFinite(sink) ? ns : null;
  });

  let exports;
  try {
    // The threads build imports its memory (env.memory, shared), as src/wasm/runtime.ts gives it.
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    exports = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(WASM)), { env: { memory: shared } }).exports;
  } catch {
    exports = {};
  }
  const memory = exports.memory;
  const heapBase = kernel(exports, 'heapBase', 0);
  const q26 = 26;
  // Layout: x | out | table (q26 * VALUES / 2 cells) | marginal (VALUES / 2 cells).
  const half = VALUES / 2;
  let base = 0;
  if (memory && heapBase) {
    base = (heapBase() + 63) & ~63;
    const bytes = base + 8 * (2 * VALUES + q26 * half + half) + 64;
    const missing = bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  }
  const xPtr = base;
  const outPtr = xPtr + 8 * VALUES;
  const tablePtr = outPtr + 8 * VALUES;
  const marginalPtr = tablePtr + 8 * q26 * half;
  const view = (ptr, count) => new Float64Array(memory.buffer, ptr, count);
  if (memory && heapBase) view(xPtr, VALUES).set(x);

  const logArray = heapBase && kernel(exports, 'logArray', 3);
  add('log (logArray, f64x2)', () => logArray && nsPerItem(() => logArray(xPtr, outPtr, VALUES), VALUES));
  const plogpSum = heapBase && kernel(exports, 'plogpSum', 2);
  add('p log p summed (plogpSum)', () => plogpSum && nsPerItem(() => plogpSum(xPtr, VALUES), VALUES));

  // One marginalisation fused with p log p, per output cell (= per cell visit of the DFS):
  // `last` sums the last axis, (a, q, 1) -> (a); `first` sums the first, (1, q, b) -> (b).
  const marginalize = heapBase && kernel(exports, 'marginalizePlogp', 5);
  for (const q of [2, q26]) {
    const table = probabilities(q * half);
    for (const [axis, a, b] of [['last', half, 1], ['first', 1, half]]) {
      add(`marginalize q=${q}, ${axis} axis, + p log p (marginalizePlogp)`, () => {
        if (!marginalize) return null;
        view(tablePtr, q * half).set(table);
        return nsPerItem(() => marginalize(tablePtr, marginalPtr, a, q, b), half);
      });
    }
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify({ values: VALUES, rows: measureKernels(), node: process.version }));
}
