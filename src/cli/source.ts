// Where the table comes from: a model spec (--model, or the default), a JSON file (--input),
// a file of samples (--samples) or a bundled dataset (--dataset).
import * as datasets from '../datasets/index.js';
import { Joint } from '../Joint.js';
import type { AnyJoint } from '../SparseJoint.js';
import { readInput } from './input.js';
import type { ModelSpec } from './modelSpec.js';
import { readSamples } from './samples.js';
import { UsageError } from './UsageError.js';

/** The bundled datasets --dataset takes. */
export const DATASETS = { words: datasets.words, phonemes: datasets.phonemes } as const;

export type DatasetName = keyof typeof DATASETS;

type LoadedDataset = ReturnType<(typeof DATASETS)[DatasetName]>;

const loadedDatasets = new Map<DatasetName, LoadedDataset>();

/** The dataset, decoded once per process (each datasets.NAME() call decodes every row again). */
function dataset(name: DatasetName): LoadedDataset {
  let loaded = loadedDatasets.get(name);
  if (loaded === undefined) loadedDatasets.set(name, (loaded = DATASETS[name]()));
  return loaded;
}

/** A model spec, a JSON file (`-` for stdin), a samples file (`-` for stdin) or a dataset. */
export type Source =
  | { readonly kind: 'model'; readonly model: ModelSpec; readonly isDefault: boolean }
  | { readonly kind: 'input'; readonly path: string }
  | { readonly kind: 'samples'; readonly path: string; readonly alphabet: string | null }
  | { readonly kind: 'dataset'; readonly name: DatasetName };

/** The --dataset value. @throws UsageError for an unknown name. */
export function parseDataset(text: string): DatasetName {
  if (!Object.hasOwn(DATASETS, text)) throw new UsageError(`--dataset must be one of ${Object.keys(DATASETS).join(', ')}; received "${text}"`);
  return text as DatasetName;
}

/**
 * The table, built from the model, read from the file, or the empirical law of the samples
 * (dense or sparse, as Joint.fromSamples picks). @throws UsageError for bad input.
 */
export function loadSource(source: Source): AnyJoint {
  if (source.kind === 'model') return source.model.build();
  if (source.kind === 'input') return readInput(source.path);
  if (source.kind === 'samples') return readSamples(source.path, source.alphabet);
  const { rows, alphabet } = dataset(source.name);
  return Joint.fromSamples(rows, { alphabet });
}

/**
 * The table as a dense Joint (the sampler needs one): a sparse law is expanded to its q^n cells.
 * @throws UsageError when they do not fit in memory
 */
export function loadDense(source: Source): Joint {
  const joint = loadSource(source);
  if (joint instanceof Joint) return joint;
  try {
    return joint.toJoint();
  } catch (error) {
    throw UsageError.from(error, `the dense table of ${sourceLabel(source)}`) ?? error;
  } finally {
    joint.dispose();
  }
}

/** The source in a few words: the model spec, the file, or `dataset NAME`. */
export function sourceLabel(source: Source): string {
  if (source.kind === 'model') return source.model.spec;
  if (source.kind === 'dataset') return `dataset ${source.name}`;
  return source.path === '-' ? 'stdin' : source.path;
}

/** What the table is, in words. */
export function describeSource(source: Source): string {
  if (source.kind === 'model') return source.model.description;
  if (source.kind === 'dataset') return `the empirical law of ${dataset(source.name).description}`;
  if (source.kind === 'samples') return `the empirical law of the samples in ${source.path === '-' ? 'stdin' : 'a file'}, one per line`;
  return `a table read from ${source.path === '-' ? 'stdin' : 'a JSON file'}`;
}
