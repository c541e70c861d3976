/** Where a metric rejected its input, and why. */
export interface MetricsErrorDetails {
  /** Public function that rejected the input, e.g. `confusionMatrix`. */
  readonly fn: string;
  /** Argument or option at fault, e.g. `yPred` or `options.digits`. */
  readonly argument: string;
  /** Position inside the argument, when one element is at fault. */
  readonly index?: number;
  /** What was expected, phrased to follow "expected <argument>", e.g. `to be an integer ≥ 1`. */
  readonly expected: string;
  /** The offending value (or, for length mismatches, the length found). */
  readonly value?: unknown;
  /** Human description of what was found; defaults to a rendering of `value`. */
  readonly found?: string;
}

/** Thrown when a metric's input is malformed; the message names the argument, index and value. */
export class MetricsError extends Error {
  override readonly name = 'MetricsError';
  readonly fn: string;
  readonly argument: string;
  readonly index: number | undefined;
  readonly value: unknown;

  constructor(details: MetricsErrorDetails) {
    const where =
      details.index === undefined ? details.argument : `${details.argument}[${details.index}]`;
    const found = details.found ?? describeValue(details.value);
    super(`${details.fn}: expected ${where} ${details.expected}, found ${found}`);
    this.fn = details.fn;
    this.argument = details.argument;
    this.index = details.index;
    this.value = details.value;
  }
}

/** Renders a value for an error message so that strings, -0 and holes stay recognisable. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Object.is(value, -0)) return '-0';
  if (value !== null && typeof value === 'object') {
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    const length = (value as { length?: unknown }).length;
    return typeof length === 'number' ? `${tag} of length ${length}` : tag;
  }
  return String(value);
}
