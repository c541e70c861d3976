/**
 * How an image set's values map to colour: `diverging` around 0 (weights: one colour for positive,
 * another for negative, limits symmetric and shared by the set), or `sequential` from the set's
 * smallest to its largest value (centroids, pixel intensities).
 */
export type ImageScale = 'diverging' | 'sequential';

/** One image of a set: a caption and `height × width` values, row-major. */
export interface LabelledImage {
  readonly label: string;
  readonly values: Float32Array;
}

/**
 * Image-shaped arrays a model can show: a linear model's coefficient rows, an MLP's first-layer
 * filters, class centroids. Front ends draw them without knowing the plugin.
 */
export interface ImageSet {
  /** A stable identifier, e.g. 'coefficients' (used in file names). */
  readonly name: string;
  /** What the set shows, for a figure's title, e.g. 'Coefficients per class'. */
  readonly title: string;
  readonly scale: ImageScale;
  /** [height, width] of every image. */
  readonly shape: readonly [number, number];
  readonly images: readonly LabelledImage[];
}

/**
 * An image set with one image per row of a row-major matrix of `labels.length` rows of
 * height × width values (a linear model's coefficients, class centroids), captioned by `labels`.
 */
export function imagesOfRows(
  set: Pick<ImageSet, 'name' | 'title' | 'scale'>,
  rows: ArrayLike<number>,
  shape: readonly [number, number],
  labels: readonly string[],
): ImageSet {
  const size = shape[0] * shape[1];
  if (rows.length !== labels.length * size) {
    throw new RangeError(
      `imagesOfRows: expected ${labels.length} rows of ${shape[0]} × ${shape[1]} values (${labels.length * size}), found ${rows.length} values`,
    );
  }
  const images = labels.map((label, r) => {
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = rows[r * size + i] as number;
    return { label, values };
  });
  return { ...set, shape, images };
}
