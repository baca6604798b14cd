// The machine-readable output of `unmasking measures --json`: one JSON object, schema below.
import type { Analysis } from './analyze.js';
import { type Source, describeSource } from './source.js';

/**
 * The analysis as pretty-printed JSON, ending in a newline:
 * `{ model, input, description, q, n, base, units, measures, profile: { h, D }, timingMs }`.
 * `model` is the canonical model spec (null with --input); `input` the file (null with --model);
 * `base` is the logarithm base (Math.E for nats) and `units` its label; `measures` uses the
 * names of the Joint methods; `timingMs` holds `{ table, measures, total }` in milliseconds.
 */
export function formatJson(source: Source, analysis: Analysis): string {
  const { q, n, units, measures, profile, timingMs } = analysis;
  const output = {
    model: source.kind === 'model' ? source.model.spec : null,
    input: source.kind === 'input' ? source.path : null,
    description: describeSource(source),
    q,
    n,
    base: units.base,
    units: units.label,
    measures,
    profile,
    timingMs,
  };
  return JSON.stringify(output, null, 2) + '\n';
}
