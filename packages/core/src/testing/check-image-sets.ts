import type { ImageSet } from '../image-set.js';
import { failCheck } from './conformance-error.js';
import { describeValue } from './describe-value.js';

/**
 * Check what `inspect()` returned: each set is named, has a known scale and a positive [h, w]
 * shape, and every image has a label and h × w finite values.
 */
export function checkImageSets(sets: readonly ImageSet[]): void {
  const fail = failCheck('inspect');
  if (!Array.isArray(sets)) fail(`expected an array of image sets, found ${describeValue(sets)}`);
  for (const set of sets) {
    const where = `image set ${describeValue(set?.name)}`;
    if (typeof set?.name !== 'string' || set.name === '' || typeof set.title !== 'string')
      fail(
        `expected a non-empty name and a title, found ${describeValue(set?.name)}, ${describeValue(set?.title)}`,
      );
    if (set.scale !== 'diverging' && set.scale !== 'sequential')
      fail(
        `${where}: expected scale 'diverging' or 'sequential', found ${describeValue(set.scale)}`,
      );
    const [h, w] = set.shape ?? [];
    if (
      set.shape?.length !== 2 ||
      !(Number.isInteger(h) && Number.isInteger(w) && (h as number) > 0 && (w as number) > 0)
    )
      fail(
        `${where}: expected shape [height, width] of positive integers, found ${describeValue(set.shape)}`,
      );
    set.images.forEach((image, i) => {
      if (typeof image.label !== 'string')
        fail(`${where}: expected image ${i} to have a label, found ${describeValue(image.label)}`);
      if (
        !(image.values instanceof Float32Array) ||
        image.values.length !== (h as number) * (w as number)
      )
        fail(
          `${where}: expected image ${i} ('${image.label}') to hold ${h} × ${w} float32 values, found ${describeValue(image.values?.length)}`,
        );
      const bad = image.values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0)
        fail(
          `${where}: expected finite values, found ${image.values[bad]} at pixel ${bad} of image ${i} ('${image.label}')`,
        );
    });
  }
}
