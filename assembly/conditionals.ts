// The sampler's conditionals from marginals (DESIGN.md §5), with a temperature T:
// p(x_i = a | z) = M[z with z_i = a] / M[z] (uniform 1/q when M[z] = 0), and for T != 1 the
// tempered p^(1/T) renormalised over a, computed as (M_a / max_b M_b)^(1/T) so that no power
// underflows before the normalisation.

/**
 * Replaces the q marginals M_a at dest + a * step (bytes), whose sum mz = M[z] is > 0, by the
 * tempered conditionals (M_a / max_b M_b)^invT / sum over a of the same, invT = 1/T != 1.
 */
export function temperRow(dest: usize, step: usize, q: i32, invT: f64): void {
  let top = 0.0;
  for (let a = 0; a < q; a++) top = max(top, load<f64>(dest + <usize>a * step));
  let sum = 0.0;
  for (let a = 0; a < q; a++) {
    const c = Math.pow(load<f64>(dest + <usize>a * step) / top, invT);
    store<f64>(dest + <usize>a * step, c);
    sum += c;
  }
  for (let a = 0; a < q; a++) store<f64>(dest + <usize>a * step, load<f64>(dest + <usize>a * step) / sum);
}

/**
 * Replaces the q masses M_a = M[z with z_i = a] at `cell` (contiguous f64) by p_T(x_i = a | z),
 * mz = M[z]: M_a / mz for invT = 1, tempered (temperRow) otherwise, uniform when mz = 0.
 */
export function conditionalsFromMasses(cell: usize, q: i32, mz: f64, invT: f64): void {
  if (!(mz > 0)) {
    for (let a = 0; a < q; a++) store<f64>(cell + (<usize>a << 3), 1.0 / <f64>q);
  } else if (invT == 1) {
    for (let a = 0; a < q; a++) store<f64>(cell + (<usize>a << 3), load<f64>(cell + (<usize>a << 3)) / mz);
  } else {
    temperRow(cell, 8, q, invT);
  }
}

/**
 * Writes p_T(x_i = a | z) for a = 0..q-1 to dest (contiguous f64), for a position i masked in
 * lattice index z, with stride = (q+1)^(n-1-i) and mz = M[z]: the masses M[z with z_i = a],
 * then conditionalsFromMasses.
 */
export function conditionalRow(lattice: usize, z: usize, mz: f64, q: i32, stride: usize, invT: f64, dest: usize): void {
  const first = lattice + ((z - <usize>q * stride) << 3); // M[z with z_i = 0]
  for (let a = 0; a < q; a++) store<f64>(dest + (<usize>a << 3), load<f64>(first + ((<usize>a * stride) << 3)));
  conditionalsFromMasses(dest, q, mz, invT);
}
