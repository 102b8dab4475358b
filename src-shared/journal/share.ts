// The one thing from the journal that may ever leave the device, and only when the user asks:
// a check-in's mood and a short line, as an ordinary circle message.
import { MOOD_WORDS, type Mood } from './schema';

export const MAX_SHARE_LINE_CHARS = 200;

/** The message text for a shared check-in, e.g. `Check-in: feeling 4/5 (good). Slept well.` */
export function checkInMessage(mood: Mood, line: string): string {
  const short = line.replace(/\s+/g, ' ').trim().slice(0, MAX_SHARE_LINE_CHARS);
  return `Check-in: feeling ${mood}/5 (${MOOD_WORDS[mood]})${short ? `. ${short}` : '.'}`;
}
