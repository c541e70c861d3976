import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedTemporaryDirectory } from '@digitlab/core/testing';
import { describe, expect, it } from 'vitest';
import { expectOneLineError } from '../test-support/expect-one-line-error.js';
import { longRun, runCli, startCli } from '../test-support/run-cli.js';

interface TrainJson {
  objective: number;
  iterations: number;
  stop_reason: string;
  test_accuracy: number;
}

const parse = (stdout: string) => JSON.parse(stdout.trim()) as TrainJson;

/** Trains with `args` and a checkpoint every 25 steps, and kills it (SIGKILL) after the first. */
async function killedAfterFirstCheckpoint(args: string[], dir: string, cwd: string) {
  const cli = startCli([...args, '--checkpoint', dir, '--checkpoint-every', '25'], { cwd });
  await cli.waitFor(/"type":"checkpoint","dir":"[^"]+","step":25,"complete":false/, 'stderr');
  cli.child.kill('SIGKILL');
  const run = await cli.finished;
  expect(run.code).toBeNull();
}

const root = sharedTemporaryDirectory('digitlab-checkpoint-');

describe('train --checkpoint and --resume', { timeout: 120_000 }, () => {
  // Enough steps that the run is still going when the kill arrives after step 25.
  const sgd = ['train', '--json', '--per-class', '20', '--optimizer', 'sgd', '--epochs', '400'];
  const lbfgs = ['train', '--json', '--per-class', '20', '--max-iter', '400', '--tol', '1e-9'];

  it.each([
    ['sgd (momentum, seeded shuffles)', sgd],
    ['lbfgs', lbfgs],
  ])(
    '%s killed with SIGKILL after a checkpoint and resumed ends with the uninterrupted run’s model',
    async (name, base) => {
      const args = [...base, '--backend', 'cpu'];
      const dir = join(root(), `killed-${name.split(' ')[0]}`);
      const reference = await runCli([...args, '--save', join(dir, 'reference')]);
      expect(reference.code).toBe(0);
      await killedAfterFirstCheckpoint(args, join(dir, 'c'), root());
      const resumed = await runCli([
        'train',
        '--resume',
        join(dir, 'c'),
        '--json',
        '--save',
        join(dir, 'resumed'),
      ]);
      expect(resumed.code).toBe(0);
      const a = parse(reference.stdout);
      const b = parse(resumed.stdout);
      expect(b.iterations).toBe(a.iterations);
      expect(b.stop_reason).toBe(a.stop_reason);
      expect(Math.abs(b.objective - a.objective) / a.objective).toBeLessThanOrEqual(1e-9);
      expect(b.test_accuracy).toBe(a.test_accuracy);
      // The very same parameters: the saved weights are byte for byte the uninterrupted run's.
      const weights = (run: string) => readFile(join(dir, run, 'weights.bin'));
      expect(Buffer.compare(await weights('resumed'), await weights('reference'))).toBe(0);
      // The resumed run went on writing the checkpoint, to its end.
      const checkpoint = JSON.parse(await readFile(join(dir, 'c', 'checkpoint.json'), 'utf8'));
      expect(checkpoint).toMatchObject({ complete: true, step: a.iterations });
    },
  );

  it('Ctrl-C writes a checkpoint of the step reached and says how to resume it', async () => {
    const dir = join(root(), 'interrupted');
    const cli = startCli(longRun('--eval-every', '10', '--checkpoint', dir), { cwd: root() });
    await cli.waitFor(/^epoch\s+10\/100000 /m);
    cli.child.kill('SIGINT');
    const run = await cli.finished;
    expect(run.code).toBe(130);
    const line = run.stdout.match(
      /checkpoint after (\d+) of 100000 epochs in (\S+): continue it with digitlab train --resume (\S+)/,
    );
    expect(line?.[2]).toBe(dir);
    const checkpoint = JSON.parse(await readFile(join(dir, 'checkpoint.json'), 'utf8'));
    expect(checkpoint).toMatchObject({ complete: false, step: Number(line?.[1]) });
    const manifest = JSON.parse(await readFile(join(dir, 'digitlab-model.json'), 'utf8'));
    expect(manifest.metadata.training).toMatchObject({ interrupted: true });
    expect(manifest.metadata.metrics.steps).toBe(Number(line?.[1]));

    // Flags that contradict the checkpoint are refused, naming each.
    const contradicted = await runCli([
      'train',
      '--resume',
      dir,
      '--per-class',
      '5',
      '--learning-rate',
      '0.5',
    ]);
    expectOneLineError(
      contradicted,
      /--resume .*interrupted: the sampling --per-class 5 \(the checkpoint has --per-class 20\); --learning-rate 0\.5 \(the checkpoint has [^)]+\) contradict the checkpoint/,
    );
  });

  it('refuses a finished, a corrupt or a missing checkpoint with an error naming the file', async () => {
    const finished = join(root(), 'finished');
    const model = join(root(), 'model');
    const done = await runCli([
      'train',
      '--json',
      '--per-class',
      '5',
      '--max-iter',
      '3',
      '--backend',
      'cpu',
      '--checkpoint',
      finished,
      '--save',
      model,
    ]);
    expect(done.code).toBe(0);
    expectOneLineError(
      await runCli(['train', '--resume', finished]),
      /expected a checkpoint of an unfinished run, found one that ended \(max-iter after 3 iterations\).*digitlab evaluate --model/,
    );
    // A checkpoint is a model directory: evaluate reads it.
    expect((await runCli(['evaluate', '--model', finished])).code).toBe(0);
    expectOneLineError(
      await runCli(['train', '--resume', model]),
      /expected a checkpoint .*found a model directory without checkpoint\.json/,
    );
    const arrays = join(finished, 'checkpoint-arrays.f64');
    await truncate(arrays, 16);
    expectOneLineError(
      await runCli(['train', '--resume', finished]),
      new RegExp(`${arrays.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*expected \\d+ bytes, found 16`),
    );
    await writeFile(join(finished, 'checkpoint.json'), '{');
    expectOneLineError(await runCli(['train', '--resume', finished]), /checkpoint\.json/);
    expectOneLineError(
      await runCli(['train', '--resume', join(root(), 'nothing-here')]),
      /nothing-here.*expected a saved digitlab model/,
    );
  });
});
