// `unmasking decompose`: the decomposition by interaction order of one table and, with --modes,
// its mode selection, in the requested units, timed.
import { type Decomposition, decompose } from '../decomposition/decompose.js';
import { type Convergence, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE } from '../decomposition/maxEntProjection.js';
import { type SelectModesOptions, selectModes } from '../decomposition/selectModes.js';
import type { Joint } from '../Joint.js';
import type { DecomposeCommand } from './decomposeArgs.js';
import { UsageError } from './UsageError.js';

/** One kept log-linear parameter: its mode set A, the values x_A (all != 0) and θ_A(x_A). */
export interface KeptMode {
  /** Positions of A, increasing. */
  positions: number[];
  /** x_i for each position of A (all 1 when q = 2). */
  values: number[];
  theta: number;
}

/** The mode selection of --modes M, or why it was skipped. */
export type ModeReport =
  | { readonly kept: number; readonly kl: number; readonly modes: KeptMode[]; readonly refit: Convergence | null }
  | { readonly kept: number; readonly skipped: string };

/** What `unmasking decompose` reports. */
export interface DecomposeRun {
  tolerance: number;
  maxIterations: number;
  decomposition: Decomposition;
  /** null without --modes. */
  modes: ModeReport | null;
  timingMs: { table: number; decompose: number; modes: number; total: number };
}

function keptMode(index: number, theta: number, q: number, n: number): KeptMode {
  const positions: number[] = [];
  const values: number[] = [];
  for (let i = n - 1, rest = index; i >= 0; i--, rest = Math.floor(rest / q)) {
    const digit = rest % q;
    if (digit !== 0) {
      positions.unshift(i);
      values.unshift(digit);
    }
  }
  return { positions, values, theta };
}

function modeReport(joint: Joint, count: number, options: SelectModesOptions): ModeReport {
  if (count > joint.size - 1) {
    throw new UsageError(`--modes must be an integer from 0 to q^n - 1 = ${joint.size - 1}; received ${count}`);
  }
  if (joint.probabilities().some((v) => v === 0)) {
    return { kept: count, skipped: 'p has cells equal to 0, where the log-linear parameters are infinite' };
  }
  const selection = selectModes(joint, count, options);
  selection.joint.dispose();
  return {
    kept: count,
    kl: selection.kl,
    modes: Array.from(selection.kept, (x, j) => keptMode(x, selection.values[j], joint.q, joint.n)),
    refit: selection.refit,
  };
}

/** Loads the table, decomposes it, selects modes if asked; disposes the table. */
export function runDecompose(command: DecomposeCommand, load: () => Joint): DecomposeRun {
  const start = performance.now();
  const joint = load();
  const loaded = performance.now();
  const tolerance = command.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = command.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  try {
    const decomposition = decompose(joint, { tolerance, maxIterations, ...command.units.options });
    const decomposed = performance.now();
    const options = { ...command.units.options, tolerance, maxIterations, refit: command.refit };
    const modes = command.modes === null ? null : modeReport(joint, command.modes, options);
    const done = performance.now();
    return {
      tolerance,
      maxIterations,
      decomposition,
      modes,
      timingMs: { table: loaded - start, decompose: decomposed - loaded, modes: done - decomposed, total: done - start },
    };
  } finally {
    joint.dispose();
  }
}
