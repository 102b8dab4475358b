// Every message the ledger has placed, kept per author whether it counts or not yet, and the
// timeline of those that count. A later admission, removal or fork changes which of one author's
// messages count: they are judged again, and exactly those come in or go out of the timeline.
// A hide or unhide of one of them, or an edit, replaces that message's entry (a new object, so a
// view that compares by identity sees it change). A delete by the message's author drops its
// text (and every edit's) here at once, whatever order they came in; the records whose text went
// are handed to the ledger (takeErased) to be kept only as tombstones.
import type { ListSnapshot } from '../list-snapshot';
import type { MessageRef, RecordContent, RecordOf } from '../records/schema';
import { MessageChanges, type BookRecord } from './message-changes';
import { messageKey } from './moderation';
import { MessageTimeline, type ChatMessage } from './timeline';
import type { Tombstone } from './tombstone';

/** The ledger's answers about a message's author. */
export interface MessageRules {
  /** Whether the message (or an edit of it) counts now. */
  valid(r: RecordOf<'message'> | RecordOf<'edit'>): boolean;
  /** Whether its author is (or was) a member: if not, the message waits, within a bound. */
  known(author: string): boolean;
  /** Whether a facilitator hid it, by whom and why (undefined when it shows). */
  hidden(r: RecordOf<'message'>): { by: string; reason: string } | undefined;
}

interface Posted {
  record: RecordOf<'message'>;
  shown: ChatMessage | null;
  /** The id of the edit `shown` carries, if any. */
  edit: string | null;
  deleted: boolean;
}

const keyOf = (r: MessageRef): string => messageKey(r.author, r.id);

export class MessageBook {
  private readonly timeline = new MessageTimeline();
  private readonly posts = new Map<string, Posted[]>();
  /** Every message taken, by author and id, whether it counts or not (what a reaction may name). */
  private readonly byKey = new Map<string, Posted>();
  private readonly changes = new MessageChanges();
  /** Records whose text was dropped since takeErased last ran. */
  private erased: BookRecord[] = [];
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

  /** Whether this author's message with this id was taken (counting or not); another author's under the id is not it. */
  has(ref: MessageRef): boolean {
    return this.byKey.has(keyOf(ref));
  }

  /** Messages that wait for their author to be known. */
  get waiting(): number {
    let n = 0;
    for (const [author, list] of this.posts)
      if (!this.rules.known(author)) for (const p of list) if (!p.shown) n++;
    return n;
  }

  /** Whether the message `author`/`id` was deleted by its author. */
  isDeleted(author: string, id: string): boolean {
    return this.changes.isDeleted(messageKey(author, id));
  }

  /** The records (messages and edits, as they came) whose text was dropped since the last call. */
  takeErased(): BookRecord[] {
    const out = this.erased;
    this.erased = [];
    return out;
  }

  /** Puts deleted messages back in place after a reload, from their tombstones (no text). */
  restoreDeleted(tombstones: readonly Tombstone[]): void {
    for (const t of tombstones) {
      if (t.of !== 'message' || this.byKey.has(keyOf(t))) continue;
      const { circle, epoch, id, author, seq, ts } = t;
      const at = { v: 1 as const, circle, epoch, id, author, seq, prev: [], ts };
      this.show(this.post({ ...at, kind: 'message', body: { text: '' } }, true), null);
    }
    this.timeline.settle();
  }

  /**
   * Takes newly placed messages and changes, and judges again every message of `changedAuthors`.
   * Messages that count are pushed to `accepted`. Returns the records refused for the strangers'
   * bound.
   */
  take(
    placed: readonly BookRecord[],
    changedAuthors: ReadonlySet<string>,
    accepted: RecordContent[],
  ): BookRecord[] {
    if (changedAuthors.size > 0) this.countStrangers();
    const fresh: Posted[] = [];
    const refused: BookRecord[] = [];
    const touched = new Set<Posted>();
    const gone = new Set<ChatMessage>();
    for (const m of placed) {
      const known = this.rules.known(m.author);
      if (!known && this.strangers >= this.maxStrangers) {
        refused.push(m);
        continue;
      }
      if (!known) this.strangers++;
      if (m.kind !== 'message') {
        this.change(m, touched, gone);
        continue;
      }
      const placeholder = this.byKey.get(keyOf(m));
      if (placeholder?.deleted) {
        // Deleted before it came: its text goes at once, its place is its own.
        this.erased.push(m);
        placeholder.record = { ...m, body: { text: '' } };
        if (placeholder.shown) gone.add(placeholder.shown);
        placeholder.shown = null;
        fresh.push(placeholder);
        continue;
      }
      const post = this.post(m, false);
      if (this.changes.isDeleted(keyOf(m))) this.erase(post, gone);
      if (!changedAuthors.has(m.author)) fresh.push(post);
    }
    for (const author of changedAuthors) this.recheck(author, accepted, gone);
    for (const post of fresh) this.show(post, accepted);
    for (const post of touched) this.show(post, null);
    this.timeline.remove(gone);
    this.timeline.settle();
    return refused;
  }

  /** An edit or delete: the message it names (if here) shows again with it. */
  private change(r: BookRecord, touched: Set<Posted>, gone: Set<ChatMessage>): void {
    if (r.kind === 'message') return;
    const target = this.changes.add(r);
    const post = this.byKey.get(target);
    if (r.kind === 'delete') {
      this.erased.push(...this.changes.takeEdits(target));
      if (post && !post.deleted) {
        this.erase(post, gone);
        touched.add(post);
      } else if (!post) {
        // Not here (a newcomer never gets it): "Message deleted" shows at its time all the same.
        const { v, circle, epoch, author, seq } = r;
        const id = r.body.target;
        const at = { v, circle, epoch, id, author, seq, prev: [], ts: r.body.at };
        touched.add(this.post({ ...at, kind: 'message', body: { text: '' } }, true));
      }
    } else if (this.changes.isDeleted(target)) this.erased.push(r);
    if (post && post.shown && (r.kind === 'delete' || this.stale(post))) {
      gone.add(post.shown);
      post.shown = null;
      touched.add(post);
    }
  }

  /** Files a message under its author and id. */
  private post(record: RecordOf<'message'>, deleted: boolean): Posted {
    const post: Posted = { record, shown: null, edit: null, deleted };
    const list = this.posts.get(record.author);
    if (list) list.push(post);
    else this.posts.set(record.author, [post]);
    this.byKey.set(keyOf(record), post);
    return post;
  }

  /** Drops a deleted message's text: only what the ledger needs of it stays. */
  private erase(post: Posted, gone: Set<ChatMessage>): void {
    this.erased.push(post.record);
    post.record = { ...post.record, body: { text: '' } };
    post.deleted = true;
    post.edit = null;
    if (post.shown) gone.add(post.shown);
    post.shown = null;
  }

  private countStrangers(): void {
    let n = 0;
    for (const [author, list] of this.posts) if (!this.rules.known(author)) n += list.length;
    this.strangers = n;
  }

  private recheck(author: string, accepted: RecordContent[], gone: Set<ChatMessage>): void {
    for (const post of this.posts.get(author) ?? []) {
      if (this.rules.valid(post.record)) {
        if (post.shown && this.stale(post)) {
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

  /** Whether a shown message's mark or edit is no longer the one that counts. */
  private stale(post: Posted): boolean {
    if (post.deleted) return false;
    const edit = this.latestEdit(post.record);
    return (
      (edit?.id ?? null) !== post.edit ||
      !sameMark(post.shown?.hidden, this.rules.hidden(post.record))
    );
  }

  private latestEdit(r: RecordOf<'message'>): RecordOf<'edit'> | undefined {
    return this.changes.latestEdit(keyOf(r), (e) => this.rules.valid(e));
  }

  /** Shows a message that counts; `accepted` is null when it showed before and is only re-marked. */
  private show(post: Posted, accepted: RecordContent[] | null): void {
    if (post.shown || !this.rules.valid(post.record)) return;
    const r = post.record;
    if (post.deleted) {
      post.shown = { id: r.id, author: r.author, ts: r.ts, text: '', deleted: true };
    } else {
      const edit = this.latestEdit(r);
      const body = edit?.body ?? r.body;
      post.shown = { id: r.id, author: r.author, ts: r.ts, text: body.text };
      if (body.warning) post.shown.warning = body.warning.topic;
      if (edit) post.shown.edited = true;
      if (r.body.replyTo) post.shown.replyTo = r.body.replyTo;
      post.edit = edit?.id ?? null;
      const hidden = this.rules.hidden(r);
      if (hidden) post.shown.hidden = { by: hidden.by, reason: hidden.reason };
    }
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
