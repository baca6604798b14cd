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

function boltzmann(fn: string, n: number, bonds: [number, number][], J: number, h: number): Joint {
  return Joint.build(fn, 2, n, (_runtime, _pointer, view) => {
    const table = view();
    let maxEnergy = -Infinity;
    for (let idx = 0; idx < table.length; idx++) {
      // Position i is bit (n - 1 - i) of the flat index (position 0 most significant).
      const spin = (i: number) => (((idx >>> (n - 1 - i)) & 1) === 1 ? 1 : -1);
      let energy = 0;
      for (let i = 0; i < n; i++) energy += h * spin(i);
      for (const [a, b] of bonds) energy += J * spin(a) * spin(b);
      table[idx] = energy;
      if (energy > maxEnergy) maxEnergy = energy;
    }
    let total = 0;
    for (let idx = 0; idx < table.length; idx++) total += table[idx] = Math.exp(table[idx] - maxEnergy);
    for (let idx = 0; idx < table.length; idx++) table[idx] /= total;
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
