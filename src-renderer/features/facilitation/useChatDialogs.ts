import { useCallback, useMemo, useState } from 'react';
import type { ChatMessage, Member } from '../../services/types';

/** The one dialog a circle's page has open, if any. */
export type ChatDialog =
  | { kind: 'invite' }
  | { kind: 'knocks' }
  | { kind: 'log' }
  | { kind: 'remove'; member: Member }
  | { kind: 'mute'; member: Member }
  | { kind: 'block'; member: Member }
  | { kind: 'moderate'; message: ChatMessage }
  | { kind: 'guidelines' }
  | { kind: 'report'; member: { key: string; name: string }; message: ChatMessage | null }
  | { kind: 'reports' }
  | { kind: 'relay' }
  | { kind: 'resources' }
  | { kind: 'rename' }
  | { kind: 'leave' }
  | { kind: 'delete-history' };

/** Which dialog is open, with stable openers so memoised parts of the page keep their props. */
export function useChatDialogs() {
  const [dialog, setDialog] = useState<ChatDialog | null>(null);
  const close = useCallback(() => setDialog(null), []);
  const open = useMemo(
    () => ({
      invite: () => setDialog({ kind: 'invite' }),
      knocks: () => setDialog({ kind: 'knocks' }),
      log: () => setDialog({ kind: 'log' }),
      remove: (member: Member) => setDialog({ kind: 'remove', member }),
      mute: (member: Member) => setDialog({ kind: 'mute', member }),
      block: (member: Member) => setDialog({ kind: 'block', member }),
      moderate: (message: ChatMessage) => setDialog({ kind: 'moderate', message }),
      guidelines: () => setDialog({ kind: 'guidelines' }),
      report: (member: { key: string; name: string }, message: ChatMessage | null = null) =>
        setDialog({ kind: 'report', member, message }),
      reports: () => setDialog({ kind: 'reports' }),
      relay: () => setDialog({ kind: 'relay' }),
      resources: () => setDialog({ kind: 'resources' }),
      rename: () => setDialog({ kind: 'rename' }),
      leave: () => setDialog({ kind: 'leave' }),
      deleteHistory: () => setDialog({ kind: 'delete-history' }),
    }),
    [],
  );
  return { dialog, open, close };
}
