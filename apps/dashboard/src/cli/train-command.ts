import { type SessionEvent, type SessionResult, TrainingSession } from '@digitlab/session';
import { createEvaluationThrottle } from '../report/evaluation-throttle.js';
import { finalTrainingReport } from '../report/final-report.js';
import { trainJsonResult } from '../report/json-result.js';
import { plainReporter } from '../report/plain-reporter.js';
import { writeTrainReport } from '../report/train-report.js';
import { type CliIo, writeLine } from './cli-io.js';
import { handleInterrupts } from './interrupt-signals.js';
import { interruptedModelLine, resumeLine, stepsReached } from './interrupted-run.js';
import { EXIT_FAILURE, errorText } from './report-error.js';
import { checkReportTarget } from './report-target.js';
import { checkpointRun } from './resume-settings.js';
import type { TrainSettings } from './train-settings.js';

/** Train with resolved settings in the chosen output mode; resolves with the exit code. */
export async function runTrain(settings: TrainSettings, io: CliIo): Promise<number> {
  // A report that could not be written at the end should fail now, not after training.
  if (settings.reportAtEnd) await checkReportTarget(settings.reportDir, '--report');
  const session = new TrainingSession({
    plugin: settings.plugin,
    options: settings.options,
    data: settings.data,
    evalEvery: settings.evalEvery,
    saveDir: settings.saveDir,
    report: { dir: settings.reportDir, write: writeTrainReport },
    backend: settings.backend,
    ...(settings.backendNote === undefined ? {} : { backendNote: settings.backendNote }),
    trackTrainAccuracy: settings.mode !== 'json',
    // Only the dashboard draws the weights and the wrong digits (keys w and m).
    liveImages: settings.mode === 'tui',
    ...(settings.checkpoint === undefined
      ? {}
      : { checkpoint: { ...settings.checkpoint, run: { ...checkpointRun(settings) } } }),
    ...(settings.resume === undefined ? {} : { resume: settings.resume }),
  });
  let total: number | undefined;
  // The last checkpoint written, to say how to resume an interrupted run.
  let checkpointed: { dir: string; step: number } | undefined;
  session.subscribe((event) => {
    if (event.type === 'started') total = event.total;
    if (event.type === 'checkpointed') checkpointed = { dir: event.dir, step: event.step };
  });
  /** After an interrupt: save the model as it stands when --save asked for it, and say so. */
  const keepInterrupted = async (result: SessionResult): Promise<InterruptedModel> => {
    const at = { steps: result.outcome.steps, unit: result.info.unit, ...defined({ total }) };
    if (settings.saveAtEnd && at.steps > 0) {
      const error = await saveFailure(session, settings.saveDir);
      if (error !== undefined) {
        const line = `interrupted after ${stepsReached(at)}; could not save the model: ${error}`;
        return { savedTo: undefined, lines: [line] };
      }
    }
    const savedTo = settings.saveAtEnd && at.steps > 0 ? settings.saveDir : undefined;
    if (checkpointed !== undefined) {
      const resume = resumeLine(checkpointed, { ...at, steps: checkpointed.step });
      return {
        savedTo,
        lines: savedTo ? [interruptedModelLine(at, savedTo), resume] : [resume],
      };
    }
    return { savedTo, lines: [interruptedModelLine(at, savedTo)] };
  };
  if (settings.mode === 'tui') {
    if (settings.saveAtEnd || settings.reportAtEnd) {
      session.subscribe((event) => {
        if (event.type !== 'finished' || event.outcome.stopReason === 'aborted') return;
        // In this order, so the report says where the model went.
        if (settings.saveAtEnd) session.requestSave();
        if (settings.reportAtEnd) session.requestReport();
      });
    }
    // Ink and React take a second to load on a small machine; only the dashboard needs them.
    const { runDashboard } = await import('../app/run-dashboard.js');
    const run = await runDashboard(session, {
      saveDir: settings.saveDir,
      stdout: io.stdout,
      stdin: io.stdin,
      afterInterrupt: async (result) => (await keepInterrupted(result)).lines,
    });
    return run.exitCode;
  }

  // Without the dashboard, Ctrl-C or SIGTERM still stops training cleanly and reports what was
  // reached; a second one exits at once.
  const interrupts = handleInterrupts({ onInterrupt: () => void session.cancel() });
  let saveError: string | undefined;
  /** What an interrupt kept, or else the save and report the flags asked for. */
  const afterRun = async (result: Parameters<typeof keepInterrupted>[0]) => {
    if (interrupts.signal !== undefined) return keepInterrupted(result);
    if (settings.saveAtEnd) saveError = await saveFailure(session, settings.saveDir);
    if (settings.reportAtEnd) await session.reportTo(settings.reportDir);
    return undefined;
  };
  try {
    if (settings.mode === 'plain') {
      session.subscribe(plainReporter((line) => writeLine(io.stdout, line)));
      const result = await session.run();
      const kept = await afterRun(result);
      io.stdout.write(
        `\n${finalTrainingReport(result.outcome, result.evaluation, result.info.classNames, result.info.unit, result.info.evaluationsUnit)}`,
      );
      for (const line of kept?.lines ?? []) writeLine(io.stdout, line);
      if (saveError !== undefined) writeLine(io.stderr, `digitlab: error: ${saveError}`);
    } else {
      // A long evaluation adds a line a second at most, never one per batch.
      const due = createEvaluationThrottle();
      const trainDue = createEvaluationThrottle();
      session.subscribe((event) => {
        if (event.type === 'evaluating' && !due(event.progress)) return;
        if (event.type === 'measuringTrainAccuracy' && !trainDue(event.progress)) return;
        const line = jsonProgressLine(event);
        if (line !== undefined) writeLine(io.stderr, line);
      });
      const result = await session.run();
      // Saved and reported before the result, so a failed report leaves stdout one object too.
      const kept = await afterRun(result);
      const savedTo = kept
        ? kept.savedTo
        : settings.saveAtEnd && saveError === undefined
          ? settings.saveDir
          : undefined;
      const json = trainJsonResult(result, savedTo);
      // A failed save still gives the result, with the error beside it: one object on stdout.
      writeLine(
        io.stdout,
        JSON.stringify({
          ...json,
          ...(kept
            ? {
                interrupted: true,
                note: kept.lines.join(' '),
                checkpoint: checkpointed?.dir ?? null,
              }
            : {}),
          ...(saveError === undefined ? {} : { error: saveError }),
        }),
      );
    }
    return saveError !== undefined ? EXIT_FAILURE : (interrupts.exitCode ?? 0);
  } finally {
    interrupts.dispose();
    session.dispose();
  }
}

/**
 * Save at the end of a run; a failure (read-only or full location, …) is returned as its message,
 * not thrown, so the training result is still printed before the command fails.
 */
async function saveFailure(session: TrainingSession, dir: string): Promise<string | undefined> {
  return session.saveTo(dir).then(
    () => undefined,
    (error: unknown) => errorText(error),
  );
}

/** What an interrupted run did with its model. */
interface InterruptedModel {
  readonly savedTo: string | undefined;
  /** What to tell the user: where the model went (or how to keep it), where the checkpoint is. */
  readonly lines: readonly string[];
}

/** Drop undefined fields, so optional properties stay absent. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/** A session event as one JSON line for stderr in `--json` mode (snake_case, no typed arrays). */
export function jsonProgressLine(event: SessionEvent): string | undefined {
  switch (event.type) {
    case 'loading':
      return JSON.stringify({ type: 'loading', message: event.message });
    case 'started':
      return JSON.stringify({
        type: 'started',
        dataset: event.info.dataset,
        n_train: event.info.nTrain,
        n_test: event.info.nTest,
        classifier: event.info.classifier,
        optimizer: event.info.optimizer ?? null,
        backend: event.info.backend,
        unit: event.unit,
        total: event.total ?? null,
      });
    case 'progress': {
      const p = event.point;
      return JSON.stringify({
        type: 'progress',
        step: p.step,
        total: p.total ?? null,
        evaluations: p.evaluations ?? null,
        objective: p.objective ?? null,
        gradient_norm: p.gradientNorm ?? null,
        train_accuracy: p.trainAccuracy ?? null,
        elapsed_ms: p.elapsedMs,
      });
    }
    case 'evaluating':
      return JSON.stringify({
        type: 'evaluating',
        step: event.progress.step,
        done: event.progress.done,
        total: event.progress.total,
        elapsed_ms: event.progress.elapsedMs,
      });
    case 'measuringTrainAccuracy':
      return JSON.stringify({
        type: 'measuring_train_accuracy',
        step: event.progress.step,
        done: event.progress.done,
        total: event.progress.total,
        elapsed_ms: event.progress.elapsedMs,
      });
    case 'evaluated':
      return JSON.stringify({
        type: 'evaluated',
        step: event.summary.step,
        test_accuracy: event.summary.accuracy,
      });
    case 'saved':
      return JSON.stringify({ type: 'saved', dir: event.dir });
    case 'checkpointed':
      return JSON.stringify({
        type: 'checkpoint',
        dir: event.dir,
        step: event.step,
        complete: event.complete,
      });
    case 'checkpointFailed':
      return JSON.stringify({ type: 'checkpoint_failed', dir: event.dir, message: event.message });
    case 'reported':
      return JSON.stringify({
        type: 'reported',
        dir: event.dir,
        path: event.path,
        note: event.note ?? null,
      });
    case 'finished':
      return JSON.stringify({
        type: 'finished',
        stop_reason: event.outcome.stopReason,
        steps: event.outcome.steps,
      });
    default:
      return undefined;
  }
}
