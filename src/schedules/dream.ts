import { clampStep } from './counts.js';
import { requireSteps } from './validate.js';

/** Dream's final time (`eps` in `generation_utils.py`). */
const DREAM_EPSILON = 1e-3;

/**
 * Dream's count rule (HKUNLP/Dream, as copied in NVlabs/Fast-dLLM @24cc59e
 * `dream/model/generation_utils.py`): times t = linspace(1, 1e-3, K + 1); a step from t to s
 * reveals floor(m (1 - s/t)) of its m masked positions, the last step all of them (each step
 * at least 1 here, leaving 1 for each later step).
 * @example schedules.dream(10, 4) // [2, 2, 2, 4]
 */
export function dream(n: number, K: number): number[] {
  requireSteps('schedules.dream', n, K);
  const time = (j: number) => 1 + ((DREAM_EPSILON - 1) * j) / K;
  const sizes: number[] = [];
  let masked = n;
  for (let j = 1; j <= K; j++) {
    const size = clampStep(Math.floor(masked * (1 - time(j) / time(j - 1))), masked, K - j + 1);
    sizes.push(size);
    masked -= size;
  }
  return sizes;
}
