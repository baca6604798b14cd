// The facade's allocator over linear memory: alignment, reuse, coalescing, growth, limits.
import { describe, expect, it } from 'vitest';
import { Arena, MAX_MEMORY_BYTES } from '../src/wasm/arena.js';
import { MemoryLimitError } from '../src/errors.js';

function arena(): { arena: Arena; memory: WebAssembly.Memory } {
  const memory = new WebAssembly.Memory({ initial: 1 });
  return { arena: new Arena(memory, 128), memory };
}

describe('Arena', () => {
  it('hands out 64-byte aligned, non-overlapping blocks above the base', () => {
    const { arena: a } = arena();
    const x = a.alloc('t', 'x', 10);
    const y = a.alloc('t', 'y', 100);
    expect(x).toBeGreaterThanOrEqual(128);
    expect(x % 64).toBe(0);
    expect(y % 64).toBe(0);
    expect(y).toBeGreaterThanOrEqual(x + 64);
  });

  it('reuses released blocks and coalesces neighbours', () => {
    const { arena: a } = arena();
    const x = a.alloc('t', 'x', 64);
    const y = a.alloc('t', 'y', 64);
    const z = a.alloc('t', 'z', 64);
    a.release(x);
    a.release(y);
    expect(a.alloc('t', 'xy', 128)).toBe(x); // x and y merged into one free block
    a.release(z);
    const w = a.alloc('t', 'w', 64);
    expect(w).toBe(z);
  });

  it('grows memory on demand, and views made after growth see the data', () => {
    const { arena: a, memory } = arena();
    const x = a.alloc('t', 'x', 8);
    a.f64(x, 1)[0] = 42;
    const big = a.alloc('t', 'big', 1 << 20);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + (1 << 20));
    expect(a.f64(x, 1)[0]).toBe(42);
  });

  it('refuses requests beyond 4 GiB before allocating, naming the bytes', () => {
    const { arena: a } = arena();
    expect(() => a.checkFits('f', 'work', MAX_MEMORY_BYTES)).toThrow(MemoryLimitError);
    expect(() => a.alloc('f', 'work', MAX_MEMORY_BYTES)).toThrow(`f: work needs ${MAX_MEMORY_BYTES} bytes (4.00 GiB)`);
    expect(a.available()).toBe(MAX_MEMORY_BYTES - 128);
  });

  it('gives each block a version that changes when it is released and reallocated, or touched', () => {
    const { arena: a } = arena();
    const x = a.alloc('t', 'x', 256);
    const v = a.version(x, 256);
    expect(v).toBeDefined();
    expect(a.version(x + 64, 128), 'a range inside the block').toBe(v);
    expect(a.version(x + 64, 256), 'a range running past the block').toBeUndefined();
    a.touch(x + 64, 8);
    const touched = a.version(x, 256);
    expect(touched).not.toBe(v);
    a.release(x);
    expect(a.version(x, 256), 'released').toBeUndefined();
    expect(a.alloc('t', 'again', 256)).toBe(x);
    const again = a.version(x, 256);
    expect(again === v || again === touched, 'reallocated at the same place: a version never seen before').toBe(false);
  });
});
