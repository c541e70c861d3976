export const placeholder = 'datasets';
