import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

/** One change to a JSON value at the node numbered `at` (taken modulo the number of nodes). */
type Change =
  | { readonly kind: 'replace'; readonly at: number; readonly value: Json }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'nudge'; readonly at: number; readonly by: 1 | -1 };

// Values that break assumptions: wrong types, negative, fractional, huge, empty.
const replacement: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, 0, -1, 0.5, 2 ** 31, 2 ** 53, -1e308, '', 'x', true, [], {}),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: replacement }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('nudge' as const),
    at: fc.nat(),
    by: fc.constantFrom(1 as const, -1 as const),
  }),
);

function nodePaths(value: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...nodePaths(v, [...prefix, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...nodePaths(v, [...prefix, k]));
  }
  return out;
}

function nudged(value: Json, by: 1 | -1): Json {
  if (typeof value === 'number') return value + by;
  if (typeof value === 'string') return by > 0 ? `${value}x` : value.slice(0, -1);
  // An array one element longer or shorter: a wrong size.
  if (Array.isArray(value)) return by > 0 ? [...value, value.at(-1) ?? 0] : value.slice(0, -1);
  return value;
}

function apply(root: Json, { kind, at, ...rest }: Change): Json {
  const paths = nodePaths(root);
  const path = paths[at % paths.length] as Path;
  const replace = (old: Json): Json | undefined =>
    kind === 'replace'
      ? (rest as { value: Json }).value
      : kind === 'nudge'
        ? nudged(old, (rest as { by: 1 | -1 }).by)
        : undefined;
  if (path.length === 0) return replace(root) ?? null;
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const key = path.at(-1) as string | number;
  const next = replace(parent[key] as Json);
  if (next !== undefined) parent[key] = next;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
  return copy;
}

/**
 * Copies of a JSON value with one to `maxChanges` changes at random nodes: a value replaced (by
 * one of another type, negative, fractional, huge or empty), a key or element deleted, a number
 * or string off by one, an array one element longer or shorter. For fuzzing file decoders.
 */
export function mutatedJson(value: unknown, maxChanges = 3): fc.Arbitrary<unknown> {
  return fc
    .array(change, { minLength: 1, maxLength: maxChanges })
    .map((changes) => changes.reduce(apply, value as Json));
}
