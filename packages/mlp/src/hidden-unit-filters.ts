import type { ImageSet } from '@digitlab/core';
import type { MlpWeights } from './mlp-parameters.js';

/** How many hidden units' filters `hiddenUnitFilters` shows at most. */
export const MAX_FILTERS = 16;

/**
 * The first-layer filters (each hidden unit's incoming weights, image-shaped) of the most
 * important hidden units, most important first. A unit's importance is the L2 norm of its
 * outgoing weights times that of its incoming weights: how much its activation can move the
 * class scores, per unit of input. Diverging scale: positive weights excite the unit.
 */
export function hiddenUnitFilters(
  weights: MlpWeights,
  shape: readonly [number, number],
  count = MAX_FILTERS,
): ImageSet {
  const { numFeatures: d, hiddenUnits: h, numClasses: k, kernel1, kernel2 } = weights;
  const importance = Array.from({ length: h }, (_, j) => {
    let incoming = 0;
    for (let i = 0; i < d; i++) incoming += (kernel1[i * h + j] as number) ** 2;
    let outgoing = 0;
    for (let c = 0; c < k; c++) outgoing += (kernel2[j * k + c] as number) ** 2;
    return { unit: j, score: Math.sqrt(incoming * outgoing) };
  });
  // Ties keep the lower unit first, so the choice does not depend on the sort's stability.
  importance.sort((a, b) => b.score - a.score || a.unit - b.unit);
  const images = importance.slice(0, count).map(({ unit }) => {
    const values = new Float32Array(d);
    for (let i = 0; i < d; i++) values[i] = kernel1[i * h + unit] as number;
    return { label: `unit ${unit}`, values };
  });
  return {
    name: 'hidden-unit-filters',
    title: `First-layer filters of the ${images.length} most important hidden units`,
    scale: 'diverging',
    shape,
    images,
  };
}
