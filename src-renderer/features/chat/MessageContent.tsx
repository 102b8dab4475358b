import { useMemo, useState } from 'react';
import { careCheck } from '../../../src-shared/care/care-check';
import type { ChatMessage } from '../../services/types';
import { useCareCheckOn } from '../safety/care-preference';
import { CareMessageNote } from '../safety/CareMessageNote';
import { CoveredMessage } from '../safety/CoveredMessage';
import { openedWarnings, useUncoveredTopics, WARNING_LABELS } from '../safety/warning-topics';

/**
 * A message's text as this reader should meet it: covered under its content warning until opened
 * (unless the reader uncovered that topic, or wrote it), and, for what others wrote, with the
 * care check's note when it mentions suicide or self-harm. Plain text; line breaks kept by CSS.
 */
export function MessageContent({ message, mine }: { message: ChatMessage; mine: boolean }) {
  const careOn = useCareCheckOn();
  const uncovered = useUncoveredTopics();
  const [opened, setOpened] = useState(() => openedWarnings.has(message.id));
  const { warning } = message;
  const covered = warning !== undefined && !mine && !opened && !uncovered.has(warning);
  // On this device only, for what others wrote; nothing is stored, logged or sent.
  const concern = useMemo(
    () => careOn && !mine && careCheck(message.text) === 'concern',
    [careOn, mine, message.text],
  );
  if (covered)
    return (
      <CoveredMessage
        topic={warning}
        onOpen={() => {
          openedWarnings.add(message.id);
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
      <p className="message__text" data-testid="message-text">
        {message.text}
      </p>
      {concern ? <CareMessageNote /> : null}
    </>
  );
}
