import type { InviteSummary, Member } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { InviteDetails } from './InviteDetails';
import { InviteForm } from './InviteForm';
import { InviteList } from './InviteList';
import { INVITE_EXPLANATION } from './inviteText';
import { useInvite } from './useInvite';
import './invite.css';

interface InvitePanelProps {
  localId: string;
  circleName: string;
  invites: readonly InviteSummary[];
  members: ReadonlyMap<string, Member>;
  onClose: () => void;
}

/**
 * The circle's invites and a form for a new one. Opening it makes nothing: a share code is made
 * only when the person presses "Make share code".
 */
export function InvitePanel({ localId, circleName, invites, members, onClose }: InvitePanelProps) {
  const { state, make, reset } = useInvite(localId);
  return (
    <Dialog title={`Invite someone to ${circleName}`} onClose={onClose}>
      <div className="stack">
        <p className="invite-explanation">{INVITE_EXPLANATION}</p>
        {state.status === 'ready' ? (
          <div className="stack">
            <InviteDetails invite={state.invite} />
            <div className="actions">
              <Button onClick={reset}>Make another share code</Button>
            </div>
          </div>
        ) : (
          <InviteForm busy={state.status === 'making'} onMake={(o) => void make(o)} />
        )}
        {state.status === 'making' ? <Spinner label="Making a share code…" /> : null}
        <Alert message={state.status === 'error' ? state.message : null} />
        <InviteList localId={localId} invites={invites} members={members} />
      </div>
    </Dialog>
  );
}
