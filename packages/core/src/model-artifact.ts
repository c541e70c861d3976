import type { ModelMetadata } from './model-metadata.js';

/** The manifest file every saved model directory holds. */
export const MANIFEST_FILE = 'digitlab-model.json';
/** The manifest format this version writes and reads. */
export const ARTIFACT_FORMAT_VERSION = 1;

/** A model as plugin-defined files plus the metadata every model carries. */
export interface ModelArtifact {
  readonly plugin: string;
  readonly metadata: ModelMetadata;
  /** File name (no directories) → contents. */
  readonly files: Readonly<Record<string, Uint8Array>>;
}
