import { memo, type RefObject } from 'react';
import type { Member } from '../../services/types';
import { Button } from '../../ui/Button';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import type { MemberDialogs } from './MemberActions';
import { CircleToolsMenu } from './CircleToolsMenu';
import { OnlineIndicator } from './OnlineIndicator';
import type { RelayView } from '../../services/circles/relay-watch';
import { relayStatusText } from '../relay/relayText';

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
  /** Facilitators get the circle tools menu: reports, resources, relay and their log. */
  canFacilitate: boolean;
  onInvite: () => void;
  onOpenLog: () => void;
  /** Everyone can read the circle's guidelines; facilitators edit them there. */
  onOpenGuidelines: () => void;
  /** Reports waiting for this facilitator's answer; null hides the button (a member with none sent). */
  reportCount: number | null;
  onOpenReports: () => void;
  /** Facilitators edit the circle's support resources (members see them in "Get help now"). */
  onOpenResources: () => void;
  /** Whether a relay keeps the circle reachable (everyone sees it); facilitators manage it. */
  relay: RelayView;
  onOpenRelay: () => void;
  /** The circle's signaling servers, and those that answer now (shown in the member list). */
  servers: { all: readonly string[]; answering: readonly string[] };
  memberDialogs: MemberDialogs;
  /** Opens the search in the circle's history (also Ctrl/⌘+F). */
  onOpenSearch: () => void;
  searchOpen: boolean;
  searchButtonRef: RefObject<HTMLButtonElement | null>;
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
  reportCount,
  onOpenReports,
  onOpenResources,
  relay,
  onOpenRelay,
  servers,
  memberDialogs,
  onOpenSearch,
  searchOpen,
  searchButtonRef,
}: ChatHeaderProps) {
  return (
    <header className="chat-header">
      <div className="chat-header__titles">
        <h2 id={titleId} className="chat-header__name">
          {name}
        </h2>
        {description ? <p className="chat-header__description">{description}</p> : null}
        {relay.attached ? (
          <p className="chat-header__relay" data-testid="relay-line">
            {relayStatusText(relay)}
          </p>
        ) : null}
      </div>
      <div className="chat-header__actions">
        <OnlineIndicator
          localId={localId}
          members={members}
          membersVersion={membersVersion}
          online={online}
          myKey={myKey}
          dialogs={memberDialogs}
          servers={servers}
        />
        <Button
          ref={searchButtonRef}
          variant="quiet"
          onClick={onOpenSearch}
          aria-expanded={searchOpen}
          aria-keyshortcuts="Control+F Meta+F"
          data-testid="search-button"
        >
          Search
        </Button>
        <Button variant="quiet" onClick={onOpenGuidelines} data-testid="guidelines-button">
          Guidelines
        </Button>
        {canFacilitate ? (
          <CircleToolsMenu
            reportCount={reportCount ?? 0}
            onOpenReports={onOpenReports}
            onOpenResources={onOpenResources}
            onOpenRelay={onOpenRelay}
            onOpenLog={onOpenLog}
          />
        ) : reportCount !== null ? (
          <Button variant="quiet" onClick={onOpenReports} data-testid="reports-button">
            <span>
              Reports
              {reportCount > 0 ? (
                <>
                  {' '}
                  <span className="chat-header__count" data-testid="reports-count">
                    {reportCount}
                  </span>
                  <VisuallyHidden> waiting for an answer</VisuallyHidden>
                </>
              ) : null}
            </span>
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
