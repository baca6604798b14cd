// The mask lattice built by a pool's workers (DESIGN.md §5): latticeBuild's passes n-1, ..., 0
// in turn, each split into ranges of its cells, one latticePass call per range, taken by
// whichever worker is free. A pass reads what the passes before it wrote, so it starts once
// every call of the previous one has returned. Within a pass the cells are independent and each
// is the same sum of the same terms in the same order as in latticeBuild, so the lattice is
// bit-identical whatever the thread count.
import { runLanes } from './lanes.js';
import type { CallMemory } from './port.js';
import { lazyCallMemory, partBounds, RangeList } from './ranges.js';
import type { PoolRun } from './runOptions.js';

/** A call makes at least this many cells (bounds the messages' share)... */
const MIN_PIECE_CELLS = 1 << 16;
/** ...and a pass is at most this many calls per worker, so the workers end close together. */
const PIECES_PER_LANE = 4;

/** Cells pass i computes: z_i masked, z_0..z_(i-1) revealed, q^i (q+1)^(n-1-i). */
export function passCells(q: number, n: number, i: number): number {
  return q ** i * (q + 1) ** (n - 1 - i);
}

/**
 * What latticePass(table, q, n, i, lattice, first, count) reads and writes, walked as the
 * kernel walks its rows (row r < q^i: z_0..z_(i-1) the base-q digits of r; the row spans
 * positions i..n-1, q+1 stripes of b = (q+1)^(n-1-i) cells): for cells j..end-1 of a row, the
 * same cells of stripes 0..q-1 are read and those of stripe q written; pass n-1 reads the
 * table's row r and writes the whole row (b = 1: the q copied cells and their sum).
 */
export function passMemory(table: number, lattice: number, q: number, n: number, i: number, first: number, count: number): CallMemory {
  const Q = q + 1;
  const b = Q ** (n - 1 - i);
  const rowCells = Q * b;
  const reads = new RangeList();
  const writes = new RangeList();
  let r = Math.floor(first / b);
  let j = first - r * b;
  let row = 0;
  for (let k = 0, x = r, unit = rowCells; k < i; k++, x = Math.floor(x / q), unit *= Q) row += (x % q) * unit;
  for (let left = count; left > 0; r++) {
    const end = Math.min(b, j + left);
    const at = lattice + row * 8;
    if (i === n - 1) {
      reads.add(table + r * q * 8, q * 8);
      writes.add(at, Q * 8);
    } else {
      for (let a = 0; a < q; a++) reads.add(at + (a * b + j) * 8, (end - j) * 8);
      writes.add(at + (q * b + j) * 8, (end - j) * 8);
    }
    left -= end - j;
    j = 0;
    // Row r + 1: trailing base-q digits q-1 wrap to 0.
    let unit = rowCells;
    for (let x = r; x % q === q - 1; x = Math.floor(x / q), unit *= Q) row -= (q - 1) * unit;
    row += unit;
  }
  return { reads: reads.ranges, writes: writes.ranges };
}

/**
 * Builds the lattice of the table at `table` (q^n cells) into `lattice` ((q+1)^n cells) with
 * the pool's workers; progress in cells made, of (q+1)^n - q^n. The signal stops it between
 * calls and interrupts the running ones (runLanes, Pool.call); both blocks must stay allocated
 * until the Promise settles.
 */
export async function buildLatticeInPool(run: PoolRun, table: number, q: number, n: number, lattice: number): Promise<void> {
  const { pool, signal, onProgress } = run;
  const total = (q + 1) ** n - q ** n;
  let done = 0;
  for (let i = n - 1; i >= 0; i--) {
    const cells = passCells(q, n, i);
    const pieces = Math.max(1, Math.min(Math.ceil(cells / MIN_PIECE_CELLS), pool.threads * PIECES_PER_LANE));
    const lanes = Array.from({ length: Math.min(pool.threads, pieces) }, (_, lane) => lane);
    let next = 0;
    await runLanes(lanes, () => next < pieces, async () => {
      const [from, to] = partBounds(cells, pieces, next++);
      await pool.call('latticePass', [table, q, n, i, lattice, from, to - from], lazyCallMemory(() => passMemory(table, lattice, q, n, i, from, to - from)), signal);
      done += to - from;
      onProgress?.(done, total);
    }, signal);
  }
}
