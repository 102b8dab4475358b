import {
  createContext,
  useContext,
  useMemo,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { HearthApp } from '../services/types';

/**
 * One subscription to the app, shared by every component. Each app notification bumps a version
 * number; components re-read their slice only when it changed.
 */
interface HearthStore {
  readonly app: HearthApp;
  readonly subscribe: (listener: () => void) => () => void;
  readonly version: () => number;
}

function createStore(app: HearthApp): HearthStore {
  let version = 0;
  const listeners = new Set<() => void>();
  let unsubscribeApp: (() => void) | null = null;

  const notify = () => {
    version++;
    for (const listener of [...listeners]) listener();
  };

  return {
    app,
    version: () => version,
    subscribe(listener) {
      listeners.add(listener);
      if (!unsubscribeApp) {
        unsubscribeApp = app.subscribe(notify);
        // Changes made while nobody listened were not counted: treat everything as possibly new.
        version++;
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && unsubscribeApp) {
          unsubscribeApp();
          unsubscribeApp = null;
        }
      };
    },
  };
}

const HearthStoreContext = createContext<HearthStore | null>(null);

export function HearthProvider({ app, children }: { app: HearthApp; children: ReactNode }) {
  const store = useMemo(() => createStore(app), [app]);
  return <HearthStoreContext.Provider value={store}>{children}</HearthStoreContext.Provider>;
}

function useStore(): HearthStore {
  const store = useContext(HearthStoreContext);
  if (!store) throw new Error('useHearth must be used inside <HearthProvider>');
  return store;
}

/** The app, for calling its methods. */
export function useHearth(): HearthApp {
  return useStore().app;
}

/**
 * A value read from the app, kept up to date. `isEqual` decides when a freshly read value is the
 * same as the last one, so selectors that build new arrays or objects on every call (such as
 * app.circles()) do not cause endless re-renders; the previous value is returned instead.
 */
export function useHearthSnapshot<T>(
  selector: (app: HearthApp) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const store = useStore();
  const cache = useRef<{ version: number; selector: (app: HearthApp) => T; value: T } | null>(null);

  const getSnapshot = (): T => {
    const version = store.version();
    const cached = cache.current;
    if (cached && cached.version === version && cached.selector === selector) return cached.value;
    const next = selector(store.app);
    const value = cached && isEqual(cached.value, next) ? cached.value : next;
    cache.current = { version, selector, value };
    return value;
  };

  return useSyncExternalStore(store.subscribe, getSnapshot);
}
