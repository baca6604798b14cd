// Mode selection (Enouen & Sugiyama, seeds/000): keep the largest log-linear parameters.
import { kl } from '../divergences.js';
import { ArgumentTypeError, describe } from '../errors.js';
import { Joint } from '../Joint.js';
import { type MeasureOptions, requireInteger, requireOptions, unitDivisor } from '../internal/validate.js';
import { logLinearParameters, requirePositive } from './logLinearParameters.js';
import { type Convergence, type ProjectionOptions, requireStoppingRule } from './maxEntProjection.js';
import { refitModes } from './refitModes.js';

/** Options of selectModes: the unit, and whether (and how) to refit the kept parameters. */
export interface SelectModesOptions extends MeasureOptions, ProjectionOptions {
  /**
   * false (default): p_m uses p's own θ for the kept modes. true: the kept modes' parameters are
   * fitted by maximum likelihood (p_m matches p's expectation of every kept feature within
   * options.tolerance; options.maxIterations caps the Newton steps, or the sweeps of iterative
   * scaling past 1024 modes), so KL(p || p_m) is the least any model on these modes reaches.
   */
  refit?: boolean;
}

/** The kept modes and the model they make. */
export interface ModeSelection {
  /** Cells x of the kept parameters theta[x], by decreasing |theta| (the normaliser, cell 0, not among them). */
  kept: Uint32Array;
  /** The mode set of each kept parameter, bit i <=> position i. */
  modes: Uint32Array;
  /** The kept parameters theta[kept[j]], or with options.refit the fitted ones (nats unless options.base). */
  values: Float64Array;
  /** KL(p || p_m) (nats unless options.base). */
  kl: number;
  /** p_m(x) ∝ exp(sum over kept z <= x of values). */
  joint: Joint;
  /** How the fit ended with options.refit (mismatch: largest gap of a kept feature's expectation); null without. */
  refit: Convergence | null;
}

/** p_m(x) = exp(sum of the kept θ(z), z <= x) / Z: θ on the kept cells, zero elsewhere, zeta-transformed and normalised. */
function keptModesModel(fn: string, q: number, n: number, kept: Uint32Array, theta: Float64Array): Joint {
  return Joint.build(fn, q, n, (runtime, pointer, view) => {
    const size = q ** n;
    const table = view();
    table.fill(0);
    for (const x of kept) table[x] = theta[x];
    runtime.kernels.zetaTransform(pointer, q, n);
    const logs = view();
    let top = -Infinity;
    for (let x = 0; x < size; x++) top = Math.max(top, logs[x]);
    let total = 0;
    for (let x = 0; x < size; x++) total += logs[x] = Math.exp(logs[x] - top);
    for (let x = 0; x < size; x++) logs[x] /= total;
  });
}

/**
 * Keeps the `count` log-linear parameters of largest |θ| (see logLinearParameters; ties go to
 * the lower cell), besides the normaliser, and forms p_m(x) = exp(sum over kept z <= x of
 * θ(z)) / Z: the sparse log-linear model of Enouen & Sugiyama's mode selection. count = 0 gives
 * the uniform table (KL = n log q - H), count = q^n - 1 gives p back (KL = 0 up to rounding).
 * For q = 2 each parameter is one mode set A; for q > 2, one (A, x_A) pair. Keeping p's own
 * θ is not the best use of the kept modes (dropping a mode shifts what the others should be):
 * options.refit fits them by maximum likelihood instead (Newton's method on the convex dual
 * for up to 1024 modes, O(steps (n q^n + count^3)); iterative scaling of each kept feature
 * beyond, O(sweeps count q^n)); then KL(p || p_m) = H(p_m) - H(p) and it never grows with
 * count. Nats unless options.base (the ranking does not depend on it). O(n q^n + q^n log q^n).
 * @throws ArgumentTypeError, ArgumentRangeError (a zero cell of p, count not in [0, q^n - 1], bad options)
 * @example selectModes(models.isingChain(6, { J: 0.5 }), 11).kl // ~1e-16: its 5 bonds and 6 fields
 */
export function selectModes(p: Joint, count: number, options?: SelectModesOptions): ModeSelection {
  const fn = 'selectModes';
  const rule = requireStoppingRule(fn, p, options);
  requirePositive(fn, p);
  requireInteger(fn, 'count', count, 0, p.size - 1);
  const divisor = unitDivisor(fn, options);
  const { refit = false } = requireOptions(fn, options);
  if (typeof refit !== 'boolean') throw new ArgumentTypeError({ fn, argument: 'options.refit', expected: 'a boolean', received: describe(refit) });
  const { q, n, size } = p;
  const { theta, modes } = logLinearParameters(p);
  const order = Array.from({ length: size - 1 }, (_, i) => i + 1);
  order.sort((a, b) => Math.abs(theta[b]) - Math.abs(theta[a]) || a - b);
  const kept = Uint32Array.from(order.slice(0, count));
  const joint = refit ? Joint.build(fn, q, n, (_runtime, _pointer, view) => view().fill(q ** -n)) : keptModesModel(fn, q, n, kept, theta);
  const convergence = refit ? refitModes(fn, p, joint, kept, modes, rule) : null;
  const values = refit ? logLinearParameters(joint).theta : theta;
  return {
    kept,
    modes: kept.map((x) => modes[x]),
    values: Float64Array.from(kept, (x) => values[x] / divisor),
    kl: kl(p, joint) / divisor,
    joint,
    refit: convergence,
  };
}
