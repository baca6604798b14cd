// The confidence policy's choice in plain JavaScript, as assembly/policy.ts chooseTop, shared by
// the twins latticeSampler.mjs (the sampler) and samplerDistribution.mjs (its exact output).

/** Scores closer than this are ties (so float rounding of exactly equal scores never decides). */
const TIE = 1e-12;

/**
 * Writes the `size` best-scoring of the m masked positions masked[0..m) (increasing; scores
 * indexed by position) to chosen[0..), increasing, and returns how many. Selection: repeatedly
 * the best remaining; only a score better by more than TIE displaces an earlier (lower)
 * position, so ties go to the lowest position. n <= 32.
 */
export function chooseTop(scores, masked, m, size, chosen) {
  let taken = 0;
  for (let t = 0; t < size; t++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < m; j++) {
      const position = masked[j];
      if ((taken >>> position) & 1) continue;
      const s = scores[position];
      if (best < 0 || s > bestScore + TIE) {
        best = position;
        bestScore = s;
      }
    }
    taken |= 1 << best;
  }
  let count = 0;
  for (let j = 0; j < m; j++) if ((taken >>> masked[j]) & 1) chosen[count++] = masked[j];
  return count;
}
