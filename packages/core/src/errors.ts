/** Base class for every error @digitlab/core raises, so callers can tell user mistakes from bugs. */
export class DigitlabError extends Error {
  override readonly name: string = 'DigitlabError';
}

/** A plugin name was looked up that the registry does not hold. */
export class UnknownPluginError extends DigitlabError {
  override readonly name = 'UnknownPluginError';
  constructor(
    readonly pluginName: string,
    readonly known: readonly string[],
  ) {
    super(
      `unknown classifier '${pluginName}': expected one of ${formatNames(known)}` +
        ' (or a module path / package name whose default export is a ClassifierPlugin)',
    );
  }
}

/** A plugin was registered under a name the registry already holds. */
export class DuplicatePluginError extends DigitlabError {
  override readonly name = 'DuplicatePluginError';
  constructor(
    readonly pluginName: string,
    readonly known: readonly string[],
  ) {
    super(
      `a classifier named '${pluginName}' is already registered (registered: ${formatNames(known)}); ` +
        'plugin names must be unique',
    );
  }
}

/** Something that was offered as a plugin does not have the ClassifierPlugin shape. */
export class InvalidPluginError extends DigitlabError {
  override readonly name = 'InvalidPluginError';
  constructor(
    readonly source: string,
    readonly problem: string,
  ) {
    super(`${source} is not a valid ClassifierPlugin: ${problem}`);
  }
}

/** Options given to a plugin failed its schema. */
export class PluginOptionsError extends DigitlabError {
  override readonly name = 'PluginOptionsError';
  constructor(
    readonly pluginName: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid options for classifier '${pluginName}': ${issues.join('; ')}`);
  }
}

/** A saved model directory or artifact is missing, corrupt or does not match what was expected. */
export class ArtifactError extends DigitlabError {
  override readonly name = 'ArtifactError';
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(path === undefined ? message : `${path}: ${message}`);
  }
}

/** A classifier was asked to predict, score or save before it had a model. */
export class NotFittedError extends DigitlabError {
  override readonly name = 'NotFittedError';
  constructor(
    readonly pluginName: string,
    readonly operation: string,
  ) {
    super(
      `${operation}: expected a fitted '${pluginName}' classifier, found one without a model (call fit() or load a saved model first)`,
    );
  }
}

/** Input data given to a classifier has the wrong shape or values. */
export class ClassifierInputError extends DigitlabError {
  override readonly name = 'ClassifierInputError';
}

function formatNames(names: readonly string[]): string {
  return names.length === 0 ? '(none registered)' : names.map((n) => `'${n}'`).join(', ');
}
