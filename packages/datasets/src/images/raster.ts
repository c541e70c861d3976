/** A single-channel image: `height × width` values, row-major (grey levels or ink, 0..255). */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly values: Float32Array;
}

/** A raster of `width × height` zeros, or over `values` when given (not copied). */
export function raster(width: number, height: number, values?: ArrayLike<number>): Raster {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`raster: expected a positive integer size, found ${width}×${height}`);
  }
  const data =
    values === undefined
      ? new Float32Array(width * height)
      : values instanceof Float32Array
        ? values
        : Float32Array.from(values);
  if (data.length !== width * height) {
    throw new RangeError(
      `raster: expected ${width}×${height} = ${width * height} values, found ${data.length}`,
    );
  }
  return { width, height, values: data };
}
