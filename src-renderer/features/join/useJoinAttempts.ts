import { useHearthSnapshot } from '../../app/HearthContext';
import type { HearthApp, JoinAttempt } from '../../services/types';
import { sameList } from '../equality';

const selectAttempts = (app: HearthApp): JoinAttempt[] => app.joinAttempts();
const sameAttempts = (a: JoinAttempt[], b: JoinAttempt[]) => sameList(a, b);

/** Join attempts the app is running (waiting ones continue in the background). */
export function useJoinAttempts(): JoinAttempt[] {
  return useHearthSnapshot(selectAttempts, sameAttempts);
}
