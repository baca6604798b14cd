// The unmasking policies (DESIGN.md §6), shared by the sampler and its exact distribution: which
// masked positions a step reveals, from the conditionals p(x_i = a | revealed). Scores closer
// than TIE are ties and ties go to the lowest position, so float rounding never decides.

/** Policy codes (src/sampling/policy.ts uses the same numbers). */
export const POLICY_RANDOM = 0;
export const POLICY_CONFIDENCE = 1;
export const POLICY_MARGIN = 2;
export const POLICY_ENTROPY = 3;
export const POLICY_THRESHOLD = 4;

// Work area layout (bytes from a policy area `work`), for n <= 32 positions.
export const MASKED: usize = 0; // n x i32: the masked positions, increasing
export const CHOSEN: usize = 128; // n x i32: the positions chosen, increasing
const SCORES: usize = 256; // n x f64: scores by position
/** Bytes of the policy's part of a work area. */
export const POLICY_WORK_BYTES: usize = 512;

/** Scores closer than this are ties (so float rounding of exactly equal scores never decides). */
const TIE: f64 = 1e-12;

/** The policy's score of conditionals c (q f64 at `cell`): higher is revealed first. */
function score(policy: i32, cell: usize, q: i32): f64 {
  let top1 = -1.0;
  let top2 = -1.0;
  let plogp = 0.0;
  for (let a = 0; a < q; a++) {
    const c = load<f64>(cell + (<usize>a << 3));
    if (c > top1) {
      top2 = top1;
      top1 = c;
    } else if (c > top2) top2 = c;
    if (policy == POLICY_ENTROPY && c > 0) plogp += c * Math.log(c);
  }
  if (policy == POLICY_MARGIN) return top1 - top2;
  if (policy == POLICY_ENTROPY) return plogp; // -H: lowest conditional entropy first
  return top1; // confidence, threshold
}

/** Records the score of each of the m positions listed at MASKED, from its conditionals (q f64 at cells + i q 8). */
export function scorePositions(work: usize, cells: usize, q: i32, m: i32, policy: i32): void {
  for (let j = 0; j < m; j++) {
    const position = load<i32>(work + MASKED + (<usize>j << 2));
    store<f64>(work + SCORES + (<usize>position << 3), score(policy, cells + ((<usize>position * q) << 3), q));
  }
}

/** Writes the `size` best-scoring of the m masked positions to CHOSEN (increasing); returns size. */
export function chooseTop(work: usize, m: i32, size: i32): i32 {
  // Selection: repeatedly take the best remaining; only a score better by more than TIE displaces
  // an earlier (lower) position, so ties go to the lowest position.
  let chosen: u32 = 0;
  for (let t = 0; t < size; t++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < m; j++) {
      const position = load<i32>(work + MASKED + (<usize>j << 2));
      if ((chosen >> position) & 1) continue;
      const s = load<f64>(work + SCORES + (<usize>position << 3));
      if (best < 0 || s > bestScore + TIE) {
        best = position;
        bestScore = s;
      }
    }
    chosen |= <u32>1 << best;
  }
  let count = 0;
  for (let j = 0; j < m; j++) {
    const position = load<i32>(work + MASKED + (<usize>j << 2));
    if ((chosen >> position) & 1) store<i32>(work + CHOSEN + (<usize>(count++) << 2), position);
  }
  return count;
}

/** Threshold policy: every masked position with confidence >= tau (less TIE), else the most confident. */
export function chooseThreshold(work: usize, m: i32, tau: f64): i32 {
  let count = 0;
  for (let j = 0; j < m; j++) {
    const position = load<i32>(work + MASKED + (<usize>j << 2));
    if (load<f64>(work + SCORES + (<usize>position << 3)) >= tau - TIE) store<i32>(work + CHOSEN + (<usize>(count++) << 2), position);
  }
  return count > 0 ? count : chooseTop(work, m, 1);
}
