import { createRequire } from 'node:module';
import type { ClassifierPlugin, EvaluationSchedule, PluginRegistry } from '@digitlab/core';
import { AUTO_SCHEDULE, CHECKPOINT_EVERY_SECONDS, describeOptions } from '@digitlab/core';
import { IMAGE_EXTENSIONS, KNOWN_DATASETS, POLARITIES } from '@digitlab/datasets';
import { Command, InvalidArgumentError, Option } from 'commander';
import { builtinPluginSource, DEFAULT_CLASSIFIER, resolveBackend } from '../plugins.js';
import type { CliIo } from './cli-io.js';
import { runEvaluate } from './evaluate-command.js';
import {
  collectPluginOptions,
  pluginCommanderOptions,
  pluginFlags,
  solverOption,
} from './plugin-flags.js';
import { runPlugins } from './plugins-command.js';
import { runPredict } from './predict-command.js';
import { runReport } from './report-command.js';
import { classifierModuleUrl } from './resolve-classifier.js';
import { resolveResumeSettings } from './resume-settings.js';
import { runTrain } from './train-command.js';
import {
  DEFAULT_EVAL_EVERY,
  DEFAULT_PER_CLASS,
  DEFAULT_REPORT_DIR,
  DEFAULT_SAVE_DIR,
  JSON_EVAL_EVERY,
  NOTEBOOK_PRESET,
  resolveTrainSettings,
  type TrainFlags,
} from './train-settings.js';
import { runTune } from './tune-command.js';
import {
  DEFAULT_CV,
  resolveTuneSettings,
  type TuneFlags,
  tuneOptionFlags,
} from './tune-settings.js';

/** What the program needs besides argv: streams, the registry and the plugin `train` uses. */
export interface ProgramContext {
  readonly io: CliIo;
  readonly registry: PluginRegistry;
  /** The classifier `--classifier` named (already loaded), or the default one. */
  readonly trainPlugin: ClassifierPlugin;
  /** Set by the command that ran. */
  exitCode: number;
}

/**
 * The `digitlab` command line. `train`'s classifier flags are generated from the plugin's schema,
 * so the program is built after `--classifier` is known.
 */
export function createProgram(context: ProgramContext): Command {
  const { io, registry } = context;
  const program = new Command('digitlab')
    .description(
      'Train MNIST-format classifiers and watch the held-out confusion matrix live in the terminal.',
    )
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Errors are reported by main() as one line (or JSON); commander should not print them.
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true);

  const train = addTrainCommand(program, context);
  addTuneCommand(program, context);
  // evaluate and predict run the same way on a saved model: with the registry, to an exit code.
  const onSavedModel =
    <F>(run: (flags: F, registry: PluginRegistry, io: CliIo) => Promise<number>) =>
    async (flags: F): Promise<void> => {
      context.exitCode = await run(flags, registry, io);
    };

  program
    .command('evaluate')
    .description("Metrics and the confusion matrix of a saved model on a dataset's test split")
    .requiredOption('--model <dir>', 'saved model directory (from train --save or the s key)')
    .addOption(
      new Option(
        '--dataset <name>',
        'dataset to evaluate on (default: the one the model was trained on)',
      ).choices(KNOWN_DATASETS),
    )
    .option('--data-dir <dir>', 'directory holding the four IDX files instead of the bundled MNIST')
    .addOption(urlOption())
    .addOption(savedModelPluginOption())
    .option('--json', 'print one JSON object instead of text')
    .action(onSavedModel(runEvaluate));

  program
    .command('report')
    .description(
      "Write a saved model's report on a dataset's test split: report.html, figures, result.json",
    )
    .requiredOption('--model <dir>', 'saved model directory (from train --save or the s key)')
    .requiredOption(
      '--out <dir>',
      'report directory: new, empty, or an earlier report (replaced whole)',
    )
    .addOption(
      new Option(
        '--dataset <name>',
        'dataset whose test split to use (default: the one the model was trained on)',
      ).choices(KNOWN_DATASETS),
    )
    .option('--data-dir <dir>', 'directory holding the four IDX files instead of the bundled MNIST')
    .addOption(urlOption())
    .addOption(savedModelPluginOption())
    .action(onSavedModel(runReport));

  program
    .command('predict')
    .description(
      'Predict the class of each image of an IDX file (raw u8 pixels), or of image files (PNG, JPEG, WebP, GIF) normalized as MNIST was, with a saved model',
    )
    .requiredOption('--model <dir>', 'saved model directory')
    .addOption(
      new Option(
        '--input <file>',
        'IDX images file (raw or .gz), e.g. t10k-images-idx3-ubyte',
      ).conflicts('image'),
    )
    .option(
      '--image <file|dir...>',
      `image files, or directories searched recursively for ${IMAGE_EXTENSIONS.join(' ')} files; each is read as one digit`,
    )
    .addOption(
      new Option(
        '--polarity <which>',
        '--image: ink on paper (auto: read from the border)',
      ).choices(['auto', ...POLARITIES]),
    )
    .option('--show', '--image: draw each normalized digit next to its top-3 classes')
    .addOption(savedModelPluginOption())
    .option('--json', 'print one JSON object instead of one line per image')
    .action(onSavedModel(runPredict));

  program
    .command('plugins')
    .description('List the registered classifiers and their options (type, default, description)')
    .option('--classifier <module>', 'also load a classifier plugin from a module')
    .option('--json', 'print JSON instead of text')
    .action((flags: { json?: boolean }) => {
      context.exitCode = runPlugins(registry, io, flags.json === true);
    });

  program.addHelpText('after', () => {
    const others = program.commands.filter((c) => c !== train);
    return `\n${[train, ...others].map((c) => c.helpInformation()).join('\n')}`;
  });
  return program;
}

function addTrainCommand(program: Command, context: ProgramContext): Command {
  const { io, trainPlugin } = context;
  const described = new Map(describeOptions(trainPlugin.options).map((d) => [d.name, d]));
  const solver = solverOption(described.values());
  const backend = described.get('backend');
  const flags = pluginFlags(trainPlugin);
  const train = withOptions(
    program
      .command('train', { isDefault: true })
      .description(
        'Train a classifier (default command): a live dashboard in a terminal, plain lines in a pipe, JSON with --json',
      ),
    dataOptions(context.registry),
  )
    .addOption(
      new Option(
        '--preset <name>',
        `settings of a known experiment; notebook = ${NOTEBOOK_PRESET.sampling.kind === 'per-class' ? NOTEBOOK_PRESET.sampling.perClass : ''} per class, ${Object.entries(
          NOTEBOOK_PRESET.options,
        )
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')} (flags override it)`,
      ).choices(['notebook']),
    )
    .addOption(
      new Option(
        '--optimizer <name>',
        `solver (the classifier's solver option; default: ${String(solver?.default ?? 'the classifier has none')})`,
      ).choices((solver?.choices ?? []).map(String)),
    )
    .addOption(
      new Option(
        '--backend <name>',
        backend
          ? 'TensorFlow.js backend (default: wasm when it initializes, else cpu with a note)'
          : 'TensorFlow.js backend (this classifier has none)',
      ).choices((backend?.choices ?? ['cpu', 'wasm']).map(String)),
    )
    .addOption(seedOption())
    .addOption(
      new Option(
        '--eval-every <n|auto>',
        `held-out evaluation on the test split: auto = the first step, then every ${AUTO_SCHEDULE.intervalMs} ms or more while evaluating takes ≤ ${AUTO_SCHEDULE.share * 100}% of the training time; n = every n steps; 0 = only at the end; the last step always is (default: ${DEFAULT_EVAL_EVERY}; with --json: ${JSON_EVAL_EVERY})`,
      ).argParser(evaluationSchedule),
    )
    .option(
      '--save <dir>',
      `save the model there when training ends (the s key saves to it, default: ${DEFAULT_SAVE_DIR})`,
    )
    .option(
      '--report <dir>',
      `write the report (report.html, figures, result.json, history.jsonl) there when training ends (the r key writes to it, default: ${DEFAULT_REPORT_DIR})`,
    )
    .option('--json', 'no dashboard: progress as JSON lines on stderr, one result object on stdout')
    .option(
      '--checkpoint <dir>',
      `write checkpoints there (model, optimizer state and data selection, replaced atomically): every ${CHECKPOINT_EVERY_SECONDS} s of fitting or --checkpoint-every steps, when interrupted and at the end`,
    )
    .addOption(
      new Option('--checkpoint-every <n>', 'write a checkpoint after every n steps').argParser(
        integerAtLeast(1),
      ),
    )
    .option(
      '--resume <dir>',
      'continue the run a --checkpoint directory holds, with its data, classifier and options (output flags such as --save and --json may be given)',
    );
  for (const option of pluginCommanderOptions(flags, NOTEBOOK_PRESET.options)) {
    option.helpGroup(`${trainPlugin.name} options:`);
    train.addOption(option);
  }
  train.action(async (parsed: TrainFlags & Record<string, unknown>, command: Command) => {
    const interactive = io.stdout.isTTY === true && io.stdin.isTTY === true;
    const pluginFlagValues = collectPluginOptions(flags, parsed);
    const settings =
      parsed.resume === undefined
        ? await resolveTrainSettings(trainPlugin, parsed, pluginFlagValues, {
            interactive,
            resolveBackend,
          })
        : await resolveResumeSettings(
            parsed.resume,
            trainPlugin,
            context.registry,
            {
              flags: parsed,
              given: new Set(
                Object.keys(parsed).filter((key) => command.getOptionValueSource(key) === 'cli'),
              ),
              pluginFlagValues,
            },
            { interactive },
          );
    context.exitCode = await runTrain(settings, io);
  });
  return train;
}

function addTuneCommand(program: Command, context: ProgramContext): Command {
  const { io, trainPlugin } = context;
  const tune = withOptions(
    program
      .command('tune')
      .description(
        'Choose options by stratified k-fold cross-validation over a grid (e.g. --C 0.001,0.01,0.1,1,10,100 or --C logspace:-3:2:6), then refit the best and score it on the test split',
      ),
    dataOptions(context.registry),
  )
    .addOption(
      new Option('--cv <k>', `number of stratified folds (default: ${DEFAULT_CV})`).argParser(
        integerAtLeast(2),
      ),
    )
    .option('--backend <name>', 'TensorFlow.js backend of every trial (default: the classifier’s)')
    .addOption(seedOption())
    .option(
      '--report <dir>',
      'write tune-result.json and the validation curve (validation-curve.svg/.png) there',
    )
    .option('--json', 'no live view: one result object on stdout');
  for (const { option, flag } of tuneOptionFlags(trainPlugin)) {
    tune.addOption(
      new Option(
        `${flag} <values>`,
        `values of ${option} to try: a,b,c or logspace:<start>:<stop>:<n> or linspace:…; one value fixes it`,
      ).helpGroup(`${trainPlugin.name} options:`),
    );
  }
  tune.action(async (parsed: TuneFlags & Record<string, string>) => {
    const registered = context.registry.has(parsed.classifier);
    const source =
      builtinPluginSource(trainPlugin.name) ??
      (registered ? undefined : { module: classifierModuleUrl(parsed.classifier, io.cwd) });
    const settings = resolveTuneSettings(trainPlugin, parsed, parsed, {
      interactive: io.stdout.isTTY === true && io.stdin.isTTY === true,
      ...(source === undefined ? {} : { source }),
    });
    context.exitCode = await runTune(settings, io);
  });
  return tune;
}

/** The flags `train` and `tune` share: where the data comes from, how much of it, and the classifier. */
function dataOptions(registry: PluginRegistry): Option[] {
  return [
    new Option('--dataset <name>', 'dataset').choices(KNOWN_DATASETS).default('mnist'),
    new Option(
      '--data-dir <dir>',
      'directory holding the four IDX files (raw or .gz) instead of the bundled MNIST',
    ),
    urlOption(),
    new Option(
      '--per-class <n>',
      `training images per class, stratified and seeded (default: ${DEFAULT_PER_CLASS})`,
    )
      .argParser(integerAtLeast(1))
      .conflicts(['trainSize', 'full']),
    new Option('--train-size <n>', 'this many random training images')
      .argParser(integerAtLeast(1))
      .conflicts(['perClass', 'full']),
    new Option('--full', 'the whole training split').conflicts(['perClass', 'trainSize']),
    new Option(
      '--classifier <name|module>',
      `registered classifier (${registry.names().join(', ')}), or a module path / package whose default export is a ClassifierPlugin`,
    ).default(DEFAULT_CLASSIFIER),
  ];
}

/** `--seed`: of the subsample and of the classifier. */
function seedOption(): Option {
  return new Option('--seed <n>', 'seed of the subsample and of the classifier')
    .argParser(integerAtLeast(0))
    .default(0);
}

/** Adds each option to the command, in order (commander adds one at a time). */
function withOptions(command: Command, options: readonly Option[]): Command {
  for (const option of options) command.addOption(option);
  return command;
}

/** `--url`: where to download a dataset that is not bundled (cached after the first time). */
function urlOption(): Option {
  return new Option(
    '--url <url>',
    'base URL serving the four .gz IDX files, downloaded once into ~/.cache/digitlab (e.g. for Fashion-MNIST)',
  ).conflicts('dataDir');
}

/** `--classifier` of the commands that read a saved model: a module holding the plugin that saved it. */
function savedModelPluginOption(): Option {
  return new Option('--classifier <module>', 'load the plugin that saved the model from a module');
}

/** `--eval-every`: `auto` or an integer ≥ 0, with an error that says which was expected. */
function evaluationSchedule(value: string): EvaluationSchedule {
  if (value.trim() === 'auto') return 'auto';
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError(
      `expected auto or an integer ≥ 0 (0: only at the end), found ${JSON.stringify(value)}.`,
    );
  }
  return n;
}

/** An argument parser for integers ≥ min, whose error says what was expected and found. */
function integerAtLeast(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min) {
      throw new InvalidArgumentError(
        `expected an integer ≥ ${min}, found ${JSON.stringify(value)}.`,
      );
    }
    return n;
  };
}

function packageVersion(): string {
  const pkg = createRequire(import.meta.url)('../../package.json') as { version?: string };
  return pkg.version ?? '0.0.0';
}
