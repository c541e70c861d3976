import { type MlpShape, parameterOffsets } from '../mlp-parameters.js';
import { padded } from '../sparse/mlp-kernel.js';

/** The hidden units [start, end) that one thread trains, and whether it also holds b2. */
export interface HiddenUnitPart {
  readonly start: number;
  readonly end: number;
  /** The output bias belongs to part 0 alone: the other parts' logits are partial sums. */
  readonly holdsBias2: boolean;
}

/**
 * Split `hiddenUnits` into at most `parts` ranges of whole 4-lane vectors, as even as possible
 * (fewer parts than asked when there are fewer vectors than parts).
 */
export function hiddenUnitParts(hiddenUnits: number, parts: number): HiddenUnitPart[] {
  if (!Number.isInteger(hiddenUnits) || hiddenUnits < 1) {
    throw new RangeError(
      `hiddenUnitParts: expected at least one hidden unit, found ${hiddenUnits}`,
    );
  }
  if (!Number.isInteger(parts) || parts < 1) {
    throw new RangeError(`hiddenUnitParts: expected at least one part, found ${parts}`);
  }
  const vectors = Math.ceil(hiddenUnits / 4);
  const count = Math.min(parts, vectors);
  return Array.from({ length: count }, (_, p) => ({
    start: 4 * Math.floor((p * vectors) / count),
    end: Math.min(hiddenUnits, 4 * Math.floor(((p + 1) * vectors) / count)),
    holdsBias2: p === 0,
  }));
}

/** The network a part's kernel runs: its own hidden units, the full input and output. */
export function partShape(shape: MlpShape, part: HiddenUnitPart): MlpShape {
  return { ...shape, hiddenUnits: part.end - part.start };
}

/**
 * Visit the runs of entries a part holds, as (start in the full parameter vector [W1, b1, W2, b2],
 * start in the part's padded block [W1 (d×hs), b1 (hs), W2 (hs×ks), b2 (ks)], length); the padding
 * is not visited.
 */
function forEachRun(
  shape: MlpShape,
  part: HiddenUnitPart,
  visit: (full: number, block: number, length: number) => void,
): void {
  const { numFeatures: d, hiddenUnits: h, numClasses: k } = shape;
  const o = parameterOffsets(shape);
  const units = part.end - part.start;
  const hs = padded(units);
  const ks = padded(k);
  for (let j = 0; j < d; j++) visit(o.kernel1 + j * h + part.start, j * hs, units);
  const b1 = d * hs;
  visit(o.bias1 + part.start, b1, units);
  const w2 = b1 + hs;
  for (let u = 0; u < units; u++) visit(o.kernel2 + (part.start + u) * k, w2 + u * ks, k);
  if (part.holdsBias2) visit(o.bias2, w2 + hs * ks, k);
}

/** Copy a part's entries of a full parameter-shaped vector into its block (rounded to float32). */
export function packPart(
  full: Float64Array,
  shape: MlpShape,
  part: HiddenUnitPart,
  block: Float32Array,
): void {
  block.fill(0);
  forEachRun(shape, part, (f, b, length) => block.set(full.subarray(f, f + length), b));
}

/** Copy a part's block back into its entries of a full parameter-shaped vector. */
export function unpackPart(
  block: Float32Array,
  shape: MlpShape,
  part: HiddenUnitPart,
  full: Float64Array,
): void {
  forEachRun(shape, part, (f, b, length) => full.set(block.subarray(b, b + length), f));
}
