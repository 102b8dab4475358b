import { memo } from 'react';
import type { Member } from '../../services/types';
import { Button } from '../../ui/Button';
import type { MemberDialogs } from './MemberActions';
import { OnlineIndicator } from './OnlineIndicator';

interface ChatHeaderProps {
  localId: string;
  name: string;
  description: string;
  members: ReadonlyMap<string, Member>;
  membersVersion: number;
  online: ReadonlySet<string>;
  myKey: string;
  titleId: string;
  /** Facilitators, and members where the circle allows it; others see no invite button at all. */
  canInvite: boolean;
  /** Facilitators see their log. */
  canFacilitate: boolean;
  onInvite: () => void;
  onOpenLog: () => void;
  /** Everyone can read the circle's guidelines; facilitators edit them there. */
  onOpenGuidelines: () => void;
  memberDialogs: MemberDialogs;
}

/**
 * The circle's name and description, who is online, and what this member may do from here.
 * Memoised on what it shows: a new message changes the circle's view but nothing here.
 */
export const ChatHeader = memo(function ChatHeader({
  localId,
  name,
  description,
  members,
  membersVersion,
  online,
  myKey,
  titleId,
  canInvite,
  canFacilitate,
  onInvite,
  onOpenLog,
  onOpenGuidelines,
  memberDialogs,
}: ChatHeaderProps) {
  return (
    <header className="chat-header">
      <div className="chat-header__titles">
        <h2 id={titleId} className="chat-header__name">
          {name}
        </h2>
        {description ? <p className="chat-header__description">{description}</p> : null}
      </div>
      <div className="chat-header__actions">
        <OnlineIndicator
          localId={localId}
          members={members}
          membersVersion={membersVersion}
          online={online}
          myKey={myKey}
          dialogs={memberDialogs}
        />
        <Button variant="quiet" onClick={onOpenGuidelines} data-testid="guidelines-button">
          Guidelines
        </Button>
        {canFacilitate ? (
          <Button variant="quiet" onClick={onOpenLog} data-testid="facilitator-log-button">
            Facilitators' log
          </Button>
        ) : null}
        {canInvite ? (
          <Button onClick={onInvite} data-testid="invite-button">
            Invite
          </Button>
        ) : null}
      </div>
    </header>
  );
});
