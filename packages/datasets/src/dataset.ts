/** One preprocessing step, in the order it was applied to raw pixel values. */
export type PreprocessingStep =
  /** x * factor (1/255 by default). */
  | { readonly kind: 'scale'; readonly factor: number }
  /** (x - mean) / std per feature; a std of 0 is treated as 1. */
  | { readonly kind: 'standardize'; readonly mean: Float32Array; readonly std: Float32Array };

/** A labelled image classification dataset held in flat typed arrays. */
export interface Dataset {
  /** 'mnist' | 'fashion-mnist' | user-given. */
  readonly name: string;
  /** 'train' | 'test' | 'validation' | ... */
  readonly split: string;
  /** numSamples × numFeatures, row-major. */
  readonly features: Float32Array;
  /** Length numSamples, values in [0, numClasses). */
  readonly labels: Uint8Array;
  readonly numSamples: number;
  /** Product of imageShape. */
  readonly numFeatures: number;
  /** [28, 28] for the MNIST family. */
  readonly imageShape: readonly number[];
  readonly numClasses: number;
  /** '0'..'9' for MNIST; Fashion-MNIST's ten names. */
  readonly classNames: readonly string[];
  /** How features were derived from raw pixels, in order. */
  readonly preprocessing: readonly PreprocessingStep[];
}

/** The two splits the MNIST family ships with. */
export interface DatasetSplits {
  readonly train: Dataset;
  readonly test: Dataset;
}
