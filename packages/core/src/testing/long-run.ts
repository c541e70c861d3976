import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DatasetSplits } from '@digitlab/datasets';
import type { ClassifierPlugin } from '../classifier-plugin.js';
import { parsePluginOptions } from '../classifier-plugin.js';
import { fitToEnd } from '../fit-to-end.js';
import { ConformanceError } from './conformance-error.js';
import { gaussianBlobs } from './gaussian-blobs.js';

let gc: (() => void) | undefined;

/** Run a full garbage collection, without needing `node --expose-gc`. */
export function collectGarbage(): void {
  if (gc === undefined) {
    // The flag takes effect for contexts created after it: a new one hands out `gc`.
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
}

/** How a long run is measured; the counts are taken after warm-up and a full GC. */
export interface LongRunOptions {
  /** Measured cycles. */
  readonly cycles: number;
  /** Cycles run first, so caches, compiled code and lazily created backends settle; default 10. */
  readonly warmUp?: number;
  /** Live tensor count (e.g. `() => tf.memory().numTensors`). */
  readonly tensorMemory?: () => number;
  /** Live worker threads (e.g. `liveWorkerCount` from `@digitlab/kernels/node`). */
  readonly liveWorkers?: () => number;
  /**
   * Milliseconds to wait for terminated workers to exit before counting them as alive (a loaded
   * machine delays their 'exit'; a leaked worker never exits); default 5000.
   */
  readonly workerExitMs?: number;
}

/** What a long run left behind: tensors, worker threads and resident memory, start against end. */
export interface LongRunMeasurement {
  readonly cycles: number;
  readonly tensorsAtStart?: number;
  readonly tensorsAtEnd?: number;
  readonly workersAtEnd?: number;
  readonly rssAtStartMb: number;
  readonly rssAtEndMb: number;
  readonly rssGrowthMb: number;
  readonly heapGrowthMb: number;
  readonly msPerCycle: number;
}

const MB = 2 ** 20;

/** Run `cycle` `warmUp + cycles` times and measure what the measured cycles left behind. */
export async function measureLongRun(
  cycle: (index: number) => Promise<void>,
  options: LongRunOptions,
): Promise<LongRunMeasurement> {
  const warmUp = options.warmUp ?? 10;
  for (let i = 0; i < warmUp; i++) await cycle(i);
  collectGarbage();
  const tensorsAtStart = options.tensorMemory?.();
  const start = process.memoryUsage();
  const started = performance.now();
  for (let i = 0; i < options.cycles; i++) await cycle(warmUp + i);
  const msPerCycle = (performance.now() - started) / options.cycles;
  // Exited workers free their memory on their own schedule: give the event loop a turn first.
  await new Promise((resolve) => setTimeout(resolve, 50));
  // A terminated worker is counted until its 'exit' event, which a loaded machine can delay past
  // that turn: wait for stragglers (a leaked worker never exits, and is still counted then).
  const live = options.liveWorkers;
  const deadline = performance.now() + (options.workerExitMs ?? 5000);
  while (live !== undefined && live() > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  collectGarbage();
  const end = process.memoryUsage();
  return {
    cycles: options.cycles,
    ...(tensorsAtStart === undefined ? {} : { tensorsAtStart }),
    ...(options.tensorMemory ? { tensorsAtEnd: options.tensorMemory() } : {}),
    ...(options.liveWorkers ? { workersAtEnd: options.liveWorkers() } : {}),
    rssAtStartMb: start.rss / MB,
    rssAtEndMb: end.rss / MB,
    rssGrowthMb: (end.rss - start.rss) / MB,
    heapGrowthMb: (end.heapUsed - start.heapUsed) / MB,
    msPerCycle,
  };
}

/**
 * Check a long run: the tensor count back at its start, no worker thread alive, and resident
 * memory grown by less than `maxRssGrowthMb` (default 50 MB).
 */
export function checkLongRun(measured: LongRunMeasurement, maxRssGrowthMb = 50): void {
  const what = `${measured.cycles} fit and dispose cycles`;
  if (measured.tensorsAtEnd !== measured.tensorsAtStart) {
    throw new ConformanceError(
      'long run',
      `expected ${measured.tensorsAtStart} live tensors after ${what} (as before them), found ${measured.tensorsAtEnd}`,
    );
  }
  if (measured.workersAtEnd !== undefined && measured.workersAtEnd !== 0) {
    throw new ConformanceError(
      'long run',
      `expected no worker thread alive after ${what}, found ${measured.workersAtEnd}`,
    );
  }
  if (!(measured.rssGrowthMb < maxRssGrowthMb)) {
    throw new ConformanceError(
      'long run',
      `expected resident memory to grow by less than ${maxRssGrowthMb} MB over ${what}, found ${measured.rssGrowthMb.toFixed(1)} MB (${measured.rssAtStartMb.toFixed(0)} → ${measured.rssAtEndMb.toFixed(0)} MB)`,
    );
  }
}

/**
 * One cycle of a long run: create a classifier with `options`, fit it to the end, predict the
 * held-out data, dispose it.
 */
export function fitAndDisposeCycle(
  plugin: ClassifierPlugin,
  options: Record<string, unknown>,
  data: DatasetSplits,
): () => Promise<void> {
  const validated = parsePluginOptions(plugin, options);
  return async () => {
    const classifier = plugin.create(validated);
    try {
      await fitToEnd(classifier.fit(data.train));
      await classifier.predictProba(data.test.features);
    } finally {
      classifier.dispose();
    }
  };
}

/**
 * A plugin's long-run test: `fitAndDisposeCycle(plugin, options, data)` measured as `run` says
 * (`measureLongRun`), logged as one JSON line for the CI log, then checked (`checkLongRun`).
 */
export async function checkPluginLongRun(
  plugin: ClassifierPlugin,
  options: Record<string, unknown>,
  data: DatasetSplits,
  run: LongRunOptions,
): Promise<LongRunMeasurement> {
  const measured = await measureLongRun(fitAndDisposeCycle(plugin, options, data), run);
  console.info(JSON.stringify(measured));
  checkLongRun(measured);
  return measured;
}

/** The small splits the plugins' long-run tests fit again and again: 3 classes of 16 features. */
export function longRunBlobs(numFeatures = 16, perClass = 10): DatasetSplits {
  return {
    train: gaussianBlobs({ perClass, numClasses: 3, numFeatures, seed: 1 }),
    test: gaussianBlobs({ perClass: 5, numClasses: 3, numFeatures, seed: 2, split: 'test' }),
  };
}
