import { useCallback, useId, useState } from 'react';
import { InvitePanel } from '../invite/InvitePanel';
import { ChatHeader } from './ChatHeader';
import { CircleNotices } from './CircleNotices';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { useCircleView } from './useCircleView';
import { useMarkRead } from './useMarkRead';
import './chat.css';

interface ChatViewProps {
  localId: string;
  /** Put the cursor in the message box (after creating or joining the circle). */
  autoFocusComposer?: boolean;
}

/** One circle: header, notices, the conversation and the message box. */
export function ChatView({ localId, autoFocusComposer }: ChatViewProps) {
  const view = useCircleView(localId);
  useMarkRead(localId);
  const titleId = useId();
  const [inviteOpen, setInviteOpen] = useState(false);
  const [jumpRequest, setJumpRequest] = useState(0);
  const onSent = useCallback(() => setJumpRequest((n) => n + 1), []);
  const openInvite = useCallback(() => setInviteOpen(true), []);

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
        name={view.name}
        description={view.description}
        members={view.members}
        membersVersion={view.membersVersion}
        online={view.online}
        myKey={view.myKey}
        titleId={titleId}
        onInvite={openInvite}
      />
      <CircleNotices
        connection={view.connection}
        signalingUrls={view.signalingUrls}
        storageProblem={view.storageProblem}
        syncing={view.syncing}
        ignoredRecords={view.ignoredRecords}
      />
      <MessageList
        circleName={view.name}
        messages={view.messages}
        members={view.members}
        myKey={view.myKey}
        jumpRequest={jumpRequest}
      />
      <Composer localId={localId} autoFocus={autoFocusComposer} onSent={onSent} />
      {inviteOpen ? (
        <InvitePanel
          localId={localId}
          circleName={view.name}
          onClose={() => setInviteOpen(false)}
        />
      ) : null}
    </section>
  );
}
