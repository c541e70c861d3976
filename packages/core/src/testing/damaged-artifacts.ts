import { mutatedBytes } from '@digitlab/datasets/testing';
import fc from 'fast-check';
import type { ModelArtifact } from '../model-artifact.js';
import { mutatedJson } from './mutated-json.js';

function parsedJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Copies of a saved model with one thing damaged: a file's bytes (bits, cuts, insertions), a JSON
 * file's values (types, sizes, missing keys), a file missing, or the metadata changed. What a
 * plugin's `load` must turn into a working model or an ArtifactError, never a crash.
 */
export function damagedArtifacts(artifact: ModelArtifact): fc.Arbitrary<ModelArtifact> {
  const names = Object.keys(artifact.files);
  const withFile = (name: string, bytes: Uint8Array | undefined): ModelArtifact => {
    const files = { ...artifact.files };
    if (bytes === undefined) delete files[name];
    else files[name] = bytes;
    return { ...artifact, files };
  };
  const json = names.filter((name) => parsedJson(artifact.files[name] as Uint8Array) !== undefined);
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value) ?? 'undefined');
  const choices: fc.Arbitrary<ModelArtifact>[] = [
    fc
      .constantFrom(...names)
      .chain((name) =>
        mutatedBytes(artifact.files[name] as Uint8Array).map((bytes) => withFile(name, bytes)),
      ),
    fc.constantFrom(...names).map((name) => withFile(name, undefined)),
    mutatedJson(artifact.metadata).map(
      (metadata) => ({ ...artifact, metadata }) as unknown as ModelArtifact,
    ),
  ];
  if (json.length > 0) {
    const jsonDamage = fc
      .constantFrom(...json)
      .chain((name) =>
        mutatedJson(parsedJson(artifact.files[name] as Uint8Array)).map((value) =>
          withFile(name, encode(value)),
        ),
      );
    // JSON model files hold most of the structure: damage them most often.
    choices.push(jsonDamage, jsonDamage);
  }
  return fc.oneof(...choices);
}
