// English five-letter words: q = 26 letters, n = 5 positions.
import type { Dataset } from './Dataset.js';
import { WORDS5 } from './words5.data.js';

const ALPHABET = Array.from('abcdefghijklmnopqrstuvwxyz');

/**
 * The 12,578 five-letter words (a-z) of the npm package word-list 4.1.0 (Sindre Sorhus, MIT
 * licence; the English word list of atebits/Words), one row per word: an empirical law on
 * [26]^5 with a support of 12,578 out of 11.9 million rows.
 * @example Joint.fromSamples(datasets.words().rows, { alphabet: datasets.words().alphabet })
 */
export function words(): Dataset<string> {
  const rows = Array.from({ length: WORDS5.length / 5 }, (_, r) => WORDS5.slice(5 * r, 5 * r + 5));
  return {
    name: 'words',
    description: `${rows.length} English five-letter words (word-list 4.1.0)`,
    rows,
    alphabet: ALPHABET,
    q: 26,
    n: 5,
    source: 'word-list 4.1.0 by Sindre Sorhus (MIT licence), https://github.com/sindresorhus/word-list',
  };
}
