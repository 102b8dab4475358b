import { memo } from 'react';
import type { Member } from '../../services/types';
import { Button } from '../../ui/Button';
import { OnlineIndicator } from './OnlineIndicator';

interface ChatHeaderProps {
  name: string;
  description: string;
  members: ReadonlyMap<string, Member>;
  membersVersion: number;
  online: ReadonlySet<string>;
  myKey: string;
  titleId: string;
  onInvite: () => void;
}

/**
 * The circle's name and description, who is online, and the invite button. Memoised on what it
 * shows: a new message changes the circle's view but nothing here.
 */
export const ChatHeader = memo(function ChatHeader({
  name,
  description,
  members,
  membersVersion,
  online,
  myKey,
  titleId,
  onInvite,
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
          members={members}
          membersVersion={membersVersion}
          online={online}
          myKey={myKey}
        />
        <Button onClick={onInvite} data-testid="invite-button">
          Invite
        </Button>
      </div>
    </header>
  );
});
