// The days on which this person wrote in a circle, for the journal's "what seems to help" (mood
// on days they took part against days they did not). Worked out from the open circles' own
// messages whenever it is asked for: never stored, never sent.
import type { ChatMessage } from '../../../src-shared/circle/ledger';

interface OwnWriting {
  readonly myKey: string;
  readonly ledger: { readonly messages: readonly ChatMessage[] };
}

const two = (n: number) => String(n).padStart(2, '0');

/** Local dates with at least one message of our own, in any of `circles`. */
export function daysWritten(circles: Iterable<OwnWriting>): Set<string> {
  const days = new Set<string>();
  for (const { myKey, ledger } of circles) {
    // Messages are in time order: a day already counted needs no second date conversion.
    let dayEnd = -Infinity;
    for (const m of ledger.messages) {
      if (m.author !== myKey || m.ts < dayEnd) continue;
      // The day on this computer's clock, as journal entries record theirs.
      const d = new Date(m.ts);
      days.add(`${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`);
      dayEnd = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
    }
  }
  return days;
}
