import { useCallback } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { Member } from '../../services/types';
import { useAction } from '../facilitation/useAction';

/** Makes a member co-facilitator or takes the role back, one change at a time, failures kept for an Alert. */
export function useRoleChange(localId: string) {
  const app = useHearth();
  const { running, error, run } = useAction(
    'The role could not be changed just now. Please try again.',
  );
  const setRole = useCallback(
    (member: Member, role: Member['role']) =>
      void run(member.key, () => app.setRole(localId, member.key, role)),
    [app, localId, run],
  );
  return { changing: running, error, setRole };
}
