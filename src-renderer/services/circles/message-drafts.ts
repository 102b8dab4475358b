// The bodies of a member's messages and reactions (issue 19). Every member's ledger judges the
// records (src-shared/circle/reaction-book.ts); the checks here only give the person a clear
// message before a record that would be refused is written.
import {
  MessageBody,
  ReactBody,
  type MessageRef,
  type WarningTopic,
} from '../../../src-shared/records/schema';
import type { CircleSession } from './circle-session';

/** A message's body: the text, its content warning and the message it answers, if any. */
export function messageBody(
  text: string,
  warning?: WarningTopic,
  replyTo?: MessageRef,
): MessageBody {
  const body = MessageBody.safeParse({
    text,
    ...(warning && { warning: { topic: warning } }),
    // Only the pair: the message named is its author's, and nothing else of it goes in the record.
    ...(replyTo && { replyTo: { author: replyTo.author, id: replyTo.id } }),
  });
  if (!body.success || text.trim() === '')
    throw new Error('A message needs some text and at most 4,000 characters.');
  return body.data;
}

/** Writes our reaction `emoji` on message `target` (its author and id), or (on: false) takes it back. */
export function sendReaction(
  session: CircleSession,
  target: MessageRef,
  emoji: string,
  on: boolean,
): void {
  const body = ReactBody.safeParse({ target: { author: target.author, id: target.id }, emoji, on });
  if (!body.success) throw new Error('That reaction could not be sent: please choose one emoji.');
  if (!session.ledger.hasMessage(target))
    throw new Error('That message is no longer in the conversation.');
  session.append(session.draft('react', body.data));
}
