import { useCallback, useRef, useState } from 'react';

export interface VaultAction {
  busy: boolean;
  error: string | null;
  setError: (message: string | null) => void;
  /** Runs the task once at a time; resolves true when it succeeded. */
  run: (task: () => Promise<void>) => Promise<boolean>;
}

const FALLBACK_MESSAGE = 'Something went wrong. Please try again.';

/** Busy and error state for one vault operation (create or unlock). */
export function useVaultAction(): VaultAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const run = useCallback(async (task: () => Promise<void>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await task();
      return true;
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : FALLBACK_MESSAGE);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  return { busy, error, setError, run };
}
