import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedTemporaryDirectory } from '@digitlab/core/testing';
import { describe, expect, it } from 'vitest';
import { longRun, runCli, startCli } from '../test-support/run-cli.js';

interface SavedManifest {
  metadata: { training: Record<string, unknown>; metrics: Record<string, number> };
}

const root = sharedTemporaryDirectory('digitlab-interrupt-', { perTest: true });

const readManifest = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'digitlab-model.json'), 'utf8')) as SavedManifest;

describe('interrupting digitlab train', { timeout: 90_000 }, () => {
  it('Ctrl-C in plain mode stops at the next step, prints the summary, saves the model as interrupted and exits 130', async () => {
    const cli = startCli(longRun('--eval-every', '10', '--save', 'm'), { cwd: root() });
    await cli.waitFor(/^epoch\s+10\/100000 /m);
    cli.child.kill('SIGINT');
    const run = await cli.finished;
    expect(run.code).toBe(130);
    expect(run.stdout).toMatch(/cancelled after \d+ epochs/);
    const saved = run.stdout.match(
      /saved the model after (\d+) of 100000 epochs to m \(interrupted\)/,
    );
    expect(saved).not.toBeNull();
    const steps = Number(saved?.[1]);
    expect(steps).toBeGreaterThanOrEqual(10);

    const { metadata } = await readManifest(join(root(), 'm'));
    expect(metadata.training).toMatchObject({
      complete: false,
      interrupted: true,
      stopReason: 'aborted',
      totalSteps: 100000,
      unit: 'epoch',
    });
    expect(metadata.metrics.steps).toBe(steps);
    // Only the model: no temporary or half-written directory beside it.
    expect(await readdir(root())).toEqual(['m']);

    const evaluated = await runCli(['evaluate', '--model', join(root(), 'm')]);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toContain(
      `note: the model was interrupted after ${steps} of 100000 epochs: not trained to the end`,
    );
    const json = await runCli(['evaluate', '--model', join(root(), 'm'), '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ interrupted: true });
  });

  it('SIGTERM in --json mode ends with one aborted result object, exit 143, and says how to keep the model', async () => {
    const cli = startCli(longRun('--json', '--eval-every', '10'), { cwd: root() });
    await cli.waitFor(/"type":"evaluated","step":10,/, 'stderr');
    cli.child.kill('SIGTERM');
    const run = await cli.finished;
    expect(run.code).toBe(143);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(result).toMatchObject({ stop_reason: 'aborted', interrupted: true, saved_to: null });
    expect(result.iterations).toBeGreaterThanOrEqual(10);
    expect(result.note).toMatch(/the model was not saved: pass --save <dir> .* --checkpoint <dir>/);
    expect(run.stderr).toMatch(/"type":"finished","stop_reason":"aborted"/);
    expect(await readdir(root())).toEqual([]);
  });

  it('a second signal while stopping exits at once with that signal’s code', async () => {
    const cli = startCli(longRun('--eval-every', '10', '--save', 'm'), { cwd: root() });
    await cli.waitFor(/^epoch\s+10\/100000 /m);
    // Stopped, the process receives both signals when it continues, before it can wind down (the
    // save waits on the file system). Which of the two its threads take first is not fixed.
    cli.child.kill('SIGSTOP');
    cli.child.kill('SIGINT');
    cli.child.kill('SIGTERM');
    cli.child.kill('SIGCONT');
    const run = await cli.finished;
    const second = run.stderr.match(/digitlab: (SIGINT|SIGTERM) while stopping: exiting at once/);
    expect(second).not.toBeNull();
    expect(run.code).toBe(second?.[1] === 'SIGINT' ? 130 : 143);
    expect(run.stdout).not.toMatch(/saved the model/);
  });
});
