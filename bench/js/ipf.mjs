// Iterative proportional fitting in plain JavaScript (Float64Array), the same algorithm as
// assembly/ipf.ts and src/decomposition/maxEntProjection.ts, without the kernel's q = 2 blocks
// of four cells: for each k-subset A a layout of contiguous runs (the trailing positions sharing
// position n-1's status) and two offset lists (kept digits in increasing order, summed digits);
// a sweep computes r_A, its largest gap to p_A, and rescales r by p_A / r_A; sweeps stop once
// the gaps of a sweep are all within the tolerance and a separate measure of the final table
// confirms it. Sums are scalar (the kernel adds lanes in pairs), so results agree to rounding,
// not bit for bit.

/** The C(n, k) masks of k of n positions, increasing (colexicographic combinations). */
export function masksOfSize(n, k) {
  const masks = [];
  const c = Array.from({ length: k + 1 }, (_, j) => (j < k ? j : n));
  for (;;) {
    let mask = 0;
    for (let j = 0; j < k; j++) mask |= 1 << c[j];
    masks.push(mask >>> 0);
    let j = 0;
    while (j < k && c[j] + 1 === c[j + 1]) j++;
    if (j === k) return masks;
    c[j]++;
    for (let i = 0; i < j; i++) c[i] = i;
  }
}

/** The run layout of `mask`: { run, runKept, kept, summed } (offsets in cells). */
function layout(q, n, mask) {
  const last = (mask >>> (n - 1)) & 1;
  let s = 0;
  while (s < n && ((mask >>> (n - 1 - s)) & 1) === last) s++;
  let kept = [0];
  let summed = [0];
  let stride = q ** (n - 1);
  for (let i = 0; i < n - s; i++) {
    const expand = (list) => list.flatMap((e) => Array.from({ length: q }, (_, d) => e + d * stride));
    if (((mask >>> i) & 1) !== 0) kept = expand(kept);
    else summed = expand(summed);
    stride /= q;
  }
  return { run: q ** s, runKept: last === 1, kept: Int32Array.from(kept), summed: Int32Array.from(summed) };
}

function marginalOf(r, { run, runKept, kept, summed }, out) {
  out.fill(0);
  for (let l = 0; l < summed.length; l++) {
    const S = summed[l];
    for (let j = 0; j < kept.length; j++) {
      const from = kept[j] + S;
      if (runKept) for (let t = 0; t < run; t++) out[j * run + t] += r[from + t];
      else {
        let s = 0;
        for (let t = 0; t < run; t++) s += r[from + t];
        out[j] += s;
      }
    }
  }
}

function scaleBy(r, { run, runKept, kept, summed }, factors) {
  for (let j = 0; j < kept.length; j++) {
    for (let l = 0; l < summed.length; l++) {
      const from = kept[j] + summed[l];
      if (runKept) for (let t = 0; t < run; t++) r[from + t] *= factors[j * run + t];
      else for (let t = 0; t < run; t++) r[from + t] *= factors[j];
    }
  }
}

/**
 * The maximum-entropy projection of p (q^n cells) on its k-marginals:
 * { table, iterations, mismatch, converged }, as maxEntProjection in the package.
 */
export function ipfProjection(p, q, n, k, { tolerance = 1e-10, maxIterations = 10000 } = {}) {
  const layouts = masksOfSize(n, k).map((mask) => layout(q, n, mask));
  const targets = layouts.map((l) => {
    const out = new Float64Array(q ** k);
    marginalOf(p, l, out);
    return out;
  });
  const r = new Float64Array(p.length).fill(q ** -n);
  const m = new Float64Array(q ** k);
  const sweep = (update) => {
    let gap = 0;
    layouts.forEach((l, a) => {
      marginalOf(r, l, m);
      const target = targets[a];
      for (let c = 0; c < m.length; c++) {
        gap = Math.max(gap, Math.abs(m[c] - target[c]));
        m[c] = m[c] > 0 ? target[c] / m[c] : 0;
      }
      if (update) scaleBy(r, l, m);
    });
    return gap;
  };
  let iterations = 0;
  let mismatch = Infinity;
  let converged = false;
  while (!converged && iterations < maxIterations) {
    const gap = sweep(true);
    iterations++;
    if (gap <= tolerance) converged = (mismatch = sweep(false)) <= tolerance;
  }
  if (!converged) mismatch = sweep(false);
  return { table: r, iterations, mismatch, converged };
}
