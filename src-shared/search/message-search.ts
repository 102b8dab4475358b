// Search in a circle's history, on this device, in memory only: nothing here is stored. Each
// message's text is folded once (fold-text.ts) and kept beside the message object itself, so a
// query is one pass over prepared strings, newest first. Measured by `search100kMs` (bench/).
import { messageKey } from '../circle/moderation';
import type { ChatMessage } from '../circle/timeline';
import type { ReadableList } from '../list-snapshot';
import type { WarningTopic } from '../records/schema';
import { foldText, queryWords } from './fold-text';

/** Whether the reader may see a message's text in results, only after choosing to, or not at all. */
export type SearchVisibility = 'shown' | 'behind-warning' | 'hidden-by-facilitator' | 'never';

/** What the reader's screen shows of a message, which search must not go beyond. */
export interface SearchReader {
  myKey: string;
  facilitator: boolean;
  /** Members this device blocked: their words are never found. */
  blocked: ReadonlySet<string>;
  /** Content-warning topics this person chose to see uncovered. */
  uncoveredTopics: ReadonlySet<WarningTopic>;
  /**
   * Messages whose content warning the person opened, by messageKey (author and id: another
   * member may reuse an id, and must not get their own warned message shown uncovered).
   */
  openedWarnings: ReadonlySet<string>;
}

/** Never more than the conversation would show this reader: a hidden text only to its writer and (on request) facilitators, a warned one uncovered only as the person chose, a blocked member's never. */
export function searchVisibility(message: ChatMessage, reader: SearchReader): SearchVisibility {
  const mine = message.author === reader.myKey;
  if (!mine && reader.blocked.has(message.author)) return 'never';
  if (message.hidden && !mine) return reader.facilitator ? 'hidden-by-facilitator' : 'never';
  const { warning } = message;
  if (
    warning !== undefined &&
    !mine &&
    !reader.openedWarnings.has(messageKey(message.author, message.id)) &&
    !reader.uncoveredTopics.has(warning)
  )
    return 'behind-warning';
  return 'shown';
}

export interface SearchResults {
  /** The query's folded words, for marking matches. */
  words: string[];
  /** Matching messages the reader sees, newest first. */
  shown: ChatMessage[];
  /** Matching messages behind a content warning, newest first: shown only when the person asks. */
  behindWarning: ChatMessage[];
  /** For facilitators, matching messages a facilitator hid, newest first: shown when asked. */
  hiddenByFacilitator: ChatMessage[];
}

export const NO_RESULTS: SearchResults = Object.freeze({
  words: [],
  shown: [],
  behindWarning: [],
  hiddenByFacilitator: [],
});

/**
 * The folded text of each message of the timeline, in the timeline's order, kept in memory only.
 * Arrays beside the list rather than a map per message: a WeakMap entry per message cost more to
 * add than folding the text. When the timeline only grew, only the new messages are folded; a
 * text that changed (an edit) is folded again; a reordered or shortened timeline reuses the folds
 * it already had. So results always follow the timeline's current text.
 */
export class MessageSearch {
  /** The message each fold was made from, its text then, and the fold, by timeline position. */
  private sources: ChatMessage[] = [];
  private texts: string[] = [];
  /** Undefined where a message is not folded yet. */
  private folded: (string | undefined)[] = [];

  /**
   * Folds up to `budget` messages not folded yet, newest first; true once all are ready. Lets a
   * caller prepare a long history in slices that never hold the page up for long.
   */
  prepare(messages: ReadableList<ChatMessage>, budget = Number.POSITIVE_INFINITY): boolean {
    this.align(messages);
    let left = budget;
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages.at(i)!;
      if (this.folded[i] !== undefined && this.texts[i] === message.text) continue;
      if (left-- <= 0) return false;
      this.foldAt(i, message);
    }
    return true;
  }

  /** Every message of `messages` containing all the query's words anywhere, sorted by what the reader may see; no words, no results. */
  search(messages: ReadableList<ChatMessage>, query: string, reader: SearchReader): SearchResults {
    const words = queryWords(query);
    if (words.length === 0) return NO_RESULTS;
    this.prepare(messages);
    const results: SearchResults = { words, shown: [], behindWarning: [], hiddenByFacilitator: [] };
    const folded = this.folded;
    for (let i = messages.length - 1; i >= 0; i--) {
      if (!containsAll(folded[i]!, words)) continue;
      const message = this.sources[i]!;
      const visibility = searchVisibility(message, reader);
      if (visibility === 'shown') results.shown.push(message);
      else if (visibility === 'behind-warning') results.behindWarning.push(message);
      else if (visibility === 'hidden-by-facilitator') results.hiddenByFacilitator.push(message);
    }
    return results;
  }

  /** Makes position i hold messages.at(i) everywhere; unknown ones are left to fold. */
  private align(messages: ReadableList<ChatMessage>): void {
    const n = messages.length;
    let same = 0;
    while (same < n && same < this.sources.length && this.sources[same] === messages.at(same))
      same++;
    if (same === this.sources.length && same <= n) {
      // Only grew at the end (the usual case): new positions wait to be folded. Pushed, never
      // written past the end, so the arrays stay packed (fast) however they are filled.
      for (let i = same; i < n; i++) {
        this.sources.push(messages.at(i)!);
        this.texts.push('');
        this.folded.push(undefined);
      }
      return;
    }
    // Reordered or shortened (history merged in, a message taken out): keep the folds we had.
    const known = new Map<ChatMessage, number>();
    for (let i = same; i < this.sources.length; i++) known.set(this.sources[i]!, i);
    const sources = this.sources.slice(0, same);
    const texts = this.texts.slice(0, same);
    const folded = this.folded.slice(0, same);
    for (let i = same; i < n; i++) {
      const message = messages.at(i)!;
      const at = known.get(message);
      sources.push(message);
      texts.push(at === undefined ? '' : this.texts[at]!);
      folded.push(at === undefined ? undefined : this.folded[at]);
    }
    this.sources = sources;
    this.texts = texts;
    this.folded = folded;
  }

  private foldAt(i: number, message: ChatMessage): void {
    this.sources[i] = message;
    this.texts[i] = message.text;
    this.folded[i] = foldText(message.text);
  }
}

function containsAll(text: string, words: readonly string[]): boolean {
  for (const word of words) if (!text.includes(word)) return false;
  return true;
}
