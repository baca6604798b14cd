// Fills the free memory of the kernels' arena with 0xff bytes (NaN as float64), so a result that
// a pooled call failed to write (or to copy back) cannot pass by reusing what an earlier call
// left there.
import { getRuntime } from '../../src/wasm/runtime.js';

/** The arena's free blocks and its top (private fields, read here only). */
type ArenaInside = { free: { start: number; size: number }[]; top: number };

/** Every free block, and the memory above the highest block, filled with 0xff. */
export function poisonFreeMemory(): void {
  const { arena, memory } = getRuntime();
  const inside = arena as unknown as ArenaInside;
  const bytes = new Uint8Array(memory.buffer);
  for (const { start, size } of inside.free) bytes.fill(0xff, start, start + size);
  bytes.fill(0xff, inside.top);
}
