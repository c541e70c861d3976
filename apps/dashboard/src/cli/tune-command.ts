import { loadTrainingData } from '@digitlab/session';
import { formatParams, type TuningEvent, type TuningResult, tune } from '@digitlab/tuning';
import { workerRunner } from '@digitlab/tuning/node';
import { tuneJsonResult } from '../report/tune-json.js';
import { writeTuneReport } from '../report/tune-report.js';
import { type CliIo, writeLine } from './cli-io.js';
import { handleInterrupts } from './interrupt-signals.js';
import type { TuneSettings } from './tune-settings.js';

const SHOW_CURSOR = '\u001b[?25h';

/**
 * Cross-validate the grid in the chosen output mode, refit the best setting and score it on the
 * test split; Ctrl-C stops the trials (exit 130) with what finished. Resolves with the exit code.
 */
export async function runTune(settings: TuneSettings, io: CliIo): Promise<number> {
  const data = await loadTrainingData(settings.data);
  const controller = new AbortController();
  const tui = settings.mode === 'tui';
  const feed = tui
    ? (await import('../components/tune-dashboard/use-tune-state.js')).createTuneFeed()
    : undefined;
  const interrupts = handleInterrupts({
    onInterrupt: () => {
      controller.abort();
      feed?.push({ type: 'interrupted' });
    },
    // A second signal exits at once: give the terminal its cursor back (Ink hid it).
    ...(tui ? { beforeExit: () => io.stdout.write(SHOW_CURSOR) } : {}),
  });
  const view = feed
    ? (await import('../app/run-tune-dashboard.js')).mountTuneDashboard(feed, {
        stdout: io.stdout,
        stdin: io.stdin,
        onInterrupt: () => interrupts.interrupt('SIGINT'),
      })
    : undefined;
  const plain = settings.mode === 'plain' ? plainLines(settings, data.samplingText) : undefined;
  let result: TuningResult | undefined;
  try {
    const events = tune({
      plugin: settings.plugin,
      grid: settings.grid,
      base: settings.base,
      train: data.train,
      test: data.test,
      folds: settings.folds,
      signal: controller.signal,
      ...(settings.source === undefined
        ? {}
        : { runner: workerRunner({ source: settings.source }) }),
    });
    for await (const event of events) {
      feed?.push(event);
      const line = plain?.(event);
      if (line !== undefined) writeLine(io.stdout, line);
      if (event.type === 'finished') result = event.result;
    }
  } finally {
    await view?.close();
    interrupts.dispose();
    result?.refit?.classifier.dispose();
  }
  if (!result) throw new Error('tune ended without a result');
  const run = {
    classifier: settings.plugin.name,
    dataset: settings.data.dataset,
    numTrain: data.train.numSamples,
    folds: settings.folds,
  };
  const json = tuneJsonResult(result, run);
  if (settings.reportDir !== undefined && result.stopReason === 'completed') {
    const report = await writeTuneReport(settings.reportDir, json, run);
    if (settings.mode !== 'json') {
      writeLine(
        io.stdout,
        `report: ${report.written.join(', ')}${report.note ? ` (${report.note})` : ''}`,
      );
    }
  }
  if (settings.mode === 'json') writeLine(io.stdout, JSON.stringify(json));
  return interrupts.exitCode ?? 0;
}

/** Plain output: a line when the run starts, per setting scored, for the refit, and at the end. */
function plainLines(
  settings: TuneSettings,
  samplingText: string,
): (event: TuningEvent) => string | undefined {
  return (event) => {
    switch (event.type) {
      case 'started':
        return `tune ${event.plugin}: ${event.settings.length} settings × ${event.folds} folds on ${event.numSamples} samples (${samplingText}), ${event.concurrency} at once${event.pathOption === undefined ? '' : `, warm start along ${event.pathOption}`}`;
      case 'setting-scored':
        return `${formatParams(event.score.params).padEnd(14)} mean CV accuracy ${event.score.meanScore.toFixed(4)} ± ${event.score.stdScore.toFixed(4)}  (fit ${event.score.fitSeconds.toFixed(1)} s)`;
      case 'refit-finished':
        return `refit on all ${settings.data.sampling.kind === 'full' ? 'training' : 'sampled'} data: ${event.fitSeconds.toFixed(1)} s${event.testAccuracy === undefined ? '' : `, test accuracy ${event.testAccuracy.toFixed(4)}`}`;
      case 'finished': {
        const { best, stopReason, wallSeconds } = event.result;
        const head = stopReason === 'aborted' ? 'stopped by an interrupt; ' : '';
        return `${head}best ${best ? `${formatParams(best.params)}: mean CV accuracy ${best.meanScore.toFixed(4)} ± ${best.stdScore.toFixed(4)}` : 'none (no setting finished)'}; wall ${wallSeconds.toFixed(1)} s`;
      }
      default:
        return undefined;
    }
  };
}
