import * as tf from '@tensorflow/tfjs-core';

/** Live tensor count and process memory, sampled while the dashboard runs. */
export interface MemorySample {
  readonly numTensors: number;
  readonly rssBytes: number;
}

/** Live tensors (tfjs's own count, so leaks show up as a growing number) and process RSS. */
export function sampleMemory(): MemorySample {
  return { numTensors: tf.memory().numTensors, rssBytes: process.memoryUsage.rss() };
}
