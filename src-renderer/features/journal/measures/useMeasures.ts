// Snapshots of the questionnaires for React: each re-renders only when its slice changes.
import { useHearthSnapshot } from '../../../app/HearthContext';
import type { HearthApp } from '../../../services/types';

const selectResults = (app: HearthApp) => app.journal.measures.results();
const selectDue = (app: HearthApp) => app.journal.measures.due();
const selectSettings = (app: HearthApp) => app.journal.measures.settings();

const sameSettings = (a: ReturnType<typeof selectSettings>, b: ReturnType<typeof selectSettings>) =>
  a.everyDays === b.everyDays && a.chosen.join() === b.chosen.join();

export const useMeasureResults = () => useHearthSnapshot(selectResults);
export const useMeasuresDue = () => useHearthSnapshot(selectDue);
export const useMeasureSettings = () => useHearthSnapshot(selectSettings, sameSettings);
