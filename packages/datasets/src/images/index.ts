// Digits from image files, normalized as MNIST's were. Node only: decoding goes through sharp
// (libvips). The normalization itself is pure, has no I/O, and is in the main entry too.

export { BORDER_RING_SHARE, borderRing, borderRingThickness } from './border-ring.js';
export type { Box } from './bounding-box.js';
export { crop, growBox, inkBoundingBox } from './bounding-box.js';
export type { Point } from './center-of-mass.js';
export { centerOfMass } from './center-of-mass.js';
export type { DecodedImage, DecodeImageOptions, ImageFormat } from './decode-image.js';
export { DECODE_MAX_SIDE, decodeImage, IMAGE_FORMATS, MAX_IMAGE_PIXELS } from './decode-image.js';
export { digitFeatures } from './digit-features.js';
export { greyFromPixels } from './grey-from-pixels.js';
export type { ImageProblem } from './image-errors.js';
export { ImageInputError } from './image-errors.js';
export { IMAGE_EXTENSIONS } from './image-extensions.js';
export type { ImageFileList, SkippedFile } from './list-image-files.js';
export { listImageFiles } from './list-image-files.js';
export type { NormalizeDigitOptions, NormalizedDigit } from './normalize-digit.js';
export { MNIST_BOX, MNIST_FIELD, normalizeDigit } from './normalize-digit.js';
export type { InkLevels } from './paper-noise.js';
export {
  inkLevels,
  MAX_CONTRAST_SHARE,
  MIN_CONTRAST_SHARE,
  MIN_INK_CONTRAST,
  NOISE_SIGMAS,
  removePaperNoise,
} from './paper-noise.js';
export { placeRaster } from './place-raster.js';
export type { Polarity } from './polarity.js';
export { detectPolarity, inkOf, POLARITIES } from './polarity.js';
export type { Raster } from './raster.js';
export { raster } from './raster.js';
export type { DigitImage, ReadDigitImageOptions } from './read-digit-image.js';
export { readDigitImage } from './read-digit-image.js';
export { resample } from './resample.js';
export { median, robustSpread } from './robust-statistics.js';
