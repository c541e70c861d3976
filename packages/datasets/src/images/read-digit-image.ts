import { readFile } from 'node:fs/promises';
import { type DecodedImage, type DecodeImageOptions, decodeImage } from './decode-image.js';
import { greyFromPixels } from './grey-from-pixels.js';
import { ImageInputError } from './image-errors.js';
import {
  type NormalizeDigitOptions,
  type NormalizedDigit,
  normalizeDigit,
} from './normalize-digit.js';

/** Options of readDigitImage: how to decode, and how to normalize. */
export interface ReadDigitImageOptions extends DecodeImageOptions, NormalizeDigitOptions {}

/** A normalized digit read from an image file, with what its header said. */
export interface DigitImage extends NormalizedDigit {
  readonly file: string;
  readonly format: DecodedImage['format'];
  readonly originalWidth: number;
  readonly originalHeight: number;
  /** Frames or pages in the file; only the first was read. */
  readonly pages: number;
}

/**
 * Reads one image file (PNG, JPEG, WebP, GIF's first frame) and normalizes the digit in it as
 * MNIST's were (see normalizeDigit). Every problem is an ImageInputError naming the file.
 */
export async function readDigitImage(
  file: string,
  options: ReadDigitImageOptions = {},
): Promise<DigitImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a directory, not an image file'
          : `cannot be read (${(error as Error).message})`;
    throw new ImageInputError('unreadable', detail, file);
  }
  try {
    const decoded = await decodeImage(bytes, options);
    const grey = greyFromPixels(decoded.data, decoded.width, decoded.height, decoded.channels);
    return {
      ...normalizeDigit(grey, options),
      file,
      format: decoded.format,
      originalWidth: decoded.originalWidth,
      originalHeight: decoded.originalHeight,
      pages: decoded.pages,
    };
  } catch (error) {
    if (error instanceof ImageInputError) throw error.withFile(file);
    throw error;
  }
}
