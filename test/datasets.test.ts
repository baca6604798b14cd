// The bundled datasets against their sources (the devDependencies they were generated from).
import { readFileSync } from 'node:fs';
import { dictionary } from 'cmu-pronouncing-dictionary';
import wordListPath from 'word-list';
import { describe, expect, it } from 'vitest';
import { Joint, SparseJoint, datasets } from '../src/index.js';

describe('datasets', () => {
  it('words() holds every five-letter a-z word of word-list, in its order', () => {
    const expected = readFileSync(wordListPath, 'utf8').split('\n').filter((word) => /^[a-z]{5}$/.test(word));
    const words = datasets.words();
    expect(words.rows).toEqual(expected);
    expect(words.alphabet.join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    expect([words.q, words.n]).toEqual([26, 5]);
  });

  it('phonemes() holds the four-phoneme first pronunciations of the CMU dictionary, stress dropped', () => {
    const expected = Object.entries(dictionary)
      .filter(([word]) => !/\(\d+\)$/.test(word))
      .map(([, pronunciation]) => pronunciation.split(' ').map((phoneme) => phoneme.replace(/\d/g, '')))
      .filter((phonemes) => phonemes.length === 4);
    const phonemes = datasets.phonemes();
    expect(phonemes.rows).toEqual(expected);
    expect(phonemes.alphabet).toEqual([...new Set(expected.flat())].sort());
    expect([phonemes.q, phonemes.n]).toEqual([39, 4]);
  });

  it('both load as sparse joints whose support is the number of distinct rows', () => {
    for (const dataset of [datasets.words(), datasets.phonemes()]) {
      const p = Joint.fromSamples(dataset.rows, { alphabet: dataset.alphabet });
      expect(p).toBeInstanceOf(SparseJoint);
      expect((p as SparseJoint).support).toBe(new Set(dataset.rows.map((row) => [...row].join(' '))).size);
    }
  });
});
