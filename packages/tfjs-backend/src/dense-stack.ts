/** One Dense layer's weights in float32: kernel [inputs, units] row-major and bias [units]. */
export interface DenseLayer {
  readonly units: number;
  /** tfjs's activation name: 'relu' or 'linear' for hidden layers, 'softmax' for the output. */
  readonly activation: string;
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

/** A Sequential stack of Dense layers on `inputSize` features, input to output. */
export interface DenseStack<L extends DenseLayer = DenseLayer> {
  readonly inputSize: number;
  readonly layers: readonly L[];
}
