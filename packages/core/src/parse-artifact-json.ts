import { ArtifactError } from './errors.js';

/** The JSON value in the text of a saved model's file; invalid JSON is an ArtifactError naming the file. */
export function parseArtifactJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ArtifactError(
      `expected valid JSON, found a parse error: ${(error as Error).message}`,
      file,
    );
  }
}
