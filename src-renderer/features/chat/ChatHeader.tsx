import type { CircleView } from '../../services/types';
import { Button } from '../../ui/Button';
import { OnlineIndicator } from './OnlineIndicator';

interface ChatHeaderProps {
  view: CircleView;
  titleId: string;
  onInvite: () => void;
}

/** The circle's name and description, who is online, and the invite button. */
export function ChatHeader({ view, titleId, onInvite }: ChatHeaderProps) {
  return (
    <header className="chat-header">
      <div className="chat-header__titles">
        <h2 id={titleId} className="chat-header__name">
          {view.name}
        </h2>
        {view.description ? <p className="chat-header__description">{view.description}</p> : null}
      </div>
      <div className="chat-header__actions">
        <OnlineIndicator members={view.members} online={view.online} myKey={view.myKey} version={view.version} />
        <Button onClick={onInvite} data-testid="invite-button">
          Invite
        </Button>
      </div>
    </header>
  );
}
