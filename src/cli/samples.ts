// --samples FILE: one sample per line (`-` reads stdin), blank lines ignored. A line is a string
// of symbols, one character each (`crane`), or, when any line holds spaces, symbols separated
// by whitespace (`K R EY N`). --alphabet lists the symbols in code order: its characters, or
// names separated by commas or spaces; by default the symbols seen, sorted. q = the alphabet's
// size, n = the symbols per line; the table is Joint.fromSamples' (dense or sparse).
import { readFileSync } from 'node:fs';
import { Joint } from '../Joint.js';
import type { AnyJoint } from '../SparseJoint.js';
import { readProblem } from './input.js';
import { UsageError } from './UsageError.js';

/** The lines of a samples file, parsed: rows and the line number (from 1) of each. */
interface Lines {
  rows: string[] | string[][];
  lineNumbers: number[];
  tokens: boolean;
}

function parseLines(text: string): Lines {
  const lineNumbers: number[] = [];
  const lines: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    lines.push(line);
    lineNumbers.push(i + 1);
  });
  const tokens = lines.some((line) => /\s/.test(line.trim()));
  return { rows: tokens ? lines.map((line) => line.trim().split(/\s+/)) : lines, lineNumbers, tokens };
}

/**
 * The empirical law of the samples in `path` (`-` for stdin), through `alphabet` (null: the
 * symbols seen, sorted).
 * @throws UsageError when the file cannot be read, holds no samples, has lines of different
 * lengths, or a symbol outside --alphabet.
 */
export function readSamples(path: string, alphabet: string | null): AnyJoint {
  const context = path === '-' ? 'samples from stdin' : `samples "${path}"`;
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${context}: ${readProblem(error)}`);
  }
  const { rows, lineNumbers, tokens } = parseLines(text);
  if (rows.length === 0) throw new UsageError(`${context} holds no samples; expected one sample per line`);
  const symbols = alphabet === null ? undefined : tokens ? alphabet.split(/[\s,]+/).filter((s) => s !== '') : alphabet;
  const rename = (argument: string) =>
    argument.replace(/^rows\[(\d+)\].*$/, (_, r: string) => `line ${lineNumbers[Number(r)]}`).replace(/^options\.alphabet/, '--alphabet').replace(/^rows$/, 'the samples');
  try {
    return Joint.fromSamples(rows, symbols === undefined ? {} : { alphabet: symbols });
  } catch (error) {
    throw UsageError.from(error, context, rename) ?? error;
  }
}
