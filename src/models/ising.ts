// Binary Ising models p(x) ∝ exp(J sum_bonds s_a s_b + h sum_i s_i), spins s_i = 2 x_i - 1.
import { Joint } from '../Joint.js';
import { requireInteger, requireNumber, requireOptions } from '../internal/validate.js';

/** Couplings of an Ising model. */
export interface IsingOptions {
  /** Coupling J on every bond (> 0 ferromagnetic). */
  J: number;
  /** External field h on every spin (default 0). */
  h?: number;
  /** Wrap the boundary (a ring or a torus), for sides longer than 2 (default false). */
  periodic?: boolean;
}

/** Ones among the low 32 bits of x. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The Boltzmann table. The energy h sum_i s_i + J sum_bonds s_a s_b = h (2 ones - n) +
 * J (bonds - 2 unaligned) depends on x only through two counts, so each cell is one lookup of
 * exp(energy - max energy) by (ones, unaligned bonds) instead of a sum and an exp per cell.
 */
function boltzmann(fn: string, n: number, bonds: [number, number][], J: number, h: number): Joint {
  // Position i is bit (n - 1 - i) of the flat index (position 0 most significant).
  const masks = bonds.map(([a, b]) => ((1 << (n - 1 - a)) | (1 << (n - 1 - b))) >>> 0);
  const states = bonds.length + 1;
  const energy = (ones: number, unaligned: number) => h * (2 * ones - n) + J * (bonds.length - 2 * unaligned);
  return Joint.build(fn, 2, n, (_runtime, _pointer, view) => {
    const cells = 2 ** n;
    const state = new Uint32Array(cells);
    const seen = new Uint8Array((n + 1) * states);
    for (let idx = 0; idx < cells; idx++) {
      let unaligned = 0;
      for (const mask of masks) unaligned += popcount(idx & mask) & 1;
      const s = popcount(idx) * states + unaligned;
      state[idx] = s;
      seen[s] = 1;
    }
    let maxEnergy = -Infinity;
    for (let s = 0; s < seen.length; s++) if (seen[s] === 1) maxEnergy = Math.max(maxEnergy, energy(Math.floor(s / states), s % states));
    const weight = new Float64Array(seen.length);
    for (let s = 0; s < seen.length; s++) if (seen[s] === 1) weight[s] = Math.exp(energy(Math.floor(s / states), s % states) - maxEnergy);
    const table = view();
    let total = 0;
    for (let idx = 0; idx < cells; idx++) total += table[idx] = weight[state[idx]];
    for (let idx = 0; idx < cells; idx++) table[idx] /= total;
  });
}

function couplings(fn: string, options: IsingOptions): { J: number; h: number; periodic: boolean } {
  const { J, h = 0, periodic = false } = requireOptions(fn, options);
  return { J: requireNumber(fn, 'options.J', J), h: requireNumber(fn, 'options.h', h), periodic: periodic === true };
}

/**
 * Ising chain on n spins, bonds (i, i+1), plus (n-1, 0) if periodic and n > 2.
 * @example models.isingChain(8, { J: 0.5, h: 0.1 })
 */
export function isingChain(n: number, options: IsingOptions): Joint {
  const fn = 'models.isingChain';
  requireInteger(fn, 'n', n, 1, 32);
  const { J, h, periodic } = couplings(fn, options);
  const bonds: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) bonds.push([i, i + 1]);
  if (periodic && n > 2) bonds.push([0, n - 1]);
  return boltzmann(fn, n, bonds, J, h);
}

/**
 * 2-D Ising model on a rows x cols grid, position r * cols + c, bonds to the right and below
 * (wrapping on a side longer than 2 if periodic).
 * @example models.ising2d(3, 4, { J: 0.3, h: 0.05 })
 */
export function ising2d(rows: number, cols: number, options: IsingOptions): Joint {
  const fn = 'models.ising2d';
  requireInteger(fn, 'rows', rows, 1, 32);
  requireInteger(fn, 'cols', cols, 1, 32);
  const { J, h, periodic } = couplings(fn, options);
  const bonds = new Map<string, [number, number]>();
  const add = (a: number, b: number) => bonds.set(`${Math.min(a, b)},${Math.max(a, b)}`, [Math.min(a, b), Math.max(a, b)]);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols || (periodic && cols > 2)) add(r * cols + c, r * cols + ((c + 1) % cols));
      if (r + 1 < rows || (periodic && rows > 2)) add(r * cols + c, ((r + 1) % rows) * cols + c);
    }
  }
  return boltzmann(fn, rows * cols, [...bonds.values()], J, h);
}
