import { useCallback, useEffect, useRef, useState } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { InviteCode, InviteOptions } from '../../services/types';
import { errorText } from '../facilitation/useAction';

export type InviteState =
  | { status: 'idle' }
  | { status: 'making' }
  | { status: 'ready'; invite: InviteCode }
  | { status: 'error'; message: string };

/**
 * Makes an invite when the person asks for one, never on its own: opening the panel shows the
 * circle's invites and a form. One request at a time, so a double click makes one invite.
 */
export function useInvite(localId: string) {
  const app = useHearth();
  const [state, setState] = useState<InviteState>({ status: 'idle' });
  const busy = useRef(false);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const make = useCallback(
    async (options: InviteOptions) => {
      if (busy.current) return;
      busy.current = true;
      setState({ status: 'making' });
      try {
        const invite = await app.createInvite(localId, options);
        if (live.current) setState({ status: 'ready', invite });
      } catch (err) {
        if (live.current)
          setState({
            status: 'error',
            message: errorText(err, 'The share code could not be made.'),
          });
      } finally {
        busy.current = false;
      }
    },
    [app, localId],
  );

  const reset = useCallback(() => setState({ status: 'idle' }), []);

  return { state, make, reset };
}
