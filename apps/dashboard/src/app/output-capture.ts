import { format } from 'node:util';

/** Restores what `captureStrayOutput` replaced and returns the captured lines. */
export type ReleaseOutput = () => string[];

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * While the dashboard owns the screen, anything else printing (tfjs notices, Node warnings, a
 * plugin's console.log) would tear the frame. Route console.* and stderr into a buffer instead.
 */
export function captureStrayOutput(stderr: NodeJS.WriteStream = process.stderr): ReleaseOutput {
  const lines: string[] = [];
  const saved = CONSOLE_METHODS.map((m) => [m, console[m]] as const);
  for (const method of CONSOLE_METHODS) {
    console[method] = (...args: unknown[]) => {
      lines.push(`[console.${method}] ${format(...args)}`);
    };
  }
  const originalWrite = stderr.write;
  stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    lines.push(String(chunk).trimEnd());
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof stderr.write;
  let released = false;
  return () => {
    if (!released) {
      released = true;
      for (const [method, fn] of saved) console[method] = fn as never;
      stderr.write = originalWrite;
    }
    return lines;
  };
}
