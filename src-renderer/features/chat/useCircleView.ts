import { useCallback } from 'react';
import { useHearthSnapshot } from '../../app/HearthContext';
import type { CircleView, HearthApp } from '../../services/types';
import { sameCircleView } from '../equality';

/** One circle's live state; a new object only when the circle's version changes. */
export function useCircleView(localId: string): CircleView | null {
  const select = useCallback((app: HearthApp) => app.circleView(localId), [localId]);
  return useHearthSnapshot(select, sameCircleView);
}
