import { useStdout } from 'ink';
import { type Dispatch, useEffect } from 'react';
import type { DashboardAction } from '../components/dashboard/dashboard-action.js';

/** Follow terminal resizes: each 'resize' of stdout becomes a `resized` action. */
export function useTerminalSize(dispatch: Dispatch<DashboardAction>): void {
  const { stdout } = useStdout();
  useEffect(() => {
    const onResize = (): void => {
      dispatch({ type: 'resized', columns: stdout.columns, rows: stdout.rows });
    };
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, dispatch]);
}
