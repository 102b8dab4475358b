// Parsing is the costly part of drawing a message, and the list remounts rows as they scroll in
// and out of view; so the elements for a text are kept, for the most recently drawn texts only.
import type { ReactNode } from 'react';
import { renderMessageText } from './render-tokens';

const KEPT_TEXTS = 600;
const kept = new Map<string, ReactNode>();

/** The elements for a message's text, parsed once while it stays among the recently drawn texts. */
export function messageTextElements(text: string): ReactNode {
  const found = kept.get(text);
  if (found !== undefined) {
    // Most recently used goes last, so the oldest is the first to leave.
    kept.delete(text);
    kept.set(text, found);
    return found;
  }
  const made = renderMessageText(text);
  kept.set(text, made);
  if (kept.size > KEPT_TEXTS) kept.delete(kept.keys().next().value!);
  return made;
}

/** Drops a text's elements (its author deleted the message): nothing of it stays drawn-ready here. */
export function forgetMessageText(text: string): void {
  kept.delete(text);
}
