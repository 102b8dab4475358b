// The Network section's state: the person's ICE settings (null while locked), and one action at a
// time with its user-facing error.
import { useState } from 'react';
import { useHearth, useHearthSnapshot } from '../../app/HearthContext';
import type { HearthApp } from '../../services/types';

const selectIce = (app: HearthApp) => app.network.view();

export const useIceSettingsView = () => useHearthSnapshot(selectIce);

/** Runs one settings change at a time; a refusal's message is kept for the screen. */
export function useIceAction() {
  const network = useHearth().network;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : 'That did not work. Please try again.');
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { network, busy, error, run };
}
