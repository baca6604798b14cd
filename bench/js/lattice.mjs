// The mask lattice in plain JavaScript (Float64Array), the same algorithm as
// assembly/lattice.ts latticeBuild (DESIGN.md §5): partial assignments z in {0..q-1, *}^n as
// base-(q+1) numbers, digit q meaning masked, position 0 most significant. The revealed entries
// are p itself; then for each position i, from the last, M[z with z_i = *] = sum_a M[z with z_i = a]
// (summed in the order a = 0..q-1, as the kernel's lanes do, so the results are bit-identical).

/** base ** k for small integers, as an exact integer. */
export function ipow(base, k) {
  let r = 1;
  for (let i = 0; i < k; i++) r *= base;
  return r;
}

/** Copies table p (q^n cells, row-major) into the fully revealed entries of `lattice`. */
function copyRevealed(p, lattice, q, n, level, cell, at) {
  if (level === n - 1) {
    for (let a = 0; a < q; a++) lattice[at + a] = p[cell + a];
    return;
  }
  const tableStride = ipow(q, n - 1 - level);
  const latticeStride = ipow(q + 1, n - 1 - level);
  for (let a = 0; a < q; a++) copyRevealed(p, lattice, q, n, level + 1, cell + a * tableStride, at + a * latticeStride);
}

/**
 * The mask lattice of table p: M[z] = probability that the revealed positions of z take z's
 * values, (q+1)^n cells. Work: n (q - 1) (q+1)^(n-1) additions (n passes).
 */
export function latticeBuild(p, q, n) {
  const Q = q + 1;
  const lattice = new Float64Array(ipow(Q, n));
  copyRevealed(p, lattice, q, n, 0, 0, 0);
  for (let i = n - 1; i >= 0; i--) {
    const a = ipow(Q, i);
    const b = ipow(Q, n - 1 - i);
    for (let r = 0; r < a; r++) {
      const row = r * Q * b;
      const dst = row + q * b;
      for (let j = 0; j < b; j++) {
        let acc = lattice[row + j];
        for (let k = 1; k < q; k++) acc += lattice[row + k * b + j];
        lattice[dst + j] = acc;
      }
    }
  }
  return lattice;
}
