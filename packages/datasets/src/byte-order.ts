// IDX is big-endian; typed arrays use the host's order, which is little-endian on every platform
// Node and browsers ship for, but checking costs nothing and keeps the code honest.
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Reverses the byte order of each element in place when the host is little-endian, turning
 * big-endian elements into host order and back. Plain JavaScript, so it runs in browsers too.
 */
export function swapToFromBigEndian(bytes: Uint8Array, elementSize: 1 | 2 | 4 | 8): void {
  if (!HOST_IS_LITTLE_ENDIAN || elementSize === 1 || bytes.length === 0) return;
  const half = elementSize >> 1;
  for (let start = 0; start < bytes.length; start += elementSize) {
    for (let i = 0, j = start + elementSize - 1; i < half; i++, j--) {
      const k = start + i;
      const b = bytes[k]!;
      bytes[k] = bytes[j]!;
      bytes[j] = b;
    }
  }
}
