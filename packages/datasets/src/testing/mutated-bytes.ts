import fc from 'fast-check';

/** One change to a byte string; positions are taken modulo its length. */
type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'set'; readonly at: number; readonly value: number }
  | { readonly kind: 'cut'; readonly at: number }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'append'; readonly bytes: Uint8Array };

// Headers hold the decisions (magic, type, sizes), so half the changes land in the first bytes.
const position = fc.oneof(fc.nat({ max: 15 }), fc.nat({ max: 0x7fffffff }));
// Values at the edges of what a byte means, as well as any.
const byteValue = fc.oneof(
  fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff),
  fc.nat({ max: 255 }),
);
const someBytes = fc.uint8Array({ minLength: 1, maxLength: 16 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: byteValue }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: position,
    count: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: someBytes }),
  fc.record({ kind: fc.constant('append' as const), bytes: someBytes }),
);

function apply(bytes: Uint8Array, change: Mutation): Uint8Array {
  const n = bytes.length;
  switch (change.kind) {
    case 'append':
      return concat(bytes, change.bytes, new Uint8Array(0));
    case 'insert': {
      const at = change.at % (n + 1);
      return concat(bytes.subarray(0, at), change.bytes, bytes.subarray(at));
    }
    default:
      break;
  }
  if (n === 0) return bytes;
  const at = change.at % n;
  switch (change.kind) {
    case 'flip': {
      const out = bytes.slice();
      out[at] = (out[at] as number) ^ (1 << change.bit);
      return out;
    }
    case 'set': {
      const out = bytes.slice();
      out[at] = change.value;
      return out;
    }
    case 'cut':
      return bytes.slice(0, at);
    case 'delete':
      return concat(bytes.subarray(0, at), new Uint8Array(0), bytes.subarray(at + change.count));
  }
}

function concat(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length + c.length);
  out.set(a, 0);
  out.set(b, a.length);
  out.set(c, a.length + b.length);
  return out;
}

/**
 * Copies of `bytes` with one to `maxChanges` random changes: flipped bits, bytes set to edge
 * values, cuts, deletions, insertions and appended bytes, half of them in the first 16 bytes.
 * For fuzzing decoders with damaged versions of real files; shrinks towards fewer changes.
 */
export function mutatedBytes(bytes: Uint8Array, maxChanges = 4): fc.Arbitrary<Uint8Array> {
  return fc
    .array(mutation, { minLength: 1, maxLength: maxChanges })
    .map((changes) => changes.reduce(apply, bytes));
}
