import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';

/**
 * ink-testing-library's `render` in a terminal `columns` wide: its fake stdout always says 100
 * columns, and Ink lays the root out that wide, so a 120-column dashboard would be cut. The stdout
 * is told the width and the tree drawn again (state kept: same element type).
 */
export function renderInColumns(tree: ReactElement, columns: number): ReturnType<typeof render> {
  const app = render(tree);
  Object.defineProperty(app.stdout, 'columns', { get: () => columns, configurable: true });
  app.rerender(tree);
  return app;
}
