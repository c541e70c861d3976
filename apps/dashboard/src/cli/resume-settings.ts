import { join, resolve } from 'node:path';
import {
  CHECKPOINT_FILE,
  type ClassifierPlugin,
  describeOptions,
  type EvaluationSchedule,
  type PluginRegistry,
} from '@digitlab/core';
import { loadCheckpoint } from '@digitlab/core/node';
import type { DataRequest, Sampling } from '@digitlab/session';
import { UsageError } from '../errors.js';
import { pluginFlags, solverOption, validatePluginOptions } from './plugin-flags.js';
import {
  checkpointSettings,
  DEFAULT_REPORT_DIR,
  DEFAULT_SAVE_DIR,
  outputMode,
  type TrainEnvironment,
  type TrainFlags,
  type TrainSettings,
} from './train-settings.js';

/** What `train --checkpoint` records beside the fit: how the data and the classifier were chosen. */
export interface CheckpointRun {
  readonly classifier: string;
  readonly data: DataRequest;
  readonly evalEvery: EvaluationSchedule;
  /** The validated plugin options. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** The run record of `settings`, with a data directory made absolute (resume may run elsewhere). */
export function checkpointRun(settings: TrainSettings): CheckpointRun {
  const { data } = settings;
  return {
    classifier: settings.plugin.name,
    data: data.dataDir === undefined ? data : { ...data, dataDir: resolve(data.dataDir) },
    evalEvery: settings.evalEvery,
    options: settings.options,
  };
}

/** The flags of `train --resume` as the command line gave them: values, and which were typed. */
export interface ResumeFlags {
  readonly flags: TrainFlags;
  /** Names (commander attribute names) of the options given on the command line. */
  readonly given: ReadonlySet<string>;
  /** Plugin option values given as flags, by option name. */
  readonly pluginFlagValues: Readonly<Record<string, unknown>>;
}

/**
 * Settings of `train --resume <dir>`: the data, classifier and options the checkpoint's run used,
 * with the output flags of this command line (--save, --json, --report, --eval-every,
 * --checkpoint…). A flag that contradicts the checkpoint is a UsageError naming it.
 */
export async function resolveResumeSettings(
  dir: string,
  trainPlugin: ClassifierPlugin,
  registry: PluginRegistry,
  { flags, given, pluginFlagValues }: ResumeFlags,
  env: Pick<TrainEnvironment, 'interactive'>,
): Promise<TrainSettings> {
  const checkpoint = await loadCheckpoint(dir);
  const run = readRun(checkpoint.run, join(dir, CHECKPOINT_FILE));
  if (checkpoint.complete) {
    const training = checkpoint.artifact.metadata.training;
    throw new UsageError(
      `--resume ${dir}: expected a checkpoint of an unfinished run, found one that ended (${String(training?.stopReason)} after ${checkpoint.step} ${checkpoint.unit}s); its model can be evaluated: digitlab evaluate --model ${dir}`,
    );
  }
  const problems: string[] = [];
  const differs = (flag: string, value: unknown, saved: unknown): void => {
    if (JSON.stringify(value) !== JSON.stringify(saved)) {
      problems.push(`${flag} ${format(value)} (the checkpoint has ${format(saved)})`);
    }
  };
  let plugin = trainPlugin;
  if (plugin.name !== run.classifier) {
    if (given.has('classifier')) differs('--classifier', plugin.name, run.classifier);
    else if (!registry.has(run.classifier)) {
      throw new UsageError(
        `--resume ${dir}: the checkpoint was written by classifier '${run.classifier}', which is not registered (registered: ${registry.names().join(', ')}); pass --classifier MODULE to load it`,
      );
    } else {
      plugin = registry.get(run.classifier);
      for (const option of Object.keys(pluginFlagValues)) {
        problems.push(`a flag of classifier '${trainPlugin.name}' (${option})`);
      }
    }
  }
  if (given.has('preset')) problems.push('--preset (the checkpoint holds the settings)');
  const data = run.data;
  if (given.has('dataset')) differs('--dataset', flags.dataset, data.dataset);
  if (given.has('dataDir')) differs('--data-dir', resolve(flags.dataDir ?? ''), data.dataDir);
  if (given.has('url')) differs('--url', flags.url, data.url);
  if (given.has('seed')) differs('--seed', flags.seed, data.seed);
  const sampling: Sampling | undefined = given.has('full')
    ? { kind: 'full' }
    : given.has('trainSize')
      ? { kind: 'train-size', size: flags.trainSize as number }
      : given.has('perClass')
        ? { kind: 'per-class', perClass: flags.perClass as number }
        : undefined;
  if (sampling) differs('the sampling', samplingText(sampling), samplingText(data.sampling));
  const described = describeOptions(plugin.options);
  if (given.has('optimizer')) {
    const solver = solverOption(described.values());
    differs('--optimizer', flags.optimizer, solver ? run.options[solver.name] : undefined);
  }
  if (given.has('backend') && flags.backend !== 'auto') {
    differs('--backend', flags.backend, run.options.backend);
  }
  if (plugin === trainPlugin) {
    for (const f of pluginFlags(plugin)) {
      if (f.option in pluginFlagValues) {
        differs(f.flag, pluginFlagValues[f.option], run.options[f.option]);
      }
    }
  }
  if (problems.length > 0) {
    throw new UsageError(
      `--resume ${dir}: ${problems.join('; ')} contradict${problems.length === 1 ? 's' : ''} the checkpoint; leave ${problems.length === 1 ? 'it' : 'them'} out to continue its run as it was, or start a new run without --resume`,
    );
  }
  const options = validatePluginOptions(plugin, run.options);
  const backend = typeof options.backend === 'string' ? options.backend : 'built in';
  const checkpointing = checkpointSettings(flags, dir);
  return {
    plugin,
    options,
    data,
    evalEvery: flags.evalEvery ?? run.evalEvery,
    saveDir: flags.save ?? DEFAULT_SAVE_DIR,
    saveAtEnd: flags.save !== undefined,
    reportDir: flags.report ?? DEFAULT_REPORT_DIR,
    reportAtEnd: flags.report !== undefined,
    backend,
    mode: outputMode(flags, env.interactive),
    ...(checkpointing === undefined ? {} : { checkpoint: checkpointing }),
    resume: checkpoint,
  };
}

/** The run record of a checkpoint, checked enough to train with; else a UsageError naming the file. */
function readRun(run: unknown, file: string): CheckpointRun {
  const r = run as Partial<CheckpointRun> | undefined;
  const data = r?.data as Partial<DataRequest> | undefined;
  if (
    typeof r?.classifier !== 'string' ||
    typeof r.options !== 'object' ||
    r.options === null ||
    typeof data?.dataset !== 'string' ||
    typeof data.sampling !== 'object' ||
    typeof data.seed !== 'number'
  ) {
    throw new UsageError(
      `${file}: expected the "run" that train --checkpoint records (classifier, options, data), found ${JSON.stringify(run)?.slice(0, 80) ?? 'none'}`,
    );
  }
  return { evalEvery: 'auto', ...r } as CheckpointRun;
}

function samplingText(s: Sampling): string {
  return s.kind === 'full'
    ? '--full'
    : s.kind === 'train-size'
      ? `--train-size ${s.size}`
      : `--per-class ${s.perClass}`;
}

function format(value: unknown): string {
  if (value === undefined) return "the plugin's default";
  return typeof value === 'string' ? value : JSON.stringify(value);
}
