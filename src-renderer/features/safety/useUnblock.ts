import { useCallback } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { Member } from '../../services/types';
import { useAction } from '../facilitation/useAction';

/** Unblocks a member at once (no dialog: it only shows again what was covered), failures kept for an Alert. */
export function useUnblock(localId: string) {
  const app = useHearth();
  const { error, run } = useAction('Unblocking did not work just now. Please try again.');
  const unblock = useCallback(
    (member: Member) => void run(member.key, () => app.unblockMember(localId, member.key)),
    [app, localId, run],
  );
  return { error, unblock };
}
