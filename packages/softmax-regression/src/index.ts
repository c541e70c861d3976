export const placeholder = 'softmax-regression';
