import { useCallback, useEffect, useRef, useState } from 'react';

/** The message of a rejected call: the services reject with user-facing messages. */
export function errorText(err: unknown, fallback: string): string {
  return err instanceof Error && err.message ? err.message : fallback;
}

/** True while the component is mounted: a call that ends later must not set its state. */
export function useMounted(): { readonly current: boolean } {
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  return live;
}

/**
 * Runs one call at a time for a button: `running` names what runs (so only that button is
 * disabled), and a failure leaves a message for an Alert. Nothing is set after unmounting
 * (a removal or approval can make the screen go away while the call ends).
 */
export function useAction(fallbackError: string) {
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useMounted();

  const run = useCallback(
    async (what: string, call: () => Promise<void>): Promise<boolean> => {
      setRunning(what);
      setError(null);
      try {
        await call();
        return true;
      } catch (err) {
        if (live.current) setError(errorText(err, fallbackError));
        return false;
      } finally {
        if (live.current) setRunning(null);
      }
    },
    [fallbackError, live],
  );

  return { running, error, run };
}
