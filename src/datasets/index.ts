// Real datasets bundled with the package (scripts/make-datasets.mjs; notices in the data files
// and the README): rows ready for Joint.fromSamples(rows, { alphabet }).
export { words } from './words.js';
export { phonemes } from './phonemes.js';
export type { Dataset } from './Dataset.js';
