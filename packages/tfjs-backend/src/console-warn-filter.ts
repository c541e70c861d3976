/**
 * Run `fn` while console.warn drops the messages `drop` matches; everything else goes through.
 * The replacement forwards to the original once `fn` settles, because libraries may have kept a
 * bound reference to it (Emscripten binds `console.warn` when the wasm module is created).
 */
export async function withConsoleWarnFilter<T>(
  drop: (args: readonly unknown[]) => boolean,
  fn: () => Promise<T>,
): Promise<T> {
  const original = console.warn;
  let active = true;
  const filtered = (...args: unknown[]): void => {
    if (active && drop(args)) return;
    original.apply(console, args);
  };
  console.warn = filtered;
  try {
    return await fn();
  } finally {
    active = false;
    // Someone (a test spy, another library) may have replaced it meanwhile: leave theirs alone.
    if (console.warn === filtered) console.warn = original;
  }
}
