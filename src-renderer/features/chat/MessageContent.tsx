import { useMemo, useState } from 'react';
import { careCheck } from '../../../src-shared/care/care-check';
import { messageKey } from '../../../src-shared/circle/moderation';
import type { ChatMessage } from '../../services/types';
import { useCareCheckOn } from '../safety/care-preference';
import { CareMessageNote } from '../safety/CareMessageNote';
import { CoveredMessage } from '../safety/CoveredMessage';
import {
  isWarningOpened,
  openWarning,
  useUncoveredTopics,
  WARNING_LABELS,
} from '../safety/warning-topics';
import { messageTextElements } from './rich-text/message-text-cache';
import './rich-text/rich-text.css';

/**
 * A message's text as this reader should meet it: covered under its content warning until opened
 * (unless the reader uncovered that topic, or wrote it), and, for what others wrote, with the
 * care check's note when it mentions suicide or self-harm. A small Markdown subset, drawn as
 * plain elements (rich-text/): nothing a peer writes can run script or load anything.
 */
export function MessageContent({
  message,
  mine,
  careNote = true,
}: {
  message: ChatMessage;
  mine: boolean;
  /** False for a blocked member's message: the person is not drawn in to respond. */
  careNote?: boolean;
}) {
  const careOn = useCareCheckOn();
  const uncovered = useUncoveredTopics();
  const [opened, setOpened] = useState(() =>
    isWarningOpened(messageKey(message.author, message.id)),
  );
  const { warning } = message;
  const covered = warning !== undefined && !mine && !opened && !uncovered.has(warning);
  // On this device only, for what others wrote; nothing is stored, logged or sent.
  const concern = useMemo(
    () => careOn && careNote && !mine && careCheck(message.text) === 'concern',
    [careOn, careNote, mine, message.text],
  );
  // Parsed only once the text is shown: a covered message's text stays out of the DOM.
  const body = useMemo(
    () => (covered ? null : messageTextElements(message.text)),
    [covered, message.text],
  );
  if (covered)
    return (
      <CoveredMessage
        topic={warning}
        onOpen={() => {
          openWarning(messageKey(message.author, message.id));
          setOpened(true);
        }}
      />
    );
  return (
    <>
      {warning ? (
        <p className="message__warning-label" data-testid="message-warning">
          Content warning: {WARNING_LABELS[warning]}
        </p>
      ) : null}
      <div className="message__text" data-testid="message-text">
        {body}
      </div>
      {concern ? <CareMessageNote /> : null}
    </>
  );
}
