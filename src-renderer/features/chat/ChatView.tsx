import { useCallback, useId, useMemo, useState } from 'react';
import { ChatDialogs } from '../facilitation/ChatDialogs';
import { FacilitationNotices } from '../facilitation/FacilitationNotices';
import { canFacilitate, canInvite, isInCircle } from '../facilitation/permissions';
import { MutedNote, ReadOnlyNote, StandingBanner } from '../facilitation/StandingBanner';
import { GuidelinesGate } from '../facilitation/GuidelinesGate';
import { useChatDialogs } from '../facilitation/useChatDialogs';
import { ChatHeader } from './ChatHeader';
import { CircleNotices } from './CircleNotices';
import { Composer } from './Composer';
import type { MemberDialogs } from './MemberActions';
import { MessageList } from './MessageList';
import { useCircleView } from './useCircleView';
import { useMarkRead } from './useMarkRead';
import './chat.css';

const NO_MUTES: ReadonlyMap<string, { until: number; reason: string }> = new Map();

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
  useMarkRead(localId);
  const titleId = useId();
  const { dialog, open, close } = useChatDialogs();
  const [jumpRequest, setJumpRequest] = useState(0);
  const onSent = useCallback(() => setJumpRequest((n) => n + 1), []);
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
    }),
    [facilitator, inCircle, open, view?.mutes],
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
        memberDialogs={memberDialogs}
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
          forkedAuthors={view.forkedAuthors}
          members={view.members}
          membersVersion={view.membersVersion}
          onReviewKnocks={open.knocks}
        />
      ) : null}
      <MessageList
        circleName={view.name}
        messages={view.messages}
        authors={view.people}
        myKey={view.myKey}
        jumpRequest={jumpRequest}
        onModerate={facilitator ? open.moderate : null}
      />
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
          <Composer localId={localId} autoFocus={autoFocusComposer} onSent={onSent} />
        </GuidelinesGate>
      ) : (
        <ReadOnlyNote />
      )}
      <ChatDialogs dialog={dialog} view={view} onClose={close} onWiped={onWiped} />
    </section>
  );
}
