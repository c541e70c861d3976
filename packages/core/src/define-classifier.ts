import type { z } from 'zod';
import type { ClassifierDefinition, OptionsSchema } from './classifier-definition.js';
import type { ClassifierPlugin } from './classifier-plugin.js';
import { DefinedClassifier } from './defined-classifier.js';
import { ArtifactError, PluginOptionsError } from './errors.js';
import type { ModelArtifact } from './model-artifact.js';

/** A plugin made by `defineClassifier`: its classifiers carry the driver's and the plugin's methods. */
export interface DefinedPlugin<O extends Record<string, unknown>, M, X extends object = object>
  extends ClassifierPlugin<O> {
  create(options: O): DefinedClassifier<O, M> & X;
  /**
   * Rebuild a saved model. The options that describe the model come from the artifact, the rest
   * from this plugin's defaults, and `overrides` win over both (e.g. `{ warmStart: true }`).
   */
  load(artifact: ModelArtifact, overrides?: Partial<O>): Promise<DefinedClassifier<O, M> & X>;
}

/** A plugin factory: `factory({ C: 0.1 })` makes a plugin whose defaults are replaced by these. */
export type PluginFactory<O extends Record<string, unknown>, M, X extends object = object> = (
  defaults?: Partial<O>,
) => DefinedPlugin<O, M, X>;

/**
 * Turn a classifier's algorithm into a plugin factory. The definition holds only the algorithm
 * (options schema, training steps, prediction, file encoding); the driver supplies the rest.
 * Defaults given to the factory are validated at once: invalid ones fail there, not at training.
 */
export function defineClassifier<S extends OptionsSchema, M, X extends object = object>(
  definition: ClassifierDefinition<S, M, X>,
): PluginFactory<z.output<S> & Record<string, unknown>, M, X> {
  type O = z.output<S> & Record<string, unknown>;
  const { name } = definition;
  return (defaults = {}) => {
    const options = withDefaults(definition.options, defaults, name);
    const extend = (classifier: DefinedClassifier<O, M>) =>
      Object.assign(classifier, definition.extend?.(classifier)) as DefinedClassifier<O, M> & X;
    const plugin: DefinedPlugin<O, M, X> = {
      name,
      description: definition.description,
      options: options as unknown as z.ZodType<O, Partial<Record<keyof O, unknown>>>,
      create: (validated) => extend(new DefinedClassifier<O, M>(definition, validated)),
      async load(artifact, overrides = {}) {
        if (artifact.plugin !== name) {
          throw new ArtifactError(
            `expected a model saved by the '${name}' plugin, found one saved by '${artifact.plugin}'`,
          );
        }
        const model = await definition.decode(artifact.files, artifact.metadata);
        const saved = savedOptions(options, artifact.metadata.training, definition.modelOptions);
        const implied = definition.impliedOptions?.(model) ?? {};
        const parsed = options.safeParse({ ...saved, ...implied, ...overrides });
        if (!parsed.success) {
          definition.release?.(model);
          throw new PluginOptionsError(name, issuesOf(parsed.error, ''));
        }
        const restored = { model, metadata: artifact.metadata };
        return extend(new DefinedClassifier<O, M>(definition, parsed.data as O, restored));
      },
    };
    return plugin;
  };
}

/** The schema with `defaults` as its defaults; invalid defaults are a PluginOptionsError. */
function withDefaults<S extends OptionsSchema>(
  schema: S,
  defaults: Readonly<Record<string, unknown>>,
  name: string,
): S {
  const given = Object.keys(defaults);
  if (given.length === 0) return schema;
  // Zod does not parse default values: check them against the schema before adopting them.
  const parsed = schema.safeParse(defaults);
  if (!parsed.success) throw new PluginOptionsError(name, issuesOf(parsed.error, 'defaults.'));
  const values = parsed.data as Record<string, unknown>;
  const shape: Record<string, z.ZodType> = {};
  for (const key of given) {
    const field = schema.shape[key] as z.ZodType & { default(value: unknown): z.ZodType };
    shape[key] = field.default(values[key]);
  }
  return schema.extend(shape) as unknown as S;
}

/**
 * The model's options recorded in saved metadata: `training.options`, or the settings stored
 * directly under `training` by earlier versions. A value this version no longer accepts is
 * dropped, so the loading plugin's default takes its place.
 */
function savedOptions(
  schema: OptionsSchema,
  training: Readonly<Record<string, unknown>> | undefined,
  keys: readonly PropertyKey[] | undefined,
): Record<string, unknown> {
  const nested = training?.options;
  const saved = { ...training, ...(typeof nested === 'object' && nested !== null ? nested : {}) };
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (keys !== undefined && !keys.includes(key)) continue;
    if (key in saved && field.safeParse(saved[key as keyof typeof saved]).success) {
      out[key] = saved[key as keyof typeof saved];
    }
  }
  return out;
}

function issuesOf(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((i) => `${prefix}${i.path.join('.') || '(options)'}: ${i.message}`);
}
