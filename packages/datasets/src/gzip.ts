import { Gunzip } from 'fflate';
import { describeSource, IdxFormatError } from './errors.js';

/** True when the bytes start with the gzip magic 1f 8b; IDX files start with 00 00, so this never misfires. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The IdxFormatError for gzip bytes that did not decompress, naming the file and the cause. */
export function corruptGzip(
  error: unknown,
  file: string | undefined,
  size: number,
): IdxFormatError {
  const detail = error instanceof Error ? error.message : String(error);
  return new IdxFormatError(
    `${describeSource(file)}: expected a complete gzip stream (it starts with the gzip magic 1f 8b), ` +
      `but decompressing its ${size} bytes failed: ${detail}`,
    file,
  );
}

/**
 * Decompresses gzip bytes synchronously, turning failures into an IdxFormatError naming the file.
 * Pure JavaScript (fflate), so it runs in browsers too; Node's file loaders use zlib on the thread
 * pool instead (node/gunzip-async.ts).
 */
export function gunzipOrThrow(bytes: Uint8Array, file: string | undefined): Uint8Array {
  try {
    return gunzipChecked(bytes);
  } catch (error) {
    throw corruptGzip(error, file, bytes.length);
  }
}

// The 8-byte trailer of a gzip member: CRC-32 and length (mod 2^32) of its decompressed bytes.
const TRAILER_BYTES = 8;
// A 10-byte header, an empty deflate block (2 bytes) and the trailer.
const MIN_MEMBER_BYTES = 18;

/**
 * fflate inflates every member of a (possibly multi-member) stream but checks no trailer, so a
 * truncated or corrupted file could decode to wrong bytes; zlib refuses those, and so does this.
 * (fflate does not say where a member's deflate data ends, so the trailer is taken to be the last
 * 8 bytes before the next member; a cut through it fails the checks, except in an empty member,
 * whose trailer is all zeros.)
 */
function gunzipChecked(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const memberStarts = [0];
  const memberOutputEnds: number[] = [];
  const gunzip = new Gunzip((chunk) => {
    chunks.push(chunk);
    produced += chunk.length;
  });
  gunzip.onmember = (offset) => {
    memberStarts.push(offset);
    memberOutputEnds.push(produced);
  };
  gunzip.push(bytes, true);
  memberOutputEnds.push(produced);
  const out = chunks.length === 1 ? chunks[0]! : concat(chunks, produced);
  let outputStart = 0;
  for (const [member, start] of memberStarts.entries()) {
    const end = memberStarts[member + 1] ?? bytes.length;
    if (end - start < MIN_MEMBER_BYTES) {
      throw new Error(`unexpected end of file (member ${member + 1} has ${end - start} bytes)`);
    }
    const trailer = new DataView(bytes.buffer, bytes.byteOffset + end - TRAILER_BYTES);
    const decompressed = out.subarray(outputStart, memberOutputEnds[member]);
    if (trailer.getUint32(0, true) !== crc32(decompressed)) {
      throw new Error(`incorrect data check (CRC-32 of member ${member + 1} does not match)`);
    }
    if (trailer.getUint32(4, true) !== decompressed.length >>> 0) {
      throw new Error(`incorrect length check (member ${member + 1})`);
    }
    outputStart = memberOutputEnds[member]!;
  }
  return out;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (the IEEE polynomial gzip uses) of the bytes, unsigned. */
function crc32(bytes: Uint8Array): number {
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
