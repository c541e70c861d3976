/** A text progress bar `width` cells wide; a fraction outside [0, 1] is clamped, unknown is empty. */
export function progressBar(fraction: number | undefined, width: number): string {
  const cells = Math.max(0, Math.floor(width));
  if (cells === 0) return '';
  const f = fraction === undefined || !Number.isFinite(fraction) ? 0 : clamp01(fraction);
  // Eighth blocks give a smooth bar in narrow terminals.
  const eighths = Math.round(f * cells * 8);
  const full = Math.floor(eighths / 8);
  const rest = eighths % 8;
  const partial = rest > 0 ? (PARTIALS[rest] ?? '') : '';
  return '█'.repeat(full) + partial + '░'.repeat(cells - full - (partial ? 1 : 0));
}

const PARTIALS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
