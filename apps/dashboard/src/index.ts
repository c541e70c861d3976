export const placeholder = 'dashboard';
