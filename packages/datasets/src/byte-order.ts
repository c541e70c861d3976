// IDX is big-endian; typed arrays use the host's order, which is little-endian on every platform
// Node ships for, but checking costs nothing and keeps the code honest.
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Reverses the byte order of each element in place when the host is little-endian, turning
 * big-endian elements into host order and back. Uses Buffer's native swap instead of a JS loop.
 */
export function swapToFromBigEndian(bytes: Uint8Array, elementSize: 1 | 2 | 4 | 8): void {
  if (!HOST_IS_LITTLE_ENDIAN || elementSize === 1 || bytes.length === 0) return;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (elementSize === 2) view.swap16();
  else if (elementSize === 4) view.swap32();
  else view.swap64();
}
