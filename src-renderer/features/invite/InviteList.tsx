import { useEffect, useId, useRef, useState } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { InviteSummary, Member } from '../../services/types';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { MemberName } from '../chat/MemberName';
import { formatDateTime } from '../facilitation/timeText';
import { useAction } from '../facilitation/useAction';
import { useNow } from '../facilitation/useNow';
import { approvalText, expiryText, inviteStateText, usesText } from './inviteText';

interface InviteListProps {
  localId: string;
  invites: readonly InviteSummary[];
  members: ReadonlyMap<string, Member>;
}

/** The circle's invites with their limits and state; a live one can be withdrawn. */
export function InviteList({ localId, invites, members }: InviteListProps) {
  const app = useHearth();
  const now = useNow();
  const headingId = useId();
  const [confirming, setConfirming] = useState<InviteSummary | null>(null);
  const withdraw = useAction('The invite could not be withdrawn. Please try again.');
  const list = useRef<HTMLElement>(null);
  // The Withdraw button that opened the confirmation is gone once the invite is withdrawn, so
  // focus would fall to the page: it goes to the invite's entry, which now says "Withdrawn".
  const [withdrawn, setWithdrawn] = useState<string | null>(null);
  useEffect(() => {
    if (withdrawn === null) return;
    list.current?.querySelector<HTMLElement>(`[data-invite="${CSS.escape(withdrawn)}"]`)?.focus();
  }, [withdrawn]);

  const confirm = async () => {
    if (!confirming) return;
    const done = await withdraw.run(confirming.inviteId, () =>
      app.revokeInvite(localId, confirming.inviteId),
    );
    if (!done) return;
    setConfirming(null);
    setWithdrawn(confirming.inviteId);
  };

  return (
    <section ref={list} className="stack stack--tight" aria-labelledby={headingId}>
      <h3 id={headingId} className="invite-list__heading">
        Share codes made so far
      </h3>
      {invites.length === 0 ? (
        <p className="field__hint">None yet.</p>
      ) : (
        <ul className="invite-list" data-testid="invite-list">
          {invites.map((invite) => (
            <li
              key={invite.inviteId}
              className="invite-list__item"
              data-testid="invite-item"
              data-state={invite.state}
              data-invite={invite.inviteId}
              tabIndex={invite.inviteId === withdrawn ? -1 : undefined}
            >
              <p className="invite-list__title">
                <span className={`invite-state invite-state--${invite.state}`}>
                  {inviteStateText(invite)}
                </span>
                <span>
                  Made by{' '}
                  <MemberName
                    name={members.get(invite.createdBy)?.displayName ?? 'a former member'}
                    memberKey={invite.createdBy}
                  />
                  , {formatDateTime(invite.createdAt)}
                </span>
              </p>
              <p className="invite-list__detail">
                {expiryText(invite, now)} · {usesText(invite)} · {approvalText(invite)}
              </p>
              {invite.state === 'live' ? (
                <Button
                  className="invite-list__withdraw"
                  onClick={() => setConfirming(invite)}
                  data-testid="invite-withdraw"
                >
                  Withdraw
                  <VisuallyHidden>
                    {' '}
                    the invite made {formatDateTime(invite.createdAt)}
                  </VisuallyHidden>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {confirming ? (
        <ConfirmDialog
          title="Withdraw this invite?"
          confirmLabel="Withdraw invite"
          cancelLabel="Keep it"
          busy={withdraw.running !== null}
          error={withdraw.error}
          onConfirm={() => void confirm()}
          onClose={() => setConfirming(null)}
          testId="invite-withdraw-confirm"
        >
          <p>
            Nobody can use this share code from now on; anyone who tries is told kindly to ask for a
            new one. People it already let in stay in the circle.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
