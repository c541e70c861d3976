import { z } from 'zod';

// Schema pieces several plugins' options share, so the same option reads and validates the same.

/** An integer option ≥ 1 (a count: iterations, epochs, units, neighbours). */
export function countOption(defaultValue: number, description: string, meta: z.GlobalMeta) {
  return z.number().int().min(1).default(defaultValue).describe(description).meta(meta);
}

/** `momentum` of SGD: in [0, 1), 0 being plain SGD. */
export function momentumOption(defaultValue: number) {
  return z
    .number()
    .min(0)
    .lt(1)
    .default(defaultValue)
    .describe('sgd momentum (0 = plain SGD)')
    .meta({ group: 'solver', solvers: ['sgd'] });
}

/** A seed: an unsigned 32-bit integer. */
export function seedOption(defaultValue: number, description: string, meta: z.GlobalMeta) {
  return z
    .number()
    .int()
    .min(0)
    .max(0xffffffff)
    .default(defaultValue)
    .describe(description)
    .meta(meta);
}

/** `warmStart`: continue from the current (fitted or loaded) parameters. */
export function warmStartOption(defaultValue: boolean, description: string) {
  return z.boolean().default(defaultValue).describe(description).meta({ header: false });
}

/** `trainAccuracyEvery`: how often training accuracy is reported, 0 being never. */
export function trainAccuracyEveryOption(defaultValue: number, description: string) {
  return z
    .number()
    .int()
    .min(0)
    .default(defaultValue)
    .describe(description)
    .meta({ header: false });
}
