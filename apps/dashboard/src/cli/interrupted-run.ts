import type { ModelMetadata, ProgressUnit } from '@digitlab/core';
import { unitWord } from '@digitlab/session';

/** How far an interrupted run got: its steps, of how many, in what unit. */
export interface InterruptedAt {
  readonly steps: number;
  readonly total?: number;
  readonly unit: ProgressUnit;
}

/** "110 of 500 iterations" (or "3 epochs" when the total is unknown). */
export function stepsReached({ steps, total, unit }: InterruptedAt): string {
  const of = total === undefined ? '' : ` of ${total}`;
  return `${steps}${of} ${unitWord(unit, total ?? steps)}`;
}

/** What an interrupted run says about its model: where it was saved, or how to keep it next time. */
export function interruptedModelLine(at: InterruptedAt, savedTo: string | undefined): string {
  if (savedTo !== undefined) {
    return `saved the model after ${stepsReached(at)} to ${savedTo} (interrupted)`;
  }
  if (at.steps === 0) return `interrupted before the first ${at.unit}: there is no model to save`;
  return (
    `interrupted after ${stepsReached(at)}; the model was not saved: ` +
    'pass --save <dir> to keep an interrupted run’s model, or --checkpoint <dir> to be able to resume it'
  );
}

/** Where an interrupted run's last checkpoint is, and the command that continues it. */
export function resumeLine(checkpoint: { readonly dir: string }, at: InterruptedAt): string {
  return `checkpoint after ${stepsReached(at)} in ${checkpoint.dir}: continue it with digitlab train --resume ${checkpoint.dir}`;
}

/**
 * For a saved model that was interrupted (its metadata says `training.interrupted`): how far it
 * got, e.g. "interrupted after 110 of 500 iterations: not trained to the end". Else undefined.
 */
export function savedModelInterruption(metadata: ModelMetadata): string | undefined {
  const training = metadata.training;
  if (training?.interrupted !== true) return undefined;
  const steps = metadata.metrics?.steps;
  const total = training.totalSteps;
  const unit = training.unit;
  if (typeof steps !== 'number' || !isUnit(unit)) return 'interrupted: not trained to the end';
  const at = { steps, unit, ...(typeof total === 'number' ? { total } : {}) };
  return `interrupted after ${stepsReached(at)}: not trained to the end`;
}

function isUnit(value: unknown): value is ProgressUnit {
  return value === 'iteration' || value === 'epoch' || value === 'step';
}
