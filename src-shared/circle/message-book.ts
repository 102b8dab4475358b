// Every message the ledger has placed, kept per author whether it counts or not yet, and the
// timeline of those that count. A later admission, removal or fork changes which of one author's
// messages count: they are judged again, and exactly those come in or go out of the timeline.
// A hide or unhide of one of them replaces that message's entry (a new object, so a view that
// compares by identity sees it change), marked or not.
import type { ListSnapshot } from '../list-snapshot';
import type { RecordContent, RecordOf } from '../records/schema';
import { MessageTimeline, type ChatMessage } from './timeline';

/** The ledger's answers about a message's author. */
export interface MessageRules {
  /** Whether the message counts now. */
  valid(r: RecordOf<'message'>): boolean;
  /** Whether its author is (or was) a member: if not, the message waits, within a bound. */
  known(author: string): boolean;
  /** Whether a facilitator hid it, by whom and why (undefined when it shows). */
  hidden(r: RecordOf<'message'>): { by: string; reason: string } | undefined;
}

interface Posted {
  record: RecordOf<'message'>;
  shown: ChatMessage | null;
}

export class MessageBook {
  private readonly timeline = new MessageTimeline();
  private readonly posts = new Map<string, Posted[]>();
  /** Messages of authors not known as members. */
  private strangers = 0;

  constructor(
    private readonly rules: MessageRules,
    private readonly maxStrangers: number,
  ) {}

  get messages(): readonly ChatMessage[] {
    return this.timeline.messages;
  }

  snapshot(): ListSnapshot<ChatMessage> {
    return this.timeline.snapshot();
  }

  /** Messages that wait for their author to be known. */
  get waiting(): number {
    let n = 0;
    for (const [author, list] of this.posts)
      if (!this.rules.known(author)) for (const p of list) if (!p.shown) n++;
    return n;
  }

  /**
   * Takes newly placed messages, and judges again every message of `changedAuthors`. Messages
   * that count are pushed to `accepted`. Returns the messages refused for the strangers' bound.
   */
  take(
    placed: readonly RecordOf<'message'>[],
    changedAuthors: ReadonlySet<string>,
    accepted: RecordContent[],
  ): RecordOf<'message'>[] {
    if (changedAuthors.size > 0) this.countStrangers();
    const fresh: Posted[] = [];
    const refused: RecordOf<'message'>[] = [];
    for (const m of placed) {
      const known = this.rules.known(m.author);
      if (!known && this.strangers >= this.maxStrangers) {
        refused.push(m);
        continue;
      }
      if (!known) this.strangers++;
      const post: Posted = { record: m, shown: null };
      const list = this.posts.get(m.author);
      if (list) list.push(post);
      else this.posts.set(m.author, [post]);
      if (!changedAuthors.has(m.author)) fresh.push(post);
    }
    const gone = new Set<ChatMessage>();
    for (const author of changedAuthors) this.recheck(author, accepted, gone);
    for (const post of fresh) this.show(post, accepted);
    this.timeline.remove(gone);
    this.timeline.settle();
    return refused;
  }

  private countStrangers(): void {
    let n = 0;
    for (const [author, list] of this.posts) if (!this.rules.known(author)) n += list.length;
    this.strangers = n;
  }

  private recheck(author: string, accepted: RecordContent[], gone: Set<ChatMessage>): void {
    for (const post of this.posts.get(author) ?? []) {
      if (this.rules.valid(post.record)) {
        if (post.shown && !sameMark(post.shown.hidden, this.rules.hidden(post.record))) {
          gone.add(post.shown);
          post.shown = null;
          this.show(post, null);
        } else this.show(post, accepted);
      } else if (post.shown) {
        gone.add(post.shown);
        post.shown = null;
      }
    }
  }

  /** Shows a message that counts; `accepted` is null when it showed before and is only re-marked. */
  private show(post: Posted, accepted: RecordContent[] | null): void {
    if (post.shown || !this.rules.valid(post.record)) return;
    const r = post.record;
    post.shown = { id: r.id, author: r.author, ts: r.ts, text: r.body.text };
    if (r.body.warning) post.shown.warning = r.body.warning.topic;
    const hidden = this.rules.hidden(r);
    if (hidden) post.shown.hidden = { by: hidden.by, reason: hidden.reason };
    this.timeline.add(post.shown);
    accepted?.push(r);
  }
}

function sameMark(
  a: ChatMessage['hidden'],
  b: { by: string; reason: string } | undefined,
): boolean {
  return a === b || (!!a && !!b && a.by === b.by && a.reason === b.reason);
}
