// --input FILE: a JSON object { "q": 2, "n": 3, "pmf": [...] } holding a row-major table of
// q^n probabilities (position 0 most significant) that sums to 1 within 1e-9. `-` reads stdin.
import { readFileSync } from 'node:fs';
import { Joint } from '../Joint.js';
import { UsageError } from './UsageError.js';

const KEYS = ['q', 'n', 'pmf'];

/** Why a file could not be read, from its Node error code. */
export function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return String((error as Error).message ?? error).split('\n')[0];
}

/** The JSON value in `path` (`-` for stdin). */
function readJson(path: string, context: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${context}: ${readProblem(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${context} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * Reads a table from a JSON file (`-` for stdin) and returns it as a Joint.
 * @throws UsageError when the file cannot be read, is not JSON, lacks or adds keys, or holds
 * a table that Joint.fromProbabilities rejects (restated with the file's key names).
 */
export function readInput(path: string): Joint {
  const context = path === '-' ? 'input from stdin' : `input "${path}"`;
  const data = readJson(path, context);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${context} must hold a JSON object { "q": ..., "n": ..., "pmf": [...] }`);
  }
  const record = data as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) throw new UsageError(`${context} has an unknown key "${unknown}"; expected only q, n and pmf`);
  const missing = KEYS.find((key) => !(key in record));
  if (missing !== undefined) throw new UsageError(`${context} lacks the key "${missing}"`);
  if (!Array.isArray(record.pmf)) throw new UsageError(`${context}: pmf must be an array of numbers`);
  try {
    return Joint.fromProbabilities(record.q as number, record.n as number, record.pmf as number[]);
  } catch (error) {
    throw UsageError.from(error, context, (argument) => argument.replace(/^values/, 'pmf')) ?? error;
  }
}
