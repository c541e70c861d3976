import { useEffect, useReducer, useState } from 'react';
import { initialTuneState, type TuneAction, type TuneState, tuneReducer } from './tune-reducer.js';

/** Where the view gets its actions: those so far, then each new one as it comes. */
export interface TuneFeed {
  readonly history: readonly TuneAction[];
  subscribe(listener: (action: TuneAction) => void): () => void;
}

/** The tuning view's state: the feed's past actions replayed, then kept up to date. */
export function useTuneState(feed: TuneFeed): TuneState {
  const [replayed] = useState(feed.history.length);
  const [state, dispatch] = useReducer(tuneReducer, feed.history, (history) =>
    history.slice(0, replayed).reduce(tuneReducer, initialTuneState),
  );
  useEffect(() => {
    // Actions that came between the first render and this effect.
    for (const action of feed.history.slice(replayed)) dispatch(action);
    return feed.subscribe(dispatch);
  }, [feed, replayed]);
  return state;
}

/** A feed the tuning command pushes actions into. */
export function createTuneFeed(): TuneFeed & { push(action: TuneAction): void } {
  const history: TuneAction[] = [];
  const listeners = new Set<(action: TuneAction) => void>();
  return {
    history,
    push(action) {
      history.push(action);
      for (const listener of listeners) listener(action);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
