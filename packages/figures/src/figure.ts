/** A drawn figure: standalone SVG markup and its size in CSS pixels. */
export interface Figure {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/** What produced the results a figure shows, for its title; either part may be left out. */
export interface RunLabel {
  /** The model, e.g. 'softmax-regression'. */
  readonly model?: string;
  /** The dataset, e.g. 'MNIST'. */
  readonly dataset?: string;
}

/** `base: model on dataset`, or as much of it as the label has. */
export function titleWithRun(base: string, run: RunLabel | undefined): string {
  const model = run?.model;
  const dataset = run?.dataset;
  if (model !== undefined && dataset !== undefined) return `${base}: ${model} on ${dataset}`;
  if (model !== undefined) return `${base}: ${model}`;
  if (dataset !== undefined) return `${base}: ${dataset}`;
  return base;
}
