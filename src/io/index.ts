/**
 * Data in and out: delimited text, NumPy .npy and JSON matrices, label files.
 */
export type { MatrixData, ReadContextOptions } from './types';
export { readCsv, READ_CSV_DEFAULTS } from './readCsv';
export type { ReadCsvOptions, CsvDelimiter } from './readCsv';
export { readNpy, NPY_MAGIC } from './readNpy';
export type { NpyData, ReadNpyOptions } from './readNpy';
export { writeNpy, writeNpyFile, WRITE_NPY_DEFAULTS } from './writeNpy';
export type { WriteNpyOptions } from './writeNpy';
export { readJson } from './readJson';
export type { ReadJsonOptions } from './readJson';
export { readMatrixFile, READ_MATRIX_FILE_DEFAULTS, MATRIX_EXTENSIONS, extensionOf } from './readMatrixFile';
export type { ReadMatrixFileOptions, MatrixFormat, ColumnRef } from './readMatrixFile';
export { readLabelsFile } from './readLabelsFile';
export type { ReadLabelsFileOptions } from './readLabelsFile';
