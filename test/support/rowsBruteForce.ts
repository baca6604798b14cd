// Independent, deliberately naive measures of the empirical law of rows of symbols: marginals
// counted in a Map keyed by the joined symbols, entropies summed in plain JS.

/** Rows of a flat count × n array, each as an array of numbers. */
export function splitRows(codes: ArrayLike<number>, n: number): number[][] {
  return Array.from({ length: codes.length / n }, (_, r) => Array.from({ length: n }, (_, i) => codes[r * n + i]));
}

/** H(X_A) in nats of the empirical law of `rows`, A = the given positions. */
export function rowsEntropy(rows: readonly (readonly number[])[], positions: readonly number[]): number {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = positions.map((i) => row[i]).join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let h = 0;
  for (const c of counts.values()) {
    const p = c / rows.length;
    h -= p * Math.log(p);
  }
  return h;
}

/** TC and DTC of the empirical law of `rows` (n positions), by their definitions. */
export function rowsCorrelations(rows: readonly (readonly number[])[], n: number): { tc: number; dtc: number } {
  const all = Array.from({ length: n }, (_, i) => i);
  const h = rowsEntropy(rows, all);
  let marginals = 0;
  let leaveOneOut = 0;
  for (let i = 0; i < n; i++) {
    marginals += rowsEntropy(rows, [i]);
    leaveOneOut += rowsEntropy(rows, all.filter((j) => j !== i));
  }
  return { tc: marginals - h, dtc: leaveOneOut - (n - 1) * h };
}
