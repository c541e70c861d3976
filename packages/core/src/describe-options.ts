import { toJSONSchema, type z } from 'zod';

/** One plugin option as the CLI and dashboard show it. */
export interface OptionDescription {
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

/** List the fields of an object options schema with their types, defaults and descriptions. */
export function describeOptions(schema: z.ZodType): OptionDescription[] {
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
    return d;
  });
}

interface JsonSchema {
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
