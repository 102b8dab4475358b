import { useHearthSnapshot } from '../../app/HearthContext';
import type { CircleSummary, HearthApp } from '../../services/types';
import { sameCircleSummary, sameList } from '../equality';

const selectCircles = (app: HearthApp): CircleSummary[] => app.circles();
const sameCircles = (a: CircleSummary[], b: CircleSummary[]) => sameList(a, b, sameCircleSummary);

/** The circles this person belongs to; keeps its identity while nothing in it changes. */
export function useCircles(): CircleSummary[] {
  return useHearthSnapshot(selectCircles, sameCircles);
}
