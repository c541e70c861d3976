/**
 * How many colours the terminal shows, as far as the digit panels care: 24-bit, the xterm 256
 * palette, or none (a grey ramp of characters instead; 16 colours cannot draw a ramp either).
 */
export type ColourDepth = 'truecolor' | 'ansi256' | 'none';

/** What the terminal says of itself: whether stdout is a terminal, and Node's colour depth in bits. */
export interface TerminalColours {
  readonly isTTY: boolean;
  /** `tty.WriteStream#getColorDepth(env)`: 1, 4, 8 or 24. */
  readonly bits: number;
}

/**
 * The colour depth for the digit panels, decided as chalk's supports-color decides for the rest of
 * the dashboard — `FORCE_COLOR` first (0 or false turns colour off, 1–3 set a minimum), then
 * `NO_COLOR`, a terminal, `TERM=dumb`, `COLORTERM=truecolor|24bit`, a `TERM` ending in 256color —
 * and Node's own sniffing of the terminal for the rest. Unlike supports-color it honours
 * `NO_COLOR` (no-color.org) and `COLORTERM=24bit`.
 */
export function colourDepth(
  env: Readonly<Record<string, string | undefined>>,
  terminal: TerminalColours,
): ColourDepth {
  const forced = forcedLevel(env.FORCE_COLOR);
  if (forced === 0) return 'none';
  if (forced === undefined) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 'none';
    if (!terminal.isTTY) return 'none';
  }
  let level = forced ?? 0;
  if (env.TERM !== 'dumb') level = Math.max(level, sniffedLevel(env, terminal.bits));
  return level >= 3 ? 'truecolor' : level === 2 ? 'ansi256' : 'none';
}

/** The colour depth of `stream` in this environment (the dashboard's stdout). */
export function streamColourDepth(
  stream: NodeJS.WriteStream,
  env: NodeJS.ProcessEnv = process.env,
): ColourDepth {
  const isTTY = stream.isTTY === true;
  const bits = isTTY && typeof stream.getColorDepth === 'function' ? stream.getColorDepth(env) : 1;
  return colourDepth(env, { isTTY, bits });
}

/** supports-color's reading of FORCE_COLOR: '' and 'true' are 1, 'false' is 0, numbers cap at 3. */
function forcedLevel(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === 'true') return 1;
  if (value === 'false') return 0;
  const level = Number.parseInt(value, 10);
  return Number.isNaN(level) ? undefined : Math.max(0, Math.min(3, level));
}

function sniffedLevel(env: Readonly<Record<string, string | undefined>>, bits: number): number {
  if (/^(truecolor|24bit)$/i.test(env.COLORTERM ?? '')) return 3;
  if (/-256(colou?r)?$/i.test(env.TERM ?? '')) return Math.max(2, levelOfBits(bits));
  return levelOfBits(bits);
}

function levelOfBits(bits: number): number {
  return bits >= 24 ? 3 : bits >= 8 ? 2 : bits >= 4 ? 1 : 0;
}
