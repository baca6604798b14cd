// A memo of the adaptive policies' choices: the set S a deterministic policy reveals depends only
// on the partial state z (and the step size), and rows of one run share few states (at most
// sum_k q^(w_k) of them), so each is scored once. Open addressing with linear probing over a
// fixed number of slots; when it is full, choices are simply recomputed (the rows are the same).

/** Bytes per slot: key (u64), then the count and positions of S (one byte each, n <= 32). */
export const MEMO_SLOT_BYTES: usize = 48;
const EMPTY: u64 = 0xFFFFFFFFFFFFFFFF;

let gMemo: usize = 0;
let gSlots: u32 = 0;
let gFree: u32 = 0;

/** Empties the memo: `slots` (a power of two) slots at `memo`. */
export function memoReset(memo: usize, slots: u32): void {
  gMemo = memo;
  gSlots = slots;
  gFree = slots - (slots >> 2); // keep a quarter empty so probes stay short
  for (let s: u32 = 0; s < slots; s++) store<u64>(memo + <usize>s * MEMO_SLOT_BYTES, EMPTY);
}

/** The slot of `key`, or of the empty place where it would go (Fibonacci hashing). */
function slotOf(key: u64): usize {
  let s = <u32>((key * 0x9E3779B97F4A7C15) >> 32) & (gSlots - 1);
  while (true) {
    const at = gMemo + <usize>s * MEMO_SLOT_BYTES;
    const k = load<u64>(at);
    if (k == key || k == EMPTY) return at;
    s = (s + 1) & (gSlots - 1);
  }
}

/** Copies the remembered S for `key` to `list` (i32 positions) and returns its size, or -1. */
export function memoFind(key: u64, list: usize): i32 {
  if (gSlots == 0) return -1;
  const at = slotOf(key);
  if (load<u64>(at) != key) return -1;
  const size = <i32>load<u8>(at + 8);
  for (let t = 0; t < size; t++) store<i32>(list + (<usize>t << 2), <i32>load<u8>(at + 9 + t));
  return size;
}

/** Remembers S (`size` i32 positions at `list`) for `key`, while there is room. */
export function memoStore(key: u64, list: usize, size: i32): void {
  if (gFree == 0) return;
  const at = slotOf(key);
  store<u64>(at, key);
  store<u8>(at + 8, <u8>size);
  for (let t = 0; t < size; t++) store<u8>(at + 9 + t, <u8>load<i32>(list + (<usize>t << 2)));
  gFree--;
}
