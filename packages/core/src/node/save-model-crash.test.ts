import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../model-artifact.js';
import { temporaryDirectory } from '../testing/temporary-directory.js';
import { readModelArtifact, saveModel } from './model-directory.js';

const CHILD = fileURLToPath(new URL('./test-support/save-until-killed.mjs', import.meta.url));
// The child runs the built module (Node 20 runs no TypeScript); `pnpm test` builds first.
const BUILT = fileURLToPath(new URL('../../dist/node/model-directory.js', import.meta.url));

interface ChildRun {
  readonly killed: boolean;
  readonly ops?: number;
  readonly ms?: number;
}

/**
 * Save model `name` onto `dir` in a child process, killed with SIGKILL before its `killAt`th
 * file-system operation (-1: never), or by this process `afterMs` after the save started.
 */
function saveInChild(
  dir: string,
  name: string,
  kill: { killAt?: number; afterMs?: number },
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, BUILT, dir, name, String(kill.killAt ?? -1)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (!stdout.includes('saving') && d.includes('saving') && kill.afterMs !== undefined) {
        setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
      }
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') return resolve({ killed: true });
      if (code !== 0) return reject(new Error(`the saving child failed (${code}): ${stderr}`));
      resolve({ killed: false, ...JSON.parse(stdout.split('\n')[1] ?? '{}') });
    });
  });
}

/** Everything a loaded model is, as one comparable value (files by checksum). */
function fingerprint(artifact: ModelArtifact): string {
  const files = Object.entries(artifact.files)
    .map(([name, bytes]) => `${name}:${createHash('sha256').update(bytes).digest('hex')}`)
    .sort();
  return JSON.stringify({ plugin: artifact.plugin, metadata: artifact.metadata, files });
}

/** Up to `count` whole numbers spread evenly over [from, to]. */
function spread(from: number, to: number, count: number): number[] {
  if (to < from) return [];
  const points = Array.from({ length: count }, (_, i) =>
    Math.round(from + ((to - from) * i) / Math.max(1, count - 1)),
  );
  return [...new Set(points)];
}

async function inPairs<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 2) await Promise.all(items.slice(i, i + 2).map(run));
}

describe('saveModel killed at any moment (SIGKILL in a child process)', () => {
  // A plain model replaced by a checkpoint (model + optimizer state + history shards: other files,
  // more of them), then a checkpoint replaced by the next one, as periodic checkpoints do.
  it.each([
    ['model-a', 'checkpoint-b'],
    ['checkpoint-b', 'checkpoint-c'],
  ])(
    'leaves %s → %s loading as exactly the old model or exactly the new one',
    async (oldName, newName) => {
      expect(existsSync(BUILT), `expected the built ${BUILT}: run pnpm build`).toBe(true);
      const root = await temporaryDirectory('digitlab-crash-');
      const reference = async (name: string) => {
        const run = await saveInChild(join(root, `reference-${name}`), name, {});
        return { run, artifact: await readModelArtifact(join(root, `reference-${name}`)) };
      };
      const before = await reference(oldName);
      const after = await reference(newName);
      const ops = after.run.ops ?? 0;
      const ms = after.run.ms ?? 0;
      expect(ops).toBeGreaterThan(40);
      const expected = { old: fingerprint(before.artifact), new: fingerprint(after.artifact) };

      // Before every one of the last operations (the swap and the tidying up), and at points over
      // the writing before them; then at moments spread over the save's measured duration, which
      // land inside a write too.
      const swapOps = 14;
      const trials = [
        ...spread(0, ops - swapOps - 1, 6).map((killAt) => ({ killAt })),
        ...spread(ops - swapOps, ops, swapOps + 1).map((killAt) => ({ killAt })),
        ...spread(0, Math.ceil(ms * 1.2), 6).map((afterMs) => ({ afterMs })),
      ];
      // With the other case, at least 50 kills.
      expect(trials.length).toBeGreaterThanOrEqual(25);

      const outcomes: string[] = [];
      await inPairs(
        trials.map((kill, i) => [i, kill] as const),
        async ([i, kill]) => {
          const dir = join(root, `trial-${i}`, 'm');
          await cp(join(root, `reference-${oldName}`), dir, { recursive: true });
          await saveInChild(dir, newName, kill);
          // Killed between its two renames, the save leaves no `m`: the load finds `.m.old-*`.
          if (!existsSync(dir)) outcomes.push('recovered');
          const loaded = fingerprint(await readModelArtifact(dir));
          const outcome =
            loaded === expected.old ? 'old' : loaded === expected.new ? 'new' : 'a mix';
          outcomes.push(outcome);
          expect(outcome, `after a kill ${JSON.stringify(kill)}`).not.toBe('a mix');
          // The next save succeeds and tidies up whatever the killed one left beside the model.
          if ((await readdir(join(root, `trial-${i}`))).length > 1) {
            await saveModel(dir, after.artifact);
            expect(fingerprint(await readModelArtifact(dir))).toBe(expected.new);
            expect(await readdir(join(root, `trial-${i}`))).toEqual(['m']);
          }
        },
      );
      // Kills before the swap keep the old model, kills after it give the new one: both happened.
      expect(outcomes).toContain('old');
      expect(outcomes).toContain('new');
      expect(outcomes).toContain('recovered');
      console.info(
        `${trials.length} kills over ${ops} fs operations / ${ms.toFixed(0)} ms: ` +
          ['old', 'new', 'recovered']
            .map((o) => `${outcomes.filter((x) => x === o).length} ${o}`)
            .join(', '),
      );
    },
    120_000,
  );
});
