// What a bundled dataset is: its rows, alphabet and shape, and where it comes from.

/** A bundled dataset: pass `rows` and `alphabet` to Joint.fromSamples. */
export interface Dataset<Row extends string | readonly string[]> {
  /** Short name, e.g. 'words'. */
  readonly name: string;
  /** What the rows are, in one sentence. */
  readonly description: string;
  /** One sample per row: a string (each character a symbol) or an array of symbols. */
  readonly rows: readonly Row[];
  /** The symbols, in code order: symbol a is alphabet[a]. */
  readonly alphabet: readonly string[];
  /** Alphabet size. */
  readonly q: number;
  /** Symbols per row. */
  readonly n: number;
  /** Where the rows come from and under which licence. */
  readonly source: string;
}
