// Turning a reveal curve into K integer step sizes, the way practical samplers round.

/** Round half to even (Python's round, torch.round), as dllm rounds its counts. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return fraction < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Clamps a step's count so that it reveals at least one position and leaves at least one for
 * each later step: the K steps of every schedule here are non-empty. The last step takes all.
 */
export function clampStep(count: number, masked: number, stepsLeft: number): number {
  if (stepsLeft === 1) return masked;
  return Math.min(Math.max(count, 1), masked - (stepsLeft - 1));
}

/**
 * Sizes from a masked-fraction curve alpha: with t_j = 1 - j/K and m masked positions before
 * step j, step j reveals round_half_even(m (1 - (1 - alpha(t_j)) / (1 - alpha(t_{j-1})))), the
 * expected count of the ancestral reveal law (dllm `get_num_transfer_tokens`, ZHZisZZ/dllm
 * @ca17675), clamped by clampStep.
 */
export function sizesFromAlpha(n: number, K: number, alpha: (t: number) => number): number[] {
  const sizes: number[] = [];
  let masked = n;
  for (let j = 1; j <= K; j++) {
    const t = 1 - (j - 1) / K;
    const s = 1 - j / K;
    const count = roundHalfEven(masked * (1 - (1 - alpha(s)) / (1 - alpha(t))));
    const size = clampStep(count, masked, K - j + 1);
    sizes.push(size);
    masked -= size;
  }
  return sizes;
}
