// Byte ranges of the kernels' memory for a call's CallMemory, listed as a kernel walks them:
// a range that starts where the previous one ends extends it.
import type { CallMemory, MemoryRange } from './port.js';

/** A growing list of byte ranges; add() merges a range that continues the last one. */
export class RangeList {
  readonly #ranges: { at: number; bytes: number }[] = [];

  /** Adds `bytes` bytes at `at` (nothing when bytes is 0). */
  add(at: number, bytes: number): void {
    if (bytes <= 0) return;
    const last = this.#ranges[this.#ranges.length - 1];
    if (last !== undefined && last.at + last.bytes === at) last.bytes += bytes;
    else this.#ranges.push({ at, bytes });
  }

  /** The ranges, in the order added. */
  get ranges(): readonly MemoryRange[] {
    return this.#ranges;
  }
}

/** The bounds of part k of `parts` near-equal parts of [0, total): [floor(k total / parts), floor((k+1) total / parts)). */
export function partBounds(total: number, parts: number, k: number): [number, number] {
  return [Math.floor((k * total) / parts), Math.floor(((k + 1) * total) / parts)];
}

/**
 * A CallMemory listed only when first read: workers that share memory never read it, so a call
 * with many ranges (a lattice pass lists a few per row) costs nothing to describe there.
 */
export function lazyCallMemory(list: () => CallMemory): CallMemory {
  let listed: CallMemory | undefined;
  return {
    get reads() {
      return (listed ??= list()).reads;
    },
    get writes() {
      return (listed ??= list()).writes;
    },
  };
}
