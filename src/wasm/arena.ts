// The facade owns the layout of linear memory (DESIGN.md §9): a first-fit free list of 64-byte
// aligned blocks above the module's static data. Kernels only receive pointers. Growing memory
// detaches every typed-array view (a shared memory's old buffer keeps its old length instead),
// so views are made fresh after each allocation (f64()).
//
// Each live block also has a version, unique over the arena's life: a fresh one on alloc() and on
// touch() (the main thread wrote into the block after workers may have copied it). Pool workers
// that hold copies instead of sharing the memory (src/pool/copies.ts) keep what they hold keyed
// by range and version, so a block released, reallocated or rewritten is never read stale.
import { MemoryLimitError } from '../errors.js';

/** Bytes in a WebAssembly page. */
export const PAGE_BYTES = 65536;
const ALIGN = 64;
/** wasm32 addresses 4 GiB: 65536 pages. */
export const MAX_MEMORY_BYTES = 65536 * PAGE_BYTES;

interface Block {
  start: number;
  size: number;
}

export class Arena {
  private readonly memory: WebAssembly.Memory;
  /** Free blocks, sorted by start, never adjacent (coalesced). */
  private readonly free: Block[] = [];
  /** Allocated blocks: start -> size. */
  private readonly used = new Map<number, number>();
  /** Versions of the allocated blocks: start -> version. */
  private readonly versions = new Map<number, number>();
  /** The last version handed out. */
  private clock = 0;
  /** End of the highest block ever handed out. */
  private top: number;

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.top = base;
  }

  /** Bytes that could still be allocated in one block, at best. */
  available(): number {
    return MAX_MEMORY_BYTES - this.topFreeStart();
  }

  /** Throws MemoryLimitError unless `bytes` more could be allocated (checked before any work). */
  checkFits(fn: string, what: string, bytes: number): void {
    if (roundUp(bytes) > this.available()) throw new MemoryLimitError(fn, what, bytes, this.available());
  }

  /** A block of at least `bytes` bytes, 64-byte aligned; grows memory when needed. */
  alloc(fn: string, what: string, bytes: number): number {
    const size = Math.max(ALIGN, roundUp(bytes));
    for (let i = 0; i < this.free.length; i++) {
      const block = this.free[i];
      if (block.size < size) continue;
      const start = block.start;
      if (block.size === size) this.free.splice(i, 1);
      else {
        block.start += size;
        block.size -= size;
      }
      this.used.set(start, size);
      this.versions.set(start, ++this.clock);
      return start;
    }
    // Extend from the top, absorbing a free block that ends there.
    const start = this.topFreeStart();
    const end = start + size;
    if (end > MAX_MEMORY_BYTES) throw new MemoryLimitError(fn, what, bytes, this.available());
    this.ensure(fn, what, bytes, end);
    if (start !== this.top) this.free.pop();
    this.top = end;
    this.used.set(start, size);
    this.versions.set(start, ++this.clock);
    return start;
  }

  /** Returns a block to the free list. */
  release(start: number): void {
    const size = this.used.get(start);
    if (size === undefined) return;
    this.used.delete(start);
    this.versions.delete(start);
    let i = 0;
    while (i < this.free.length && this.free[i].start < start) i++;
    this.free.splice(i, 0, { start, size });
    // Coalesce with the next, then with the previous block.
    const next = this.free[i + 1];
    if (next !== undefined && start + size === next.start) {
      this.free[i].size += next.size;
      this.free.splice(i + 1, 1);
    }
    const prev = this.free[i - 1];
    if (prev !== undefined && prev.start + prev.size === start) {
      prev.size += this.free[i].size;
      this.free.splice(i, 1);
    }
  }

  /**
   * The version of the live block holding all of [at, at + bytes), or undefined when no single
   * live block holds it. Changes whenever the block is released, reallocated or touched.
   */
  version(at: number, bytes: number): number | undefined {
    const start = this.blockOf(at, bytes);
    return start === undefined ? undefined : this.versions.get(start);
  }

  /** Gives the live block holding [at, at + bytes) a new version: call after writing into it. */
  touch(at: number, bytes: number): void {
    const start = this.blockOf(at, bytes);
    if (start !== undefined) this.versions.set(start, ++this.clock);
  }

  /** A fresh Float64Array view of `length` cells at byte offset `start`. */
  f64(start: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, start, length);
  }

  /** The start of the live block holding all of [at, at + bytes), if any. */
  private blockOf(at: number, bytes: number): number | undefined {
    for (const [start, size] of this.used) if (start <= at && at + bytes <= start + size) return start;
    return undefined;
  }

  /** Where free space running up to the end of memory starts. */
  private topFreeStart(): number {
    const last = this.free[this.free.length - 1];
    return last !== undefined && last.start + last.size === this.top ? last.start : this.top;
  }

  /** Grows memory to hold `end` bytes, or throws MemoryLimitError with nothing changed. */
  private ensure(fn: string, what: string, bytes: number, end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    try {
      this.memory.grow(Math.ceil((end - have) / PAGE_BYTES));
    } catch {
      throw new MemoryLimitError(fn, what, bytes, have - this.topFreeStart());
    }
  }
}

function roundUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}
