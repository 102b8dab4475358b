import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { JoinAttempt, JoinPhase } from '../../services/types';
import { sameJoinPhase } from '../equality';

/** The live phase of one join attempt. */
export function useJoinPhase(attempt: JoinAttempt): JoinPhase {
  const cache = useRef<JoinPhase | null>(null);
  const subscribe = useCallback((listener: () => void) => attempt.subscribe(listener), [attempt]);
  const getSnapshot = () => {
    const next = attempt.state();
    if (cache.current && sameJoinPhase(cache.current, next)) return cache.current;
    cache.current = next;
    return next;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}
