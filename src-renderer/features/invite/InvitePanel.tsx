import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { InviteDetails } from './InviteDetails';
import { useInvite } from './useInvite';
import './invite.css';

interface InvitePanelProps {
  localId: string;
  circleName: string;
  onClose: () => void;
}

export const INVITE_EXPLANATION =
  'Anyone with this code can ask to join while a member of the circle is online. Share it privately.';

/** A dialog with a fresh share code for the circle. */
export function InvitePanel({ localId, circleName, onClose }: InvitePanelProps) {
  const { state, retry } = useInvite(localId);
  return (
    <Dialog title={`Invite someone to ${circleName}`} onClose={onClose}>
      <p>{INVITE_EXPLANATION}</p>
      {state.status === 'loading' ? <Spinner label="Making a share code…" /> : null}
      {state.status === 'error' ? (
        <div className="stack">
          <Alert message={state.message} />
          <div className="actions">
            <Button onClick={retry}>Try again</Button>
          </div>
        </div>
      ) : null}
      {state.status === 'ready' ? <InviteDetails invite={state.invite} /> : null}
    </Dialog>
  );
}
