/**
 * The data sets shipped with infoplane.
 */
export { loadIb12 } from './loadIb12';
export type { Ib12 } from './loadIb12';
export { loadDataset, DATASETS } from './loadDataset';
export type { Dataset, DatasetName, ClassificationDataset, RegressionDataset } from './loadDataset';
export { datasetPath, packageRoot } from './datasetPath';
