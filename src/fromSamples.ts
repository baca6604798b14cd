// Joint.fromSamples: the empirical distribution of rows of symbols, p(x) = count(x) / rows, as a
// dense Joint or, when the support is much smaller than q^n, a SparseJoint. The rows are packed
// into 64-bit keys, radix-sorted and counted in wasm (assembly/sparse.ts); the dense table is
// then filled from the distinct keys.
import { ArgumentRangeError, ArgumentTypeError, describe } from './errors.js';
import { MAX_POSITIONS, requireShape } from './internal/shape.js';
import { withScratch } from './internal/scratch.js';
import { requireInteger, requireOptions } from './internal/validate.js';
import { Joint } from './Joint.js';
import { SPARSE_WORK_CELLS, SparseJoint, bitsPerSymbol, requireKeyBits } from './SparseJoint.js';

/**
 * Samples, one row of n symbols each: a Uint8Array or Uint16Array of count × n symbol codes
 * (row-major, each < q), an array of strings (each character a symbol), or an array of arrays
 * of strings (each element a symbol, e.g. phonemes).
 */
export type SampleRows = Uint8Array | Uint16Array | readonly string[] | readonly (readonly string[])[];

/** Options of Joint.fromSamples. */
export interface FromSamplesOptions {
  /** Alphabet size: symbols are 0..q-1. Required for typed arrays; for strings, the alphabet's length by default. */
  q?: number;
  /** Symbols per row (1..32). Required for typed arrays; for strings, the length of the first row by default. */
  n?: number;
  /** Rows of strings only: symbol a is alphabet[a] (a string: its characters). Default: the rows' distinct symbols, sorted. */
  alphabet?: string | readonly string[];
  /**
   * 'auto' (the default): a dense Joint when q^n <= max(2^16, 16 × support), else a SparseJoint;
   * 'dense' or 'sparse' forces one.
   */
  representation?: 'auto' | 'dense' | 'sparse';
}

/** q^n at or below which 'auto' always picks the dense table (512 KiB). */
export const DENSE_ALWAYS_CELLS = 2 ** 16;
/** 'auto' picks the dense table while q^n <= this many cells per distinct row seen. */
export const DENSE_CELLS_PER_SUPPORT = 16;

/** Largest alphabet: symbols are stored as 16-bit codes. */
const MAX_Q = 65536;

interface Symbols {
  codes: Uint8Array | Uint16Array;
  q: number;
  n: number;
}

/** The rows as symbol codes, checked. */
function symbolsOf(fn: string, rows: unknown, options: FromSamplesOptions): Symbols {
  if (rows instanceof Uint8Array || rows instanceof Uint16Array) return typedSymbols(fn, rows, options);
  if (!Array.isArray(rows)) {
    throw new ArgumentTypeError({ fn, argument: 'rows', expected: 'a Uint8Array, a Uint16Array, an array of strings or an array of arrays of strings', received: describe(rows) });
  }
  return textSymbols(fn, rows, options);
}

function requireRowsNotEmpty(fn: string, length: number, rows: unknown): void {
  if (length === 0) throw new ArgumentRangeError({ fn, argument: 'rows', expected: 'at least one row', received: describe(rows) });
}

function typedSymbols(fn: string, rows: Uint8Array | Uint16Array, options: FromSamplesOptions): Symbols {
  if (options.alphabet !== undefined) {
    throw new ArgumentTypeError({ fn, argument: 'options.alphabet', expected: 'undefined for rows of symbol codes (a typed array)', received: describe(options.alphabet) });
  }
  if (options.q === undefined) throw new ArgumentTypeError({ fn, argument: 'options.q', expected: 'an integer >= 2 for rows of symbol codes', received: 'undefined' });
  if (options.n === undefined) throw new ArgumentTypeError({ fn, argument: 'options.n', expected: `an integer in [1, ${MAX_POSITIONS}] for rows of symbol codes`, received: 'undefined' });
  const q = requireInteger(fn, 'options.q', options.q, 2, MAX_Q);
  const n = requireInteger(fn, 'options.n', options.n, 1, MAX_POSITIONS);
  requireRowsNotEmpty(fn, rows.length, rows);
  if (rows.length % n !== 0) {
    throw new ArgumentRangeError({ fn, argument: 'rows', expected: `count × n symbols with n = ${n}`, received: `${rows.length} symbols, ${rows.length % n} past the last whole row` });
  }
  for (let k = 0; k < rows.length; k++) {
    if (rows[k] >= q) {
      throw new ArgumentRangeError({ fn, argument: `rows[${k}] (row ${Math.floor(k / n)}, position ${k % n})`, expected: `a symbol < q = ${q}`, received: describe(rows[k]) });
    }
  }
  return { codes: rows, q, n };
}

/** Row r of text, checked to be of the kind of rows[0]: a string (its code points are its
 *  symbols) or an array of strings. Iterating it gives its symbols. */
function textRow(fn: string, rows: readonly unknown[], r: number, kind: 'string' | 'array'): Iterable<string> {
  const row = rows[r];
  if (kind === 'string' && typeof row === 'string') return row;
  if (kind === 'array' && Array.isArray(row)) {
    row.forEach((symbol, i) => {
      if (typeof symbol !== 'string') throw new ArgumentTypeError({ fn, argument: `rows[${r}][${i}]`, expected: 'a string (a symbol)', received: describe(symbol) });
    });
    return row as string[];
  }
  const expected = kind === 'string' ? 'a string, as rows[0] is' : 'an array of strings, as rows[0] is';
  throw new ArgumentTypeError({ fn, argument: `rows[${r}]`, expected, received: describe(row) });
}

function alphabetOf(fn: string, alphabet: unknown, kind: 'string' | 'array'): string[] {
  const symbols = typeof alphabet === 'string' ? Array.from(alphabet) : alphabet;
  if (!Array.isArray(symbols)) {
    throw new ArgumentTypeError({ fn, argument: 'options.alphabet', expected: 'a string or an array of strings', received: describe(alphabet) });
  }
  const seen = new Set<string>();
  symbols.forEach((symbol, a) => {
    if (typeof symbol !== 'string' || (kind === 'string' ? Array.from(symbol).length !== 1 : symbol.length === 0)) {
      const expected = kind === 'string' ? 'a single character (rows are strings)' : 'a non-empty string';
      throw new ArgumentTypeError({ fn, argument: `options.alphabet[${a}]`, expected, received: describe(symbol) });
    }
    if (seen.has(symbol)) throw new ArgumentRangeError({ fn, argument: `options.alphabet[${a}]`, expected: 'a symbol not listed before', received: describe(symbol) });
    seen.add(symbol);
  });
  return symbols as string[];
}

/** Rows of text as codes: a first pass checks each row and its length (and collects the symbols
 *  when there is no alphabet), a second maps each symbol to its code; no array per row. */
function textSymbols(fn: string, rows: readonly unknown[], options: FromSamplesOptions): Symbols {
  requireRowsNotEmpty(fn, rows.length, rows);
  const kind = Array.isArray(rows[0]) ? 'array' : 'string';
  const first = [...textRow(fn, rows, 0, kind)].length;
  const n = options.n === undefined ? first : requireInteger(fn, 'options.n', options.n, 1, MAX_POSITIONS);
  if (n < 1 || n > MAX_POSITIONS) {
    throw new ArgumentRangeError({ fn, argument: 'rows[0]', expected: `a row of 1 to ${MAX_POSITIONS} symbols`, received: `${n} symbols` });
  }
  const seen = options.alphabet === undefined ? new Set<string>() : null;
  for (let r = 0; r < rows.length; r++) {
    let length = 0;
    for (const symbol of textRow(fn, rows, r, kind)) {
      seen?.add(symbol);
      length++;
    }
    if (length !== n) throw new ArgumentRangeError({ fn, argument: `rows[${r}]`, expected: `a row of n = ${n} symbols`, received: `${length} symbols` });
  }
  const alphabet = seen === null ? alphabetOf(fn, options.alphabet, kind) : [...seen].sort();
  if (seen !== null && alphabet.length < 2 && options.q === undefined) {
    throw new ArgumentRangeError({ fn, argument: 'rows', expected: 'at least 2 distinct symbols when neither options.alphabet nor options.q is given', received: `only ${describe(alphabet[0])}` });
  }
  const q = options.q === undefined ? alphabet.length : requireInteger(fn, 'options.q', options.q, Math.max(2, alphabet.length), MAX_Q);
  if (q > MAX_Q) throw new ArgumentRangeError({ fn, argument: 'options.alphabet', expected: `at most ${MAX_Q} symbols`, received: `${q} symbols` });
  const code = new Map(alphabet.map((symbol, a) => [symbol, a]));
  const codes = q <= 256 ? new Uint8Array(rows.length * n) : new Uint16Array(rows.length * n);
  for (let r = 0; r < rows.length; r++) {
    let k = r * n;
    for (const symbol of rows[r] as Iterable<string>) {
      const a = code.get(symbol);
      if (a === undefined) throw new ArgumentRangeError({ fn, argument: `rows[${r}]`, expected: 'a row of symbols of the alphabet', received: `${describe(symbol)} at position ${k - r * n}` });
      codes[k++] = a;
    }
  }
  return { codes, q, n };
}

/** Whether 'auto' takes the dense table for `support` distinct rows. */
function prefersDense(q: number, n: number, support: number): boolean {
  return q ** n <= Math.max(DENSE_ALWAYS_CELLS, DENSE_CELLS_PER_SUPPORT * support);
}

/** fromSamples behind Joint.fromSamples (see its doc comment). */
export function fromSamples(rows: SampleRows, options: FromSamplesOptions): Joint | SparseJoint {
  const fn = 'Joint.fromSamples';
  const checked = requireOptions(fn, options);
  const { representation = 'auto' } = checked;
  if (representation !== 'auto' && representation !== 'dense' && representation !== 'sparse') {
    throw new ArgumentRangeError({ fn, argument: 'options.representation', expected: "'auto', 'dense' or 'sparse'", received: describe(representation) });
  }
  const { codes, q, n } = symbolsOf(fn, rows, checked);
  const bits = bitsPerSymbol(q);
  if (representation === 'dense') requireShape(fn, q, n);
  // Rows that do not pack into 64 bits (n ceil(log2 q) > 64, so q^n > 2^32) never fit a dense table either.
  requireKeyBits(fn, 'rows', q, n);
  const count = codes.length / n;
  const symbolBytes = codes.BYTES_PER_ELEMENT;
  const rowCells = Math.ceil((codes.length * symbolBytes) / 8);
  return withScratch(fn, [rowCells, count, count, count, count, count, count, SPARSE_WORK_CELLS], (runtime, pointers) => {
    const [rowsAt, keys, values, outKeys, outValues, tmpKeys, tmpValues, work] = pointers;
    const { kernels, memory } = runtime;
    new Uint8Array(memory.buffer, rowsAt, codes.byteLength).set(new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength));
    kernels.sparsePackRows(rowsAt, symbolBytes, count, n, bits, keys);
    runtime.arena.f64(values, count).fill(1);
    const full = (2 ** n - 1) >>> 0;
    const support = kernels.sparseMarginal(keys, values, count, n, bits, full, outKeys, outValues, tmpKeys, tmpValues, work);
    const probabilities = runtime.arena.f64(outValues, support);
    for (let k = 0; k < support; k++) probabilities[k] /= count;
    const dense = representation === 'dense' || (representation === 'auto' && prefersDense(q, n, support));
    if (dense) return Joint.build(fn, q, n, (rt, table) => rt.kernels.sparseToDense(outKeys, outValues, support, q, n, bits, table, q ** n));
    return SparseJoint.build(fn, q, n, support, (rt, keysAt, valuesAt) => {
      const buffer = rt.memory.buffer;
      new BigUint64Array(buffer, keysAt, support).set(new BigUint64Array(buffer, outKeys, support));
      new Float64Array(buffer, valuesAt, support).set(new Float64Array(buffer, outValues, support));
    });
  });
}
