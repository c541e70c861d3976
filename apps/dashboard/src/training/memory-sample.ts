import * as tf from '@tensorflow/tfjs-core';
import type { MemorySample } from './session-events.js';

/** Live tensors (tfjs's own count, so leaks show up as a growing number) and process RSS. */
export function sampleMemory(): MemorySample {
  return { numTensors: tf.memory().numTensors, rssBytes: process.memoryUsage.rss() };
}
