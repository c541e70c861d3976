// The API both entries export: everything but starting a backend, which takes Node's modules in
// the main entry (./backend.js) and the page's registered backends in /browser.
export {
  BACKEND_CHOICES,
  BACKENDS,
  type BackendChoice,
  type BackendName,
  type ResolvedBackend,
} from './backend-names.js';
export { backendOption } from './backend-option.js';
export { withConsoleWarnFilter } from './console-warn-filter.js';
export { decodeDenseLayersModel } from './decode-dense-layers-model.js';
export {
  type DenseLayersModelFormat,
  type DenseLayersModelSpec,
  type DenseLayerValues,
  denseLayersModelFormat,
} from './dense-layers-model-format.js';
export type { DenseLayer, DenseStack } from './dense-stack.js';
export {
  type DenseLayersModel,
  type DenseLayerWeights,
  encodeDenseLayersModel,
} from './encode-dense-layers-model.js';
export { BackendInitError } from './errors.js';
export {
  checkFloat32Weights,
  type DenseLayers,
  type Fail,
  findDenseLayers,
  MODEL_JSON,
  readManifest,
  readModelJson,
  readWeights,
  WEIGHTS_BIN,
  type WeightSpec,
  type WeightsManifest,
} from './layers-model-files.js';
export {
  PREDICT_CHUNK_ROWS,
  predictDenseClasses,
  predictDenseProbabilities,
} from './predict-dense-rows.js';
export {
  argmaxRows,
  type SoftmaxRowsResult,
  softmaxResidualRows,
  softmaxRows,
} from './softmax-rows.js';
export { isTfjsNodeBanner } from './tfjs-banner.js';
