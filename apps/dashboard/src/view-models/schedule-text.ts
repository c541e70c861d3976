import type { EvaluationSchedule, ProgressUnit } from '@digitlab/core';
import { unitWord } from '@digitlab/session';

/**
 * How often the test split is evaluated, as the words after "evaluated": 'as often as training
 * allows' (auto), 'after every epoch', 'every 10 iterations', 'once, at the end' (0).
 */
export function scheduleText(schedule: EvaluationSchedule, unit: ProgressUnit): string {
  if (schedule === 'auto') return 'as often as training allows';
  if (schedule === 0) return 'once, at the end';
  if (schedule === 1) return `after every ${unit}`;
  return `every ${schedule} ${unitWord(unit, schedule)}`;
}

/** When the first evaluation comes, for a panel still waiting for it: 'after the first epoch'. */
export function firstEvaluationText(schedule: EvaluationSchedule, unit: ProgressUnit): string {
  if (schedule === 'auto' || schedule === 1) return `after the first ${unit}`;
  if (schedule === 0) return 'when training ends';
  return `after ${schedule} ${unitWord(unit, schedule)}`;
}
