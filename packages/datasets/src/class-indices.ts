import type { Dataset } from './dataset.js';

/** Row indices per class, each in ascending order (a counting sort over the labels). */
export function indicesByClass(ds: Dataset): Uint32Array[] {
  const counts = classCounts(ds);
  const groups = counts.map((count) => new Uint32Array(count));
  const filled = new Uint32Array(ds.numClasses);
  for (let i = 0; i < ds.numSamples; i++) {
    const label = ds.labels[i]!;
    groups[label]![filled[label]!++] = i;
  }
  return groups;
}

/** Number of samples per class, indexed by label. */
export function classCounts(ds: Dataset): number[] {
  const counts = new Array<number>(ds.numClasses).fill(0);
  for (let i = 0; i < ds.numSamples; i++) counts[ds.labels[i]!]!++;
  return counts;
}

/** A class for messages: its label and, when different, its name. */
export function describeClass(ds: Dataset, label: number): string {
  const name = ds.classNames[label];
  return name === undefined || name === String(label)
    ? `class ${label}`
    : `class ${label} ('${name}')`;
}
