import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from './session-events.js';
import type { ReportWriter, SessionSnapshot } from './session-snapshot.js';
import { imageSplits, recordedSession } from './test-support/recorded-session.js';
import { until } from './test-support/wait-until.js';
import type { TrainingSessionConfig } from './training-session.js';

/** A report writer that keeps what it was given. */
function recordingWriter() {
  const snapshots: { snapshot: SessionSnapshot; dir: string }[] = [];
  const write: ReportWriter = async (snapshot, dir) => {
    snapshots.push({ snapshot, dir });
    return { path: `${dir}/report.html`, note: 'figures: none' };
  };
  return { snapshots, write };
}

const session = (options: Record<string, unknown>, extra: Partial<TrainingSessionConfig> = {}) =>
  recordedSession(options, { loadData: async () => imageSplits(), ...extra });

const reportEvents = (events: SessionEvent[]) =>
  events.filter(
    (e) => e.type === 'reporting' || e.type === 'reported' || e.type === 'reportFailed',
  );

describe('TrainingSession reports', () => {
  it('after training, hands the writer the finished run: outcome, evaluation, probabilities, history, images', async () => {
    const writer = recordingWriter();
    const { s, events } = session({ maxIter: 12 }, { report: { dir: 'out', write: writer.write } });
    const result = await s.run();
    const written = await s.reportTo('there');
    expect(written).toEqual({ path: 'there/report.html', note: 'figures: none' });
    expect(reportEvents(events)).toEqual([
      { type: 'reporting', dir: 'there' },
      { type: 'reported', dir: 'there', path: 'there/report.html', note: 'figures: none' },
    ]);
    const { snapshot } = writer.snapshots[0] ?? {};
    if (!snapshot) throw new Error('expected the writer to be called');
    expect(snapshot.finished).toBe(true);
    expect(snapshot.outcome).toEqual(result.outcome);
    expect(snapshot.info).toBe(result.info);
    // The latest evaluation is of the final parameters: its predictions are reused.
    expect(snapshot.evaluation.accuracy).toBe(result.evaluation?.accuracy);
    expect(snapshot.evaluation.counts).toEqual(result.evaluation?.counts);
    const { test } = result;
    expect(snapshot.heldOut.step).toBe(12);
    expect(snapshot.heldOut.labels).toBe(test.labels);
    expect(snapshot.heldOut.probabilities).toHaveLength(test.numSamples * test.numClasses);
    for (let i = 0; i < test.numSamples; i++) {
      const row = Array.from(snapshot.heldOut.probabilities.subarray(i * 10, (i + 1) * 10));
      expect(row.indexOf(Math.max(...row))).toBe(snapshot.heldOut.predictions[i]);
    }
    expect(snapshot.history.map((p) => p.step)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    const evaluatedSteps = snapshot.history.flatMap((p) =>
      p.testAccuracy === undefined ? [] : [p.step],
    );
    expect(evaluatedSteps).toEqual([5, 10, 12]);
    expect(snapshot.history.at(-1)?.testAccuracy).toBe(result.evaluation?.accuracy);
    expect(snapshot.imageSets[0]).toMatchObject({ name: 'coefficients', shape: [3, 4] });
    expect(snapshot.savedTo).toBeUndefined();
    s.dispose();
  });

  it('r while training writes the state between two steps, as a run in progress, and training goes on', async () => {
    const writer = recordingWriter();
    const { s, events } = session(
      { maxIter: 300, stepDelayMs: 2 },
      { evalEvery: 1000, report: { dir: 'live-report', write: writer.write } },
    );
    const run = s.run();
    await until(() => events.filter((e) => e.type === 'progress').length >= 3);
    s.requestReport();
    await until(() => events.some((e) => e.type === 'reported'));
    await s.cancel();
    await run;
    const { snapshot, dir } = writer.snapshots[0] ?? {};
    if (!snapshot) throw new Error('expected the writer to be called');
    expect(dir).toBe('live-report');
    expect(snapshot.finished).toBe(false);
    const step = snapshot.history.at(-1)?.step ?? 0;
    expect(step).toBeGreaterThanOrEqual(3);
    expect(snapshot.outcome).toMatchObject({
      stopReason: 'in-progress',
      converged: false,
      steps: step,
      message: `in progress: ${step} of 300 iterations so far`,
    });
    // No evaluation was due yet (every 1000 steps): the snapshot evaluated the current parameters.
    expect(snapshot.heldOut.step).toBe(step);
    expect(snapshot.evaluation.step).toBe(step);
    let correct = 0;
    snapshot.heldOut.predictions.forEach((p, i) => {
      if (p === snapshot.heldOut.labels[i]) correct++;
    });
    expect(snapshot.evaluation.accuracy).toBe(correct / snapshot.heldOut.labels.length);
    expect(snapshot.outcome.testAccuracy).toBe(snapshot.evaluation.accuracy);
    // Training went on after the report.
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThan(step);
    s.dispose();
  });

  it('says where the model was saved, so the result can say so too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'digitlab-session-report-'));
    try {
      const writer = recordingWriter();
      const { s, events } = session(
        { maxIter: 3 },
        { report: { dir: 'out', write: writer.write } },
      );
      await s.run();
      await s.saveTo(join(dir, 'model'));
      await s.reportTo('out');
      expect(writer.snapshots[0]?.snapshot.savedTo).toBe(join(dir, 'model'));
      // Asked for one after the other once training is over, they run in that order.
      s.requestSave(join(dir, 'again'));
      s.requestReport();
      await until(() => events.filter((e) => e.type === 'reported').length === 2);
      expect(writer.snapshots[1]?.snapshot.savedTo).toBe(join(dir, 'again'));
      s.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a failure as an event: nothing trained yet, no writer, or the writer failing', async () => {
    const failing: ReportWriter = async () => {
      throw new Error('out: expected a directory, found a file');
    };
    const early = session({ maxIter: 3 }, { report: { dir: 'out', write: failing } });
    early.s.requestReport();
    expect(reportEvents(early.events)).toEqual([
      {
        type: 'reportFailed',
        dir: 'out',
        message: 'nothing to report yet: training has not started',
      },
    ]);

    const none = session({ maxIter: 3 });
    await none.s.run();
    none.s.requestReport();
    expect(reportEvents(none.events)).toEqual([
      { type: 'reportFailed', dir: '', message: 'this session has no report writer' },
    ]);
    await expect(none.s.reportTo('x')).rejects.toThrow('this session has no report writer');
    none.s.dispose();

    await early.s.run();
    early.s.requestReport();
    await until(() => early.events.filter((e) => e.type === 'reportFailed').length === 2);
    expect(reportEvents(early.events).slice(1)).toEqual([
      { type: 'reporting', dir: 'out' },
      { type: 'reportFailed', dir: 'out', message: 'out: expected a directory, found a file' },
    ]);
    early.s.dispose();
  });
});
