import type { z } from 'zod';
import type { DefinedClassifier } from './defined-classifier.js';
import type { ImageSet } from './image-set.js';
import type { ModelMetadata } from './model-metadata.js';
import type { TrainContext, Trainer } from './trainer.js';
import type { TrainingDataRequirements } from './validate-training-data.js';

/** The files of a saved model besides core's manifest: file name → contents. */
export type ModelFiles = Readonly<Record<string, Uint8Array>>;

/** What `inspect` is told about the data the model was trained on. */
export interface InspectContext<O> {
  readonly options: O;
  readonly classNames: readonly string[];
  /** [height, width] when the features are a 2-D image, else undefined. */
  readonly shape: readonly [number, number] | undefined;
}

/** An options schema: a zod object whose every field has a default and a `.describe()` text. */
export type OptionsSchema = z.ZodObject;

/**
 * A classifier as its algorithm: what `defineClassifier` turns into a full plugin. Everything
 * else — validation, the event stream, abort and dispose, timing, held-out evaluation, metadata,
 * `score`, saving and loading — is the driver's.
 */
export interface ClassifierDefinition<S extends OptionsSchema, M, X extends object = object> {
  /** Unique name; shown in logs, errors and `digitlab plugins`, written into saved models. */
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  /** The options schema with the built-in defaults; a plugin factory's defaults replace them. */
  readonly options: S;
  /**
   * Options that describe the trained model, restored from a saved model's metadata when it is
   * loaded (the rest — backends, workers — come from the loading plugin's defaults). Default: all.
   */
  readonly modelOptions?: readonly (keyof z.output<S>)[];
  /**
   * Whether `train` starts from `context.initial` when it is given (a warm start requested by the
   * caller through `FitOptions.warmStartFrom`); default false: such requests are ignored.
   */
  readonly warmStarts?: boolean;
  /**
   * Whether the driver measures training accuracy when `FitOptions.trainAccuracy` asks; default
   * true. False for a model that memorizes its rows (k-NN): each row is its own nearest neighbour,
   * so the number flatters, and measuring it costs as much as predicting every training row.
   */
  readonly measuresTrainAccuracy?: boolean;
  /** What the training data must have beyond a valid Dataset (default: 2 classes, 1 sample). */
  requirements?(options: z.output<S>): TrainingDataRequirements;
  /** Start training on validated data; runs before the fit clock starts (set-up is not fit time). */
  train(context: TrainContext<z.output<S>, M>): Trainer<M> | Promise<Trainer<M>>;
  /** Class probabilities of validated row-major features, numRows × numClasses row-major. */
  predictProba(
    model: M,
    features: Float32Array,
    options: z.output<S>,
  ): Float32Array | Promise<Float32Array>;
  /** The class of each row; default: argmax of `predictProba`, the lowest class on ties. */
  predict?(
    model: M,
    features: Float32Array,
    options: z.output<S>,
  ): Int32Array | Promise<Int32Array>;
  /**
   * The model as files (names of letters, digits, `.`, `_` and `-`). `metadata` is what the
   * artifact will carry, for formats that embed it (e.g. a LayersModel's `userDefinedMetadata`).
   */
  encode(model: M, options: z.output<S>, metadata: ModelMetadata): ModelFiles | Promise<ModelFiles>;
  /**
   * The model from its files, checked against the manifest's metadata; problems are ArtifactErrors
   * naming the file, what was expected and what was found.
   */
  decode(files: ModelFiles, metadata: ModelMetadata): M | Promise<M>;
  /** Options a decoded model implies (e.g. a layer size read from its weights); they win over saved ones. */
  impliedOptions?(model: M): Partial<z.output<S>>;
  /**
   * Image-shaped arrays of the model for figures and dashboards (see `ImageSet`); `shape` is the
   * data's image shape when it is 2-D (height × width), undefined otherwise.
   */
  inspect?(model: M, context: InspectContext<z.output<S>>): readonly ImageSet[];
  /** Free a model that is no longer the classifier's (tensors); plain arrays need nothing. */
  release?(model: M): void;
  /** Extra methods of this plugin's classifiers (e.g. `coefficients()`), given the classifier. */
  extend?(classifier: DefinedClassifier<z.output<S>, M>): X;
}
