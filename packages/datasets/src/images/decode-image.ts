import sharp, { type Metadata } from 'sharp';
import { ImageInputError } from './image-errors.js';

/** The image formats read, as sharp names them. */
export const IMAGE_FORMATS = ['png', 'jpeg', 'webp', 'gif'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/**
 * Images with more pixels than this (width × height, as the header declares them) are refused
 * before decoding: 50 megapixels, above any phone photo of a digit, below what exhausts memory.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/**
 * Larger images are shrunk (anti-aliased, aspect kept) while decoding so that the longer side is
 * this long: a digit needs far fewer pixels, and the normalization's arrays stay small.
 */
export const DECODE_MAX_SIDE = 2048;

/** Options of decodeImage. */
export interface DecodeImageOptions {
  /** The pixel limit; default MAX_IMAGE_PIXELS. */
  readonly maxPixels?: number;
}

/** Interleaved 8-bit pixels of an image's first frame, and what its header said. */
export interface DecodedImage {
  readonly format: ImageFormat;
  /** Size of the decoded pixels (after shrinking, if the image was larger than DECODE_MAX_SIDE). */
  readonly width: number;
  readonly height: number;
  /** 3 (RGB) or 4 (RGBA, when the image has alpha). */
  readonly channels: number;
  readonly data: Uint8Array;
  /** Size the header declares. */
  readonly originalWidth: number;
  readonly originalHeight: number;
  /** Frames (animated GIF or WebP) or pages; only the first is decoded. */
  readonly pages: number;
}

/**
 * Decodes a PNG, JPEG, WebP or GIF (its first frame) into 8-bit pixels in sRGB, turned upright as
 * its EXIF orientation says. The header is read first, so an image over the pixel limit is refused
 * before any pixel is decoded. Problems are ImageInputErrors: 'not-an-image', 'unsupported-format',
 * 'corrupt' (truncated or damaged data) or 'too-large'.
 */
export async function decodeImage(
  bytes: Uint8Array,
  options: DecodeImageOptions = {},
): Promise<DecodedImage> {
  const maxPixels = options.maxPixels ?? MAX_IMAGE_PIXELS;
  if (bytes.length === 0)
    throw new ImageInputError('not-an-image', 'not an image: the file is empty');
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw headerError(error);
  }
  const format = metadata.format as string | undefined;
  if (format === undefined || !IMAGE_FORMATS.includes(format as ImageFormat)) {
    throw new ImageInputError(
      'unsupported-format',
      `unsupported image format ${format ?? 'unknown'}: expected PNG, JPEG, WebP or GIF`,
    );
  }
  const width = metadata.width ?? 0;
  const height = metadata.pageHeight ?? metadata.height ?? 0;
  if (width * height > maxPixels) {
    throw new ImageInputError(
      'too-large',
      `image too large: ${width}×${height} = ${(width * height).toLocaleString('en-US')} pixels, over the limit of ${maxPixels.toLocaleString('en-US')}`,
    );
  }
  try {
    const { data, info } = await sharp(bytes, {
      limitInputPixels: maxPixels,
      failOn: 'warning',
      autoOrient: true,
      pages: 1,
    })
      .resize(DECODE_MAX_SIDE, DECODE_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return {
      format: format as ImageFormat,
      width: info.width,
      height: info.height,
      channels: info.channels,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      originalWidth: width,
      originalHeight: height,
      pages: metadata.pages ?? 1,
    };
  } catch (error) {
    throw new ImageInputError(
      'corrupt',
      `truncated or corrupt ${format.toUpperCase()} image (${sharpDetail(error)})`,
    );
  }
}

function headerError(error: unknown): ImageInputError {
  const detail = sharpDetail(error);
  if (/unsupported image format/i.test(detail)) {
    return new ImageInputError(
      'not-an-image',
      'not an image: expected PNG, JPEG, WebP or GIF data, found none of them',
    );
  }
  return new ImageInputError('corrupt', `truncated or corrupt image (${detail})`);
}

/** The first line of sharp's (libvips's) message, which may repeat itself over several. */
function sharpDetail(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n').find((l) => l.trim() !== '') ?? 'no detail';
  return first.trim().replace(/:\s*$/, '');
}
