// Where the table comes from: a model spec (--model, or the default) or a JSON file (--input).
import type { Joint } from '../Joint.js';
import { readInput } from './input.js';
import type { ModelSpec } from './modelSpec.js';

/** A model spec, or a JSON file (`-` for stdin). */
export type Source =
  | { readonly kind: 'model'; readonly model: ModelSpec; readonly isDefault: boolean }
  | { readonly kind: 'input'; readonly path: string };

/** The table, built from the model or read from the file. @throws UsageError for bad input. */
export function loadSource(source: Source): Joint {
  return source.kind === 'model' ? source.model.build() : readInput(source.path);
}

/** What the table is, in words. */
export function describeSource(source: Source): string {
  if (source.kind === 'model') return source.model.description;
  return `a table read from ${source.path === '-' ? 'stdin' : 'a JSON file'}`;
}
