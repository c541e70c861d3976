export { seededRandom } from '@digitlab/datasets';
export {
  type ErrorClass,
  mutatedBytes,
  resultOrTypedError,
  settledOrTypedError,
  unexpectedFailure,
} from '@digitlab/datasets/testing';
export { centroidPlugin } from './centroid-plugin.js';
export { accuracyOf, checkMinimumAccuracy, checkScore } from './check-accuracy.js';
export { checkDamagedArtifacts, type DamagedArtifactsOptions } from './check-damaged-artifacts.js';
export {
  type CheckedEvents,
  checkEventOrder,
  checkReturnValue,
  checkStartMatchesData,
} from './check-event-order.js';
export { checkHeldOutEvaluations } from './check-held-out-evaluations.js';
export { checkImageSets } from './check-image-sets.js';
export {
  checkDescribedDefaults,
  checkNewClassifier,
  checkPluginOptions,
  GARBAGE_OPTIONS,
} from './check-plugin-options.js';
export { checkArgmax, checkPredictions } from './check-predictions.js';
export { checkProbabilities } from './check-probabilities.js';
export { checkRejects } from './check-rejects.js';
export { checkResumedLikeUninterrupted, type FitEnd } from './check-resume.js';
export {
  type ClassifierOutputs,
  checkArtifactMetadata,
  checkSameOutputs,
} from './check-round-trip.js';
export { checkAbortedFit, checkLeftEarly, checkUsableAfterStop } from './check-stopped-early.js';
export { checkTensorCount } from './check-tensor-count.js';
export { type CollectedFit, collectFit } from './collect-fit.js';
export { ConformanceError } from './conformance-error.js';
export { cyclingSamples, type GeneratedSamples } from './cycling-samples.js';
export { damagedArtifacts } from './damaged-artifacts.js';
export {
  type ConformanceConfig,
  describeClassifierConformance,
} from './describe-classifier-conformance.js';
export { describeValue } from './describe-value.js';
export { type GaussianBlobsOptions, gaussianBlobs } from './gaussian-blobs.js';
export {
  checkLongRun,
  checkPluginLongRun,
  collectGarbage,
  fitAndDisposeCycle,
  type LongRunMeasurement,
  type LongRunOptions,
  longRunBlobs,
  measureLongRun,
} from './long-run.js';
export { maxAbsDifference } from './max-abs-difference.js';
export { mutatedJson } from './mutated-json.js';
export { roundTripBlobs } from './round-trip-blobs.js';
export { type SeparableClustersOptions, separableClusters } from './separable-clusters.js';
export { sharedTemporaryDirectory, temporaryDirectory } from './temporary-directory.js';
