import { useHearthSnapshot } from '../../app/HearthContext';
import type { HearthApp, Progress } from '../../services/types';
import { sameProgress } from '../equality';

const selectProgress = (app: HearthApp): Progress | null => app.vaultProgress();

/** Progress of a running unlock or vault creation, or null. */
export function useVaultProgress(): Progress | null {
  return useHearthSnapshot(selectProgress, sameProgress);
}
