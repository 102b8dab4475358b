import { useId } from 'react';
import type { JoinAttempt } from '../../services/types';
import { Button } from '../../ui/Button';
import { CircleList } from '../circles/CircleList';
import { UnwipedNotice } from '../circles/UnwipedNotice';
import { JoinAttemptList } from '../join/JoinAttemptList';
import { LockButton } from './LockButton';

interface SidebarProps {
  selectedCircle: string | null;
  selectedAttempt: string | null;
  onSelectCircle: (localId: string) => void;
  onSelectAttempt: (attempt: JoinAttempt) => void;
  onNewCircle: () => void;
  onJoin: () => void;
  settingsOpen: boolean;
  onSettings: () => void;
  journalOpen: boolean;
  onJournal: () => void;
}

/** App name and Lock, then the circles, join attempts, the ways to start or join one, and Settings. */
export function Sidebar({
  selectedCircle,
  selectedAttempt,
  onSelectCircle,
  onSelectAttempt,
  onNewCircle,
  onJoin,
  journalOpen,
  onJournal,
  settingsOpen,
  onSettings,
}: SidebarProps) {
  const headingId = useId();
  return (
    <div className="sidebar">
      <header className="sidebar__header">
        <h1 className="sidebar__title">Hearth</h1>
        <LockButton />
      </header>
      <div className="sidebar__group">
        <button
          type="button"
          className="circle-item sidebar__journal"
          aria-current={journalOpen ? 'page' : undefined}
          onClick={onJournal}
          data-testid="open-journal"
        >
          <span className="circle-item__name">Journal</span>
          <span className="circle-item__detail">Private to you</span>
        </button>
      </div>
      <nav className="sidebar__nav" aria-label="Circles">
        <div className="sidebar__group">
          <h2 className="sidebar__heading" id={headingId}>
            Your circles
          </h2>
          <CircleList selectedId={selectedCircle} onSelect={onSelectCircle} />
          <UnwipedNotice />
        </div>
        <JoinAttemptList selectedId={selectedAttempt} onSelect={onSelectAttempt} />
        <div className="sidebar__actions">
          <Button onClick={onNewCircle} data-testid="new-circle">
            New circle
          </Button>
          <Button onClick={onJoin} data-testid="join-circle">
            Join with a code
          </Button>
        </div>
      </nav>
      <footer className="sidebar__footer">
        <Button
          variant="quiet"
          onClick={onSettings}
          aria-current={settingsOpen ? 'page' : undefined}
          data-testid="open-settings"
        >
          Settings
        </Button>
      </footer>
    </div>
  );
}
