import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { ChatDialogs } from '../facilitation/ChatDialogs';
import { FacilitationNotices } from '../facilitation/FacilitationNotices';
import { canFacilitate, canInvite, isInCircle } from '../facilitation/permissions';
import { OwnMessageCircle } from './own-message-context';
import { MutedNote, ReadOnlyNote, StandingBanner } from '../facilitation/StandingBanner';
import { GuidelinesGate } from '../facilitation/GuidelinesGate';
import { useChatDialogs } from '../facilitation/useChatDialogs';
import { ChatHeader } from './ChatHeader';
import { CircleNotices } from './CircleNotices';
import { Composer } from './Composer';
import type { MemberDialogs } from './MemberActions';
import { MessageList, UNKNOWN_AUTHOR } from './MessageList';
import { TypingLine } from './typing/TypingLine';
import { ReportAnswerNotice } from '../reports/ReportAnswerNotice';
import { openInbox, reportCount, useReportsSeen } from '../reports/useReportsSeen';
import type { ChatMessage } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { useReplyAndReact } from './actions/useReplyAndReact';
import { useOriginalLookup } from './actions/original-lookup';
import { replyLine } from './actions/reaction-text';
import { ListSnapshot } from '../../../src-shared/list-snapshot';
import { useCircleView } from './useCircleView';
import { useFirstUnread } from './useFirstUnread';
import { SearchPanel } from '../search/SearchPanel';
import { useSearchOpen } from '../search/useSearchOpen';
import { useOpenedWarnings, useUncoveredTopics } from '../safety/warning-topics';
import { useMarkRead } from './useMarkRead';
import './chat.css';

const NO_MUTES: ReadonlyMap<string, { until: number; reason: string }> = new Map();
const NOBODY: ReadonlySet<string> = new Set();
const NO_MESSAGES = ListSnapshot.of<ChatMessage>([]);

interface ChatViewProps {
  localId: string;
  /** Put the cursor in the message box (after creating or joining the circle). */
  autoFocusComposer?: boolean;
  /** The circle's history was deleted from this device: there is nothing left to show here. */
  onCircleGone?: () => void;
}

/** One circle: header, notices, the conversation and the message box. */
export function ChatView({ localId, autoFocusComposer, onCircleGone }: ChatViewProps) {
  const view = useCircleView(localId);
  // Before useMarkRead's effect moves the read marker.
  const firstUnread = useFirstUnread(localId, view);
  useMarkRead(localId);
  const titleId = useId();
  const { dialog, open, close } = useChatDialogs();
  const { seenAt: reportsSeenAt, dismiss: dismissAnswers } = useReportsSeen(localId);
  const openReports = useCallback(() => {
    dismissAnswers();
    open.reports();
  }, [dismissAnswers, open]);
  const searchButton = useRef<HTMLButtonElement>(null);
  const search = useSearchOpen(useCallback(() => searchButton.current, []));
  const uncoveredTopics = useUncoveredTopics();
  const openedWarnings = useOpenedWarnings();
  const [jumpRequest, setJumpRequest] = useState(0);
  const { replyTo, startReply, cancelReply, react, reactError } = useReplyAndReact(localId);
  const replyOriginalOf = useOriginalLookup(view?.messages ?? NO_MESSAGES, NOBODY);
  const onSent = useCallback(() => {
    cancelReply();
    setJumpRequest((n) => n + 1);
  }, [cancelReply]);
  const inCircle = view !== null && isInCircle(view);
  const facilitator = view !== null && canFacilitate(view);
  const memberDialogs = useMemo<MemberDialogs>(
    () => ({
      canManage: facilitator,
      canChangeSelf: inCircle,
      onRemove: open.remove,
      onMute: open.mute,
      mutes: view?.mutes ?? NO_MUTES,
      onRename: open.rename,
      onLeave: open.leave,
      onReport: (member) => open.report({ key: member.key, name: member.displayName }),
      blocked: view?.blocked ?? NOBODY,
      onBlock: open.block,
    }),
    [facilitator, inCircle, open, view?.mutes, view?.blocked],
  );
  const people = view?.people;
  const all = view?.signalingUrls;
  const answering = view?.signalingAnswering;
  const servers = useMemo(() => ({ all: all ?? [], answering: answering ?? [] }), [all, answering]);
  const onReportMessage = useCallback(
    (message: ChatMessage) =>
      open.report(
        { key: message.author, name: people?.get(message.author)?.displayName ?? UNKNOWN_AUTHOR },
        message,
      ),
    [open, people],
  );
  const canWrite = inCircle && !view.mutes.has(view.myKey);
  const nameOf = (key: string) => people?.get(key)?.displayName ?? UNKNOWN_AUTHOR;
  const myKey = view?.myKey ?? '';
  const blocked = view?.blocked ?? NOBODY;
  const searchReader = useMemo(
    () => ({ myKey, facilitator, blocked, uncoveredTopics, openedWarnings }),
    [myKey, facilitator, blocked, uncoveredTopics, openedWarnings],
  );
  const onWiped = useCallback(() => {
    close();
    onCircleGone?.();
  }, [close, onCircleGone]);

  if (!view) {
    return (
      <section className="pane-page" aria-labelledby={titleId}>
        <h2 id={titleId}>This circle is not available</h2>
        <p>It may still be loading. Choose it again from the list in a moment.</p>
      </section>
    );
  }

  return (
    <section className="chat" aria-labelledby={titleId}>
      <ChatHeader
        localId={localId}
        name={view.name}
        description={view.description}
        members={view.members}
        membersVersion={view.membersVersion}
        online={view.online}
        myKey={view.myKey}
        titleId={titleId}
        canInvite={canInvite(view)}
        canFacilitate={facilitator}
        onInvite={open.invite}
        onOpenLog={open.log}
        onOpenGuidelines={open.guidelines}
        reportCount={reportCount(view, facilitator)}
        onOpenReports={openReports}
        onOpenResources={open.resources}
        relay={view.relay}
        onOpenRelay={open.relay}
        servers={servers}
        memberDialogs={memberDialogs}
        onOpenSearch={search.openSearch}
        searchOpen={search.open}
        searchButtonRef={searchButton}
      />
      <StandingBanner standing={view.standing} onDeleteHistory={open.deleteHistory} />
      <CircleNotices
        connection={view.connection}
        signalingUrls={view.signalingUrls}
        storageProblem={view.storageProblem}
        syncing={view.syncing}
        ignoredRecords={view.ignoredRecords}
      />
      {facilitator ? (
        <FacilitationNotices
          knockCount={view.knocks.length}
          openReports={openInbox(view.reports)}
          onReviewReports={openReports}
          forkedAuthors={view.forkedAuthors}
          members={view.members}
          membersVersion={view.membersVersion}
          onReviewKnocks={open.knocks}
        />
      ) : null}
      <ReportAnswerNotice
        mine={view.reports.mine}
        seenAt={reportsSeenAt}
        onOpen={openReports}
        onDismiss={dismissAnswers}
      />
      {search.open ? (
        <SearchPanel
          circleName={view.name}
          messages={view.messages}
          reader={searchReader}
          authors={view.people}
          focusRequest={search.focusRequest}
          onJump={search.jumpTo}
          onClose={search.closeSearch}
        />
      ) : null}
      <OwnMessageCircle value={inCircle ? localId : null}>
        <MessageList
          circleName={view.name}
          messages={view.messages}
          membershipEvents={view.membershipEvents}
          firstUnread={firstUnread}
          authors={view.people}
          myKey={view.myKey}
          blocked={view.blocked}
          jumpRequest={jumpRequest}
          onModerate={facilitator ? open.moderate : null}
          onReport={inCircle ? onReportMessage : null}
          delivery={view.delivery}
          reactions={view.reactions}
          onReply={canWrite ? startReply : null}
          onReact={canWrite ? react : null}
          reveal={search.reveal}
        />
      </OwnMessageCircle>
      <Alert message={reactError} testId="reaction-error" />
      <TypingLine typing={view.typing} members={view.members} blocked={view.blocked} />
      {inCircle && view.mutes.has(view.myKey) ? (
        <MutedNote until={view.mutes.get(view.myKey)!.until} />
      ) : inCircle ? (
        <GuidelinesGate
          localId={localId}
          circleName={view.name}
          guidelines={view.guidelines}
          myKey={view.myKey}
          facilitator={facilitator}
        >
          <Composer
            localId={localId}
            autoFocus={autoFocusComposer}
            onSent={onSent}
            replyTo={replyTo}
            replyAuthor={replyTo ? nameOf(replyTo.author) : ''}
            replyQuote={replyTo ? replyLine(replyOriginalOf(replyTo)) : ''}
            onCancelReply={cancelReply}
          />
        </GuidelinesGate>
      ) : (
        <ReadOnlyNote />
      )}
      <ChatDialogs dialog={dialog} view={view} onClose={close} onWiped={onWiped} />
    </section>
  );
}
