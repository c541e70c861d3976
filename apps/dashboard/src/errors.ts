/**
 * A mistake in how the command was called (flags, files, values). The CLI prints its message as
 * one line, without a stack trace, and exits non-zero.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A plugin module could not be loaded or its default export is not a classifier plugin. */
export class PluginLoadError extends Error {
  override readonly name = 'PluginLoadError';
  constructor(
    readonly specifier: string,
    message: string,
  ) {
    super(message);
  }
}
