// English pronunciations of four phonemes: q = 39 ARPAbet phonemes, n = 4 positions.
import type { Dataset } from './Dataset.js';
import { PHONEMES, PHONEMES4 } from './phonemes4.data.js';

/** The character that codes phoneme k in PHONEMES4. */
const CODES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The 15,820 words of the CMU Pronouncing Dictionary (via the npm package
 * cmu-pronouncing-dictionary 3.0.0, ISC licence; the dictionary itself © Carnegie Mellon
 * University, BSD-2-Clause) whose first pronunciation has four phonemes, stress marks dropped,
 * one row per word (homophones repeat a row): an empirical law on [39]^4.
 * @example Joint.fromSamples(datasets.phonemes().rows, { alphabet: datasets.phonemes().alphabet })
 */
export function phonemes(): Dataset<readonly string[]> {
  const symbol = new Map(Array.from(CODES, (code, k) => [code, PHONEMES[k]]));
  const rows = Array.from({ length: PHONEMES4.length / 4 }, (_, r) => Array.from(PHONEMES4.slice(4 * r, 4 * r + 4), (code) => symbol.get(code) as string));
  return {
    name: 'phonemes',
    description: `${rows.length} English pronunciations of four phonemes (CMU Pronouncing Dictionary)`,
    rows,
    alphabet: PHONEMES,
    q: PHONEMES.length,
    n: 4,
    source: 'cmu-pronouncing-dictionary 3.0.0 (ISC licence) from the CMU Pronouncing Dictionary, © Carnegie Mellon University (BSD-2-Clause)',
  };
}
