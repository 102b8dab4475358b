import { useCallback, useState } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { KnockRequest } from '../../services/types';
import { errorText, useMounted } from './useAction';

export type KnockAnswer = 'approve' | 'decline';

/**
 * Approving and declining knocks. Each knock's buttons are disabled while an answer to it runs;
 * answers to different people may run side by side. A failure is kept with the person's name,
 * so the message says whose answer did not go through.
 */
export function useKnockActions(localId: string) {
  const app = useHearth();
  const [running, setRunning] = useState<ReadonlyMap<string, KnockAnswer>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const live = useMounted();

  const answer = useCallback(
    async (knock: KnockRequest, how: KnockAnswer) => {
      setRunning((m) => new Map(m).set(knock.requestId, how));
      setError(null);
      try {
        await (how === 'approve'
          ? app.approveKnock(localId, knock.requestId)
          : app.declineKnock(localId, knock.requestId));
      } catch (err) {
        const what =
          how === 'approve'
            ? `${knock.displayName} could not be let in just now.`
            : `Your answer to ${knock.displayName} did not go through just now.`;
        if (live.current) setError(`${what} ${errorText(err, 'Please try again.')}`);
      } finally {
        if (live.current)
          setRunning((m) => {
            const next = new Map(m);
            next.delete(knock.requestId);
            return next;
          });
      }
    },
    [app, localId, live],
  );

  return { running, error, answer };
}
