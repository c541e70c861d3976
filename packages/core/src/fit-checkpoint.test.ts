import { describe, expect, it } from 'vitest';
import { ArtifactError } from './errors.js';
import {
  CHECKPOINT_ARRAYS_FILE,
  CHECKPOINT_FILE,
  checkpointFromArtifact,
  checkpointToArtifact,
  type FitCheckpoint,
} from './fit-checkpoint.js';
import type { ModelArtifact } from './model-artifact.js';

const checkpoint: FitCheckpoint = {
  artifact: {
    plugin: 'p',
    metadata: {
      numFeatures: 2,
      numClasses: 2,
      classNames: ['a', 'b'],
      imageShape: [2],
      preprocessing: [],
    },
    files: { 'model.bin': new Uint8Array([1, 2, 3]) },
  },
  step: 7,
  unit: 'epoch',
  total: 10,
  fitSeconds: 1.5,
  complete: false,
  // Doubles that JSON text would round differently if printed short, a short array kept inline,
  // nested objects, nulls: whatever a solver's state holds.
  trainerState: {
    kind: 'sgd',
    x: Array.from({ length: 40 }, (_, i) => Math.PI ** i / 3 - i * 1e-17),
    small: [1, 2, 3],
    nested: { history: [Array.from({ length: 20 }, (_, i) => -i / 7)], best: null },
  },
  run: { classifier: 'p', data: { seed: 3 } },
};

describe('checkpoint files', () => {
  it('round-trip the trainer state exactly, with large arrays in the binary file', () => {
    const artifact = checkpointToArtifact(checkpoint);
    expect(Object.keys(artifact.files).sort()).toEqual(
      [CHECKPOINT_ARRAYS_FILE, CHECKPOINT_FILE, 'model.bin'].sort(),
    );
    expect(artifact.files[CHECKPOINT_ARRAYS_FILE]?.byteLength).toBe((40 + 20) * 8);
    expect(checkpointFromArtifact(artifact, '/c')).toEqual(checkpoint);
  });

  it('names the file and what was wrong in a damaged checkpoint', () => {
    const artifact = checkpointToArtifact(checkpoint);
    const text = new TextDecoder().decode(artifact.files[CHECKPOINT_FILE]);
    const withJson = (json: string) => ({
      ...artifact,
      files: { ...artifact.files, [CHECKPOINT_FILE]: new TextEncoder().encode(json) },
    });
    const cases: [ModelArtifact, RegExp][] = [
      [
        withJson(text.replace('"step":7', '"step":-1')),
        /\/c\/checkpoint\.json.*"step" ≥ 0, found -1/,
      ],
      [withJson(text.replace('[0,40]', '[50,40]')), /array reference within the 60 numbers/],
      [withJson(text.replace('digitlab-checkpoint', 'other')), /"format": "digitlab-checkpoint"/],
      [withJson('[1'), /checkpoint\.json.*valid JSON/],
      [
        { ...artifact, files: { 'model.bin': new Uint8Array(1) } },
        /found a model directory without checkpoint\.json/,
      ],
    ];
    for (const [damaged, message] of cases) {
      expect(() => checkpointFromArtifact(damaged, '/c')).toThrow(ArtifactError);
      expect(() => checkpointFromArtifact(damaged, '/c')).toThrow(message);
    }
  });
});
