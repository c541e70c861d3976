import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadMnist } from '../node/load-mnist.js';

// Benchmark: load the bundled MNIST (both splits, scaled to float32) in fresh processes, so each
// run's peak RSS (the kernel's maxRSS) belongs to that load alone. Goal: ≤ 1.5 s and peak extra
// memory ≤ 2× the final data size.
const RUNS = 5;
const FINAL_BYTES = 70_000 * 784 * 4;
const MiB = 1024 * 1024;

interface RunResult {
  readonly ms: number;
  readonly rssPeakDelta: number;
  readonly externalPeakDelta: number;
  readonly arrayBuffersPeakDelta: number;
  readonly finalBytes: number;
}

async function child(): Promise<void> {
  const before = process.memoryUsage();
  const peak = { rss: before.rss, external: before.external, arrayBuffers: before.arrayBuffers };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.external = Math.max(peak.external, now.external);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
  };
  // Sampling only runs between the loader's awaits; maxRSS below catches peaks inside them.
  const timer = setInterval(sample, 1);
  const start = performance.now();
  const { train, test } = await loadMnist();
  const ms = performance.now() - start;
  sample();
  clearInterval(timer);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const result: RunResult = {
    ms,
    rssPeakDelta: Math.max(peak.rss, maxRss) - before.rss,
    externalPeakDelta: peak.external - before.external,
    arrayBuffersPeakDelta: peak.arrayBuffers - before.arrayBuffers,
    finalBytes: train.features.byteLength + test.features.byteLength,
  };
  process.stdout.write(JSON.stringify(result));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function parent(): void {
  const script = fileURLToPath(import.meta.url);
  const runs: RunResult[] = [];
  console.log(`load bundled MNIST (train + test, scaled float32), ${RUNS} runs, one process each`);
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, [script, '--child'], { encoding: 'utf8' });
    const run = JSON.parse(out) as RunResult;
    runs.push(run);
    console.log(
      `  run ${i + 1}: ${run.ms.toFixed(0)} ms, peak extra RSS ${(run.rssPeakDelta / MiB).toFixed(1)} MiB, ` +
        `external +${(run.externalPeakDelta / MiB).toFixed(1)} MiB, arrayBuffers +${(run.arrayBuffersPeakDelta / MiB).toFixed(1)} MiB`,
    );
  }
  const times = runs.map((r) => r.ms);
  const peakRss = Math.max(...runs.map((r) => r.rssPeakDelta));
  const peakExternal = Math.max(...runs.map((r) => r.externalPeakDelta));
  const peakArrayBuffers = Math.max(...runs.map((r) => r.arrayBuffersPeakDelta));
  const finalBytes = runs[0]?.finalBytes ?? FINAL_BYTES;
  const seconds = median(times) / 1000;
  console.log(
    `wall time: median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms (goal ≤ 1500 ms: ${seconds <= 1.5 ? 'met' : 'MISSED'})`,
  );
  console.log(
    `final data: ${(finalBytes / MiB).toFixed(1)} MiB (70000×784×4 bytes); peak extra: RSS ${(peakRss / MiB).toFixed(1)} MiB = ${(peakRss / finalBytes).toFixed(2)}×, ` +
      `external ${(peakExternal / MiB).toFixed(1)} MiB = ${(peakExternal / finalBytes).toFixed(2)}×, arrayBuffers ${(peakArrayBuffers / MiB).toFixed(1)} MiB = ${(peakArrayBuffers / finalBytes).toFixed(2)}× ` +
      `(goal ≤ 2×: ${peakRss <= 2 * finalBytes ? 'met' : 'MISSED'})`,
  );
}

if (process.argv.includes('--child')) await child();
else parent();
