import { toJSONSchema, type z } from 'zod';
import { DigitlabError } from './errors.js';

/**
 * Where a front end shows an option: with the model (`C`, `hiddenUnits`, `k`), with the solver
 * that fits it (`maxIter`, `learningRate`), or with where the work runs (`layout`, `workers`).
 */
export type OptionGroup = 'model' | 'solver' | 'runtime';

const OPTION_GROUPS: readonly OptionGroup[] = ['model', 'solver', 'runtime'];

/**
 * What a plugin may say about an option through zod's `.meta()`, so that front ends can present
 * options without knowing any plugin's names:
 *
 * ```ts
 * maxIter: z.number().int().default(100).describe('…').meta({ group: 'solver', solvers: ['lbfgs'] }),
 * ```
 *
 * Every key is optional; an option without metadata is shown with the model.
 */
export interface OptionMeta {
  /** The group an option is shown in (default `'model'`). */
  readonly group?: OptionGroup;
  /** `false`: the header leaves it out (shown elsewhere, like `backend`, or bookkeeping). */
  readonly header?: boolean;
  /** This option picks the solver: its value names the solver, e.g. `lbfgs`. */
  readonly selectsSolver?: boolean;
  /** The option only matters with these values of the solver option. */
  readonly solvers?: readonly string[];
}

declare module 'zod' {
  // Type-checks `.meta({ group, header, selectsSolver, solvers })` wherever core is imported.
  interface GlobalMeta extends OptionMeta {}
}

/** One plugin option as the CLI and dashboard show it. */
export interface OptionDescription extends OptionMeta {
  readonly name: string;
  readonly type: 'number' | 'integer' | 'string' | 'boolean' | 'enum' | 'other';
  readonly description?: string;
  readonly default?: unknown;
  readonly choices?: readonly (string | number)[];
  readonly minimum?: number;
  readonly maximum?: number;
  /** Strict bounds: the value must be greater (less) than this. */
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

// Schemas are immutable and converting one to JSON Schema takes a millisecond or two; the CLI
// describes the same schema several times per command line.
const described = new WeakMap<z.ZodType, readonly OptionDescription[]>();

/** List the fields of an object options schema with their types, defaults and descriptions. */
export function describeOptions(schema: z.ZodType): OptionDescription[] {
  let descriptions = described.get(schema);
  if (descriptions === undefined) {
    descriptions = describeUncached(schema);
    described.set(schema, descriptions);
  }
  return [...descriptions];
}

function describeUncached(schema: z.ZodType): OptionDescription[] {
  const json = toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = json.properties ?? {};
  return Object.entries(properties).map(([name, prop]) => {
    const p = unwrap(prop);
    const d: {
      -readonly [K in keyof OptionDescription]: OptionDescription[K];
    } = { name, type: typeOf(p) };
    const description = prop.description ?? p.description;
    if (description !== undefined) d.description = description;
    const def = prop.default ?? p.default;
    if (def !== undefined) d.default = def;
    if (p.enum) d.choices = p.enum;
    if (p.minimum !== undefined) d.minimum = p.minimum;
    if (p.maximum !== undefined) d.maximum = p.maximum;
    if (p.exclusiveMinimum !== undefined) d.exclusiveMinimum = p.exclusiveMinimum;
    if (p.exclusiveMaximum !== undefined) d.exclusiveMaximum = p.exclusiveMaximum;
    Object.assign(d, optionMeta(name, p));
    return d;
  });
}

/** The JSON Schema of one property; `.meta()` keys come out beside the standard ones. */
interface JsonSchema extends OptionMeta {
  type?: string | string[];
  enum?: (string | number)[];
  const?: string | number;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

function unwrap(prop: JsonSchema): JsonSchema {
  // Optional and nullable fields come out as anyOf/allOf wrappers; the first branch carries the type.
  const inner = prop.anyOf?.find((s) => s.type !== 'null') ?? prop.allOf?.[0];
  return inner ? { ...inner, ...prop, ...unwrap(inner) } : prop;
}

/** The `.meta()` keys of OptionMeta, checked: a misspelt group would otherwise pass unseen. */
function optionMeta(name: string, p: JsonSchema): OptionMeta {
  const fail = (key: string, expected: string, found: unknown): never => {
    throw new DigitlabError(
      `option '${name}': expected .meta() ${key} to be ${expected}, found ${JSON.stringify(found)}`,
    );
  };
  const meta: { -readonly [K in keyof OptionMeta]: OptionMeta[K] } = {};
  if (p.group !== undefined) {
    if (!OPTION_GROUPS.includes(p.group))
      fail('group', `one of ${OPTION_GROUPS.join(', ')}`, p.group);
    meta.group = p.group;
  }
  if (p.header !== undefined) {
    if (typeof p.header !== 'boolean') fail('header', 'a boolean', p.header);
    meta.header = p.header;
  }
  if (p.selectsSolver !== undefined) {
    if (typeof p.selectsSolver !== 'boolean') fail('selectsSolver', 'a boolean', p.selectsSolver);
    meta.selectsSolver = p.selectsSolver;
  }
  if (p.solvers !== undefined) {
    if (!Array.isArray(p.solvers) || !p.solvers.every((s) => typeof s === 'string'))
      fail('solvers', 'an array of solver names', p.solvers);
    meta.solvers = p.solvers;
  }
  return meta;
}

function typeOf(p: JsonSchema): OptionDescription['type'] {
  if (p.enum) return 'enum';
  const t = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
  switch (t) {
    case 'number':
    case 'integer':
    case 'string':
    case 'boolean':
      return t;
    default:
      return 'other';
  }
}
