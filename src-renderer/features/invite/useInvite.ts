import { useCallback, useEffect, useRef, useState } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { InviteCode } from '../../services/types';

export type InviteState =
  | { status: 'loading' }
  | { status: 'ready'; invite: InviteCode }
  | { status: 'error'; message: string };

/**
 * Makes one invite for the circle when the panel opens. The request is kept in a ref so a
 * remounted effect (React's strict mode) reuses it instead of making a second invite.
 */
export function useInvite(localId: string) {
  const app = useHearth();
  const [state, setState] = useState<InviteState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const request = useRef<{ key: string; promise: Promise<InviteCode> } | null>(null);

  useEffect(() => {
    const key = `${localId}#${attempt}`;
    if (request.current?.key !== key) request.current = { key, promise: app.createInvite(localId) };
    let live = true;
    request.current.promise.then(
      (invite) => live && setState({ status: 'ready', invite }),
      (err: unknown) =>
        live &&
        setState({
          status: 'error',
          message:
            err instanceof Error && err.message ? err.message : 'The share code could not be made.',
        }),
    );
    return () => {
      live = false;
    };
  }, [app, localId, attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, retry };
}
