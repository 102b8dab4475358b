// Words for reactions and replies: what a screen reader says for a chip, and the line a quote shows.
import type { Reaction } from '../../../services/types';

/** The small set offered first (issue 19), with the names a screen reader says for each. */
export const QUICK_REACTIONS: readonly { emoji: string; name: string }[] = [
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '❤️', name: 'heart' },
  { emoji: '🙏', name: 'folded hands' },
  { emoji: '🤗', name: 'hug' },
  { emoji: '😢', name: 'crying face' },
  { emoji: '💪', name: 'strength' },
];

/** "Ann", "Ann and Ben", "Ann, Ben and Cy". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/** A chip's label: "🙏 2: Ann and Ben". */
export function chipLabel(emoji: string, names: readonly string[]): string {
  return `${emoji} ${names.length}: ${listNames(names)}`;
}

/** What the composer's reply line says of the message answered, as the timeline has it now. */
export function replyLine(original: { text: string; warning?: string } | null): string {
  // Deleted, hidden or gone since Reply was chosen: none of its text stays on screen.
  return original ? quoteLine(original) : 'a message that is no longer shown';
}

/** What a quote says of a message: its first line, or only that it is covered by a warning. */
export function quoteLine(message: { text: string; warning?: string }): string {
  return message.warning ? 'a message with a content warning' : firstLine(message.text);
}

/** The first line of a message, shortened to `max` characters for a quote. */
export function firstLine(text: string, max = 120): string {
  const line = text.trimStart().split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** One chip under a message, as this reader sees it. */
export interface Chip {
  emoji: string;
  count: number;
  /** Whether we are among those who reacted (the chip is a pressed toggle then). */
  mine: boolean;
  label: string;
}

/** The chips for a message's reactions; members this reader blocked are not counted or named. */
export function chipsFor(
  reactions: readonly Reaction[] | undefined,
  myKey: string,
  blocked: ReadonlySet<string>,
  nameOf: (key: string) => string,
): Chip[] {
  const chips: Chip[] = [];
  for (const r of reactions ?? []) {
    const authors = r.authors.filter((a) => !blocked.has(a));
    if (authors.length === 0) continue;
    const names = authors.map((a) => (a === myKey ? 'you' : nameOf(a)));
    chips.push({
      emoji: r.emoji,
      count: authors.length,
      mine: authors.includes(myKey),
      label: chipLabel(r.emoji, names),
    });
  }
  return chips;
}
