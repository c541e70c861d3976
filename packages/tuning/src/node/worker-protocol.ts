import type { DatasetArrays } from '@digitlab/datasets';
import type { TrialTask } from '../task-plan.js';
import type { TrialEvent, TuningJob } from '../trial-runner.js';
import type { PluginSource } from './plugin-source.js';

/** What a trial worker starts with: its plugin and the job (features shared, not copied). */
export interface TrialWorkerData {
  readonly source: PluginSource;
  readonly train: DatasetArrays;
  readonly job: Omit<TuningJob, 'train'>;
}

/** Messages to a trial worker. */
export type TrialWorkerRequest =
  | { readonly type: 'run'; readonly task: TrialTask }
  | { readonly type: 'abort'; readonly taskId: number };

/** Messages from a trial worker. */
export type TrialWorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'event'; readonly taskId: number; readonly event: TrialEvent }
  | { readonly type: 'done'; readonly taskId: number }
  | { readonly type: 'failed'; readonly taskId?: number; readonly message: string };
