/** MNIST's classes are the digits themselves. */
export const MNIST_CLASS_NAMES: readonly string[] = Object.freeze([
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
]);

/** Fashion-MNIST's label names, in label order (from Zalando's README). */
export const FASHION_MNIST_CLASS_NAMES: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);

/** The class names of a dataset this package knows by name, or undefined. */
export function knownClassNames(name: string): readonly string[] | undefined {
  if (name === 'mnist') return MNIST_CLASS_NAMES;
  if (name === 'fashion-mnist') return FASHION_MNIST_CLASS_NAMES;
  return undefined;
}
