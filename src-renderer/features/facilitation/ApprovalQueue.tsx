import type { InviteSummary, KnockRequest, Member } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { MemberName } from '../chat/MemberName';
import { nameOf } from './permissions';
import { formatDateTime, relativeTime } from './timeText';
import { useKnockActions } from './useKnockActions';
import { useNow } from './useNow';

interface ApprovalQueueProps {
  localId: string;
  knocks: readonly KnockRequest[];
  invites: readonly InviteSummary[];
  members: ReadonlyMap<string, Member>;
  onClose: () => void;
}

/** The people asking to join, for a facilitator to let in or not. */
export function ApprovalQueue({ localId, knocks, invites, members, onClose }: ApprovalQueueProps) {
  const { running, error, answer } = useKnockActions(localId);
  const now = useNow();
  return (
    <Dialog title="People asking to join" onClose={onClose}>
      <div className="stack">
        <p className="field__hint">
          Nothing from the circle is shared with someone until you let them in. If you say no, they
          are told kindly and nothing about the circle reaches them.
        </p>
        <Alert message={error} />
        {knocks.length === 0 ? (
          <p role="status">Nobody is waiting right now.</p>
        ) : (
          <ul className="knock-list" aria-label="People asking to join" data-testid="knock-list">
            {knocks.map((knock) => {
              const busy = running.get(knock.requestId);
              return (
                <li key={knock.requestId} className="knock-list__item" data-testid="knock">
                  <div className="knock-list__who">
                    <MemberName name={knock.displayName} badge={knock.badge} />
                    <p className="knock-list__detail">
                      Asked{' '}
                      <time
                        dateTime={new Date(knock.at).toISOString()}
                        title={formatDateTime(knock.at)}
                      >
                        {relativeTime(knock.at, now)}
                      </time>{' '}
                      · {inviteText(invites, members, knock.inviteId)}
                    </p>
                  </div>
                  <div className="actions knock-list__actions">
                    <Button
                      variant="primary"
                      disabled={busy !== undefined}
                      aria-busy={busy === 'approve' || undefined}
                      onClick={() => void answer(knock, 'approve')}
                    >
                      Approve {knock.displayName}
                    </Button>
                    <Button
                      disabled={busy !== undefined}
                      aria-busy={busy === 'decline' || undefined}
                      onClick={() => void answer(knock, 'decline')}
                    >
                      Decline {knock.displayName}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </Dialog>
  );
}

/** Which invite a knock came through, by who made it and when. */
function inviteText(
  invites: readonly InviteSummary[],
  members: ReadonlyMap<string, Member>,
  inviteId: string,
): string {
  const invite = invites.find((i) => i.inviteId === inviteId);
  if (!invite) return "through one of the circle's invites";
  return `through the invite ${nameOf(members, invite.createdBy)} made ${formatDateTime(invite.createdAt)}`;
}
