/**
 * Shared types of the readers in `src/io`: a matrix read from a file, and the names used in error messages.
 */
import { Samples } from '../core/samples';

/** A matrix read from a file or a string: the values as `Samples`, plus the column names when the source has them. */
export interface MatrixData {
  /** The values, n rows by d columns. A 1-D source (one value per line, a `(n,)` .npy, a flat JSON array) gives d = 1. */
  samples: Samples;
  /** Column names from a CSV header line, when there is one. */
  columns?: string[];
}

/** Names that readers put in their error messages. */
export interface ReadContextOptions {
  /** Function or command named in error messages. Defaults to the reader's own name (e.g. "readCsv"). */
  fn?: string;
  /** Parameter named in error messages: the CLI argument or option that supplied the data (e.g. "--x"). Defaults to the reader's first parameter name. */
  param?: string;
}
