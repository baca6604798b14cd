// SVG plots as strings (no DOM): the entropy profile with a schedule, and expected KL against K.
export { plotProfile } from './plotProfile.js';
export { plotKLvsSteps, type KLvsStepsOptions } from './plotKLvsSteps.js';
export type { PlotOptions } from './options.js';
