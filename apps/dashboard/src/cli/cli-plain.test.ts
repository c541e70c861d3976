import { describe, expect, it } from 'vitest';
import { quickTrainArgs, runCli } from '../test-support/run-cli.js';

describe('digitlab train without a terminal', { timeout: 90_000 }, () => {
  it('prints plain progress lines and the final report, without escape codes', async () => {
    const run = await runCli(quickTrainArgs({ perClass: 20, maxIter: 10 }, '--eval-every', '5'));
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toMatch(/^optimizer\s+lbfgs max-iter=10/m);
    const progress = run.stdout.split('\n').filter((l) => /^iter\s+\d+\/10/.test(l));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]).toMatch(
      /^iter\s+5\/10 {2}objective \S+ {2}\|grad\| \S+ {2}train \S+% {2}test \S+%/,
    );
    expect(run.stdout).toMatch(/^accuracy \d+\.\d\d% \(\d+ of 10000\)$/m);
    expect(run.stdout).toMatch(/^\s+precision\s+recall\s+f1-score\s+support$/m);
    expect(run.stdout).toMatch(/^\s+accuracy\s+\d\.\d{4}\s+10000$/m);
    expect(run.stdout).toMatch(/^true\\pred\s+0\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9\s+total$/m);
    const rows = run.stdout.split('\n').filter((l) => /^\d\s+(\d+\s+){10}\d+$/.test(l));
    expect(rows).toHaveLength(10);
    const total = rows.reduce((sum, row) => sum + Number(row.trim().split(/\s+/).at(-1)), 0);
    expect(total).toBe(10000);
  });
});
