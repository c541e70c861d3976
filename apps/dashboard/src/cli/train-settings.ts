import {
  type ClassifierPlugin,
  describeOptions,
  type EvaluationSchedule,
  type FitCheckpoint,
  type OptionDescription,
} from '@digitlab/core';
import type { KnownDatasetName } from '@digitlab/datasets';
import type { DataRequest, Sampling } from '@digitlab/session';
import { UsageError } from '../errors.js';
import { solverOption, validatePluginOptions } from './plugin-flags.js';

/** The flags `train` and `tune` share: where the data comes from, how much of it, the classifier. */
export interface DataFlags {
  readonly dataset: KnownDatasetName;
  readonly dataDir?: string;
  readonly url?: string;
  readonly perClass?: number;
  readonly trainSize?: number;
  readonly full?: boolean;
  readonly classifier: string;
}

/** The app's own `train` flags as commander parsed them (plugin flags are separate). */
export interface TrainFlags extends DataFlags {
  readonly preset?: 'notebook';
  readonly optimizer?: string;
  readonly backend?: string;
  readonly seed?: number;
  readonly evalEvery?: EvaluationSchedule;
  readonly save?: string;
  readonly report?: string;
  readonly json?: boolean;
  readonly checkpoint?: string;
  readonly checkpointEvery?: number;
  readonly resume?: string;
}

/** How the run reports: the live dashboard, plain lines, or one JSON object. */
export type OutputMode = 'tui' | 'plain' | 'json';

/** Everything `train` needs, resolved from flags, preset, plugin defaults and the terminal. */
export interface TrainSettings {
  readonly plugin: ClassifierPlugin;
  /** Validated plugin options. */
  readonly options: Record<string, unknown>;
  readonly data: DataRequest;
  /** When the test split is evaluated while training (the last step always is). */
  readonly evalEvery: EvaluationSchedule;
  readonly saveDir: string;
  /** `--save` was given: save when training ends, not only on `s`. */
  readonly saveAtEnd: boolean;
  /** Where `--report` and the `r` key write the report. */
  readonly reportDir: string;
  /** `--report` was given: write the report when training ends, not only on `r`. */
  readonly reportAtEnd: boolean;
  readonly backend: string;
  readonly backendNote?: string;
  readonly mode: OutputMode;
  /** `--checkpoint`: where checkpoints go, and every how many steps (else by time). */
  readonly checkpoint?: CheckpointSettings;
  /** `--resume`: the checkpoint whose fit this run continues. */
  readonly resume?: FitCheckpoint;
}

/** Where and how often `train` writes checkpoints. */
export interface CheckpointSettings {
  readonly dir: string;
  readonly every?: number;
}

/** `--preset notebook`: the scikit-learn notebook this dashboard mirrors. */
export const NOTEBOOK_PRESET = {
  sampling: { kind: 'per-class', perClass: 1000 } as Sampling,
  options: { solver: 'lbfgs', C: 1, maxIter: 500 } as Readonly<Record<string, unknown>>,
};

/** Samples per class when no sampling flag is given: the notebook's size, quick on a laptop. */
export const DEFAULT_PER_CLASS = 1000;
/** Held-out evaluation schedule of the dashboard and plain output: by time (core's AUTO_SCHEDULE). */
export const DEFAULT_EVAL_EVERY: EvaluationSchedule = 'auto';
/** `--json` evaluates once, at the end, unless asked for more, so fitting runs undisturbed. */
export const JSON_EVAL_EVERY: EvaluationSchedule = 0;
/** Where `s` saves when `--save` is not given. */
export const DEFAULT_SAVE_DIR = './digitlab-model';
/** Where `r` writes the report when `--report` is not given. */
export const DEFAULT_REPORT_DIR = './digitlab-report';

/** A backend request resolved: the backend that runs, and why it is not the one asked for. */
export interface BackendResolution {
  readonly backend: string;
  readonly note?: string;
}

/** Inputs besides the flags: the terminal, and who resolves a backend's `auto`. */
export interface TrainEnvironment {
  readonly interactive: boolean;
  /** The one owner of `auto` (the backend library's policy); without it, `auto` means cpu. */
  readonly resolveBackend?: (choice: 'auto') => Promise<BackendResolution>;
}

/**
 * Merge plugin defaults < preset < flags, check the combination, and choose the backend: an explicit
 * `--backend` as given, otherwise `auto` as `env.resolveBackend` resolves it.
 */
export async function resolveTrainSettings(
  plugin: ClassifierPlugin,
  flags: TrainFlags,
  pluginFlagValues: Readonly<Record<string, unknown>>,
  env: TrainEnvironment,
): Promise<TrainSettings> {
  const described = new Map(describeOptions(plugin.options).map((d) => [d.name, d]));
  const raw: Record<string, unknown> = {};
  if (flags.preset === 'notebook') {
    // A preset is written for softmax regression; another plugin takes the parts that fit it.
    for (const [name, value] of Object.entries(NOTEBOOK_PRESET.options)) {
      if (described.has(name) && acceptsValue(plugin, name, value)) raw[name] = value;
    }
  }
  Object.assign(raw, pluginFlagValues);
  if (flags.optimizer !== undefined) {
    const solver = solverOption(described.values());
    if (!solver) {
      throw new UsageError(
        `--optimizer: classifier '${plugin.name}' has no solver option, so --optimizer ${flags.optimizer} does not apply`,
      );
    }
    raw[solver.name] = flags.optimizer;
  }
  const seed = flags.seed ?? 0;
  if (described.has('seed')) raw.seed = seed;

  let backend = 'built in';
  let backendNote: string | undefined;
  const backendOption = described.get('backend');
  if (backendOption) {
    ({ backend, note: backendNote } = await chooseBackend(backendOption, flags.backend, env));
    raw.backend = backend;
  } else if (flags.backend !== undefined) {
    throw new UsageError(
      `--backend: classifier '${plugin.name}' has no backend option, so --backend ${flags.backend} does not apply`,
    );
  }
  const options = validatePluginOptions(plugin, raw);
  const checkpoint = checkpointSettings(flags, undefined);

  const mode = outputMode(flags, env.interactive);
  const evalEvery = flags.evalEvery ?? (mode === 'json' ? JSON_EVAL_EVERY : DEFAULT_EVAL_EVERY);
  return {
    plugin,
    options,
    data: dataRequest(flags, seed),
    evalEvery,
    saveDir: flags.save ?? DEFAULT_SAVE_DIR,
    saveAtEnd: flags.save !== undefined,
    reportDir: flags.report ?? DEFAULT_REPORT_DIR,
    reportAtEnd: flags.report !== undefined,
    backend,
    ...(backendNote === undefined ? {} : { backendNote }),
    mode,
    ...(checkpoint === undefined ? {} : { checkpoint }),
  };
}

/** The data request `train` and `tune` make of their data flags: one sampling, at most one source. */
export function dataRequest(flags: DataFlags, seed: number): DataRequest {
  const sampling: Sampling =
    flags.full === true
      ? { kind: 'full' }
      : flags.trainSize !== undefined
        ? { kind: 'train-size', size: flags.trainSize }
        : { kind: 'per-class', perClass: flags.perClass ?? DEFAULT_PER_CLASS };
  return {
    dataset: flags.dataset,
    ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
    ...(flags.url === undefined ? {} : { url: flags.url }),
    sampling,
    seed,
  };
}

/**
 * `--checkpoint` and `--checkpoint-every`: where checkpoints go (a resumed run keeps writing to
 * the checkpoint it continues, `resumedFrom`, unless told otherwise).
 */
export function checkpointSettings(
  flags: Pick<TrainFlags, 'checkpoint' | 'checkpointEvery'>,
  resumedFrom: string | undefined,
): CheckpointSettings | undefined {
  const dir = flags.checkpoint ?? resumedFrom;
  if (dir === undefined) {
    if (flags.checkpointEvery !== undefined) {
      throw new UsageError(
        `--checkpoint-every ${flags.checkpointEvery}: expected --checkpoint <dir> to say where checkpoints go, found none`,
      );
    }
    return undefined;
  }
  return { dir, ...(flags.checkpointEvery === undefined ? {} : { every: flags.checkpointEvery }) };
}

/** The mode a run reports in: JSON when asked, the dashboard in a terminal, else plain lines. */
export function outputMode(flags: Pick<TrainFlags, 'json'>, interactive: boolean): OutputMode {
  return flags.json ? 'json' : interactive ? 'tui' : 'plain';
}

/**
 * An explicit backend is passed on as it is. `auto` (or no flag) is resolved once, here, by the
 * backend library's own policy, and the plugin gets the answer: the header, the JSON and the saved
 * metadata then name the backend that runs, with the library's note when it fell back.
 */
async function chooseBackend(
  option: OptionDescription,
  flag: string | undefined,
  env: TrainEnvironment,
): Promise<BackendResolution> {
  if (flag !== undefined && flag !== 'auto') return { backend: flag };
  const choices = (option.choices ?? []).map(String);
  if (env.resolveBackend && choices.includes('wasm') && choices.includes('cpu')) {
    return env.resolveBackend('auto');
  }
  return {
    backend: choices.includes('cpu') ? 'cpu' : String(option.default ?? choices[0] ?? 'cpu'),
  };
}

function acceptsValue(plugin: ClassifierPlugin, name: string, value: unknown): boolean {
  const result = plugin.options.safeParse({ [name]: value });
  return result.success || !result.error.issues.some((issue) => issue.path[0] === name);
}
