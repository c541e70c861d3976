/** The datasets loadDataset (in @digitlab/datasets/node) knows by name. */
export const KNOWN_DATASETS = Object.freeze(['mnist', 'fashion-mnist'] as const);

/** A dataset loadDataset knows by name. */
export type KnownDatasetName = (typeof KNOWN_DATASETS)[number];
