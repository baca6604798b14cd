// Unmasking schedules: pure functions returning step sizes s_1..s_K (>= 1, summing to n).
export { constant } from './constant.js';
export { linear, logLinear, cosineFront, cosineBack, fromAlpha } from './alpha.js';
export { cosine } from './cosine.js';
export { dream } from './dream.js';
export { tcAdapted, dtcAdapted, twoSided } from './adapted.js';
export { optimal, type OptimalSchedule } from './optimal.js';
export { randomizedGeometric, type RandomizedOptions } from './randomized.js';
export { revealWeights } from './weights.js';
