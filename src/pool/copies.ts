// The copy protocol of workers that cannot share the main thread's memory (a browser page that
// is not cross-origin isolated, or createPool({ sharing: 'copies' })): each worker has its own
// memory with the same layout. Before a call, the ranges it reads are copied to the same
// addresses in the worker; after it, the ranges it writes come back and are copied into the
// main thread's memory before the call resolves.
//
// A big read (a table or lattice of hundreds of MB) is not resent on every call of a job: the
// main thread remembers, per worker, which ranges it holds and at which block version
// (Arena.version: new on every alloc, and on every touch, which each write-back does). A range
// is skipped only if its block is live and still at that version, so a block released,
// reallocated or rewritten is copied again. A worker's memory changes only by what it is sent,
// by its calls' writes (sent back, so their blocks get new versions) and by scratch, which lies
// in blocks of running jobs; a call that fails may have written part of its ranges, so the
// worker's record is cleared then, and a replaced worker starts with none.
import type { Arena } from '../wasm/arena.js';
import type { CallMemory, CopyIn, KernelCall, MemoryRange } from './port.js';

/** What one worker holds: "at:bytes" -> the version of the block it was copied from. */
export type Held = Map<string, number>;

const key = (range: MemoryRange) => `${range.at}:${range.bytes}`;

/** The call with the reads the worker does not hold yet (their buffers to transfer), and what to send back. */
export function withCopies(
  call: KernelCall, memory: CallMemory | undefined, held: Held, main: WebAssembly.Memory, arena: Arena,
): { call: KernelCall; transfer: ArrayBuffer[] } {
  const copyIn: CopyIn[] = [];
  const sent: [MemoryRange, number | undefined][] = [];
  for (const range of memory?.reads ?? []) {
    const version = arena.version(range.at, range.bytes);
    if (version !== undefined && held.get(key(range)) === version) continue;
    copyIn.push({ at: range.at, data: new Uint8Array(main.buffer, range.at, range.bytes).slice().buffer });
    sent.push([range, version]);
  }
  // Recorded only once every copy was made (a range outside the memory throws before any).
  for (const [range, version] of sent) {
    if (version === undefined) held.delete(key(range));
    else held.set(key(range), version);
  }
  return {
    call: { ...call, bytes: main.buffer.byteLength, copyIn, copyOut: memory?.writes ?? [] },
    transfer: copyIn.map((c) => c.data),
  };
}

/** Copies a call's written ranges into the main memory; the worker holds them at their new versions. */
export function copyBack(
  writes: readonly MemoryRange[], copied: readonly ArrayBuffer[], held: Held, main: WebAssembly.Memory, arena: Arena,
): void {
  writes.forEach((range, i) => {
    new Uint8Array(main.buffer, range.at, range.bytes).set(new Uint8Array(copied[i]));
    arena.touch(range.at, range.bytes);
    const version = arena.version(range.at, range.bytes);
    if (version === undefined) held.delete(key(range));
    else held.set(key(range), version);
  });
}
