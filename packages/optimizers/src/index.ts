export const placeholder = 'optimizers';
