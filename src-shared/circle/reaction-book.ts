// Reactions to messages, judged like messages (docs/ARCHITECTURE.md "Membership"): a reaction
// counts only while its author's standing at the record counts (a removed or muted member's
// reactions void like their messages), and only on a record that is a message. Each author has
// one state per (message, emoji): the record with their highest sequence number wins, so every
// peer that holds the same records shows the same chips, whatever order they came in. A reaction
// names its message by author and id, and is filed under messageKey(author, id): another author's
// message under the same id never shows it.
import type { MessageRef, RecordContent, RecordOf } from '../records/schema';
import { messageKey } from './moderation';

/** Distinct reactions one author may have on one message; past it, their newest are not counted. */
export const MAX_REACTIONS_PER_AUTHOR = 12;

/** The ledger's answers about a reaction. */
export interface ReactionRules {
  /** Whether its author's record counts now (standing, mutes, forks). */
  valid(r: RecordOf<'react'>): boolean;
  /** Whether `ref` names a message taken (anything else cannot be reacted to). */
  isMessage(ref: MessageRef): boolean;
}

/** One emoji on one message, with who put it there (in the order they did). */
export interface Reaction {
  emoji: string;
  authors: readonly string[];
}

type React = RecordOf<'react'>;

const targetKey = (r: React): string => messageKey(r.body.target.author, r.body.target.id);

export class ReactionBook {
  /** Reactions by the messageKey of the message they name. */
  private readonly byTarget = new Map<string, React[]>();
  /** The target keys each author reacted to, to judge again when their standing changes. */
  private readonly targetsOf = new Map<string, Set<string>>();
  /** Replaced (never changed in place) whenever a message's reactions change. */
  private shown: ReadonlyMap<string, readonly Reaction[]> = new Map();

  constructor(private readonly rules: ReactionRules) {}

  /** Reactions by messageKey(author, id) of their message; a new map whenever any of them changed. */
  get all(): ReadonlyMap<string, readonly Reaction[]> {
    return this.shown;
  }

  /**
   * Takes newly placed reactions and judges again the messages they name, those reacted to by
   * `changedAuthors`, and those among `newMessages` that were reacted to before they arrived.
   * Reactions that count now are pushed to `accepted`.
   */
  take(
    placed: readonly React[],
    changedAuthors: ReadonlySet<string>,
    newMessages: readonly RecordContent[],
    accepted: RecordContent[],
  ): void {
    const dirty = new Set<string>();
    for (const r of placed) {
      const key = targetKey(r);
      const list = this.byTarget.get(key);
      if (list) list.push(r);
      else this.byTarget.set(key, [r]);
      let targets = this.targetsOf.get(r.author);
      if (!targets) this.targetsOf.set(r.author, (targets = new Set<string>()));
      targets.add(key);
      dirty.add(key);
    }
    for (const author of changedAuthors)
      for (const t of this.targetsOf.get(author) ?? []) dirty.add(t);
    for (const m of newMessages) {
      const key = messageKey(m.author, m.id);
      if (this.byTarget.has(key)) dirty.add(key);
    }
    if (dirty.size === 0) return;
    const next = new Map(this.shown);
    for (const target of dirty) {
      const reactions = this.judge(target);
      if (reactions.length > 0) next.set(target, reactions);
      else next.delete(target);
    }
    this.shown = next;
    for (const r of placed)
      if (this.rules.valid(r) && this.rules.isMessage(r.body.target)) accepted.push(r);
  }

  /** The reactions that count on the message filed under `key` now, the same on every peer. */
  private judge(key: string): Reaction[] {
    const filed = this.byTarget.get(key) ?? [];
    // Every reaction filed under one key names the same message.
    if (filed.length === 0 || !this.rules.isMessage(filed[0]!.body.target)) return [];
    // Each author's latest record per emoji (a higher seq wins; void records are not looked at).
    const latest = new Map<string, Map<string, React>>();
    for (const r of filed) {
      if (!this.rules.valid(r)) continue;
      let mine = latest.get(r.author);
      if (!mine) latest.set(r.author, (mine = new Map<string, React>()));
      const before = mine.get(r.body.emoji);
      if (!before || r.seq > before.seq) mine.set(r.body.emoji, r);
    }
    const on: React[] = [];
    for (const mine of latest.values()) {
      const kept = [...mine.values()]
        .filter((r) => r.body.on)
        .sort((a, b) => a.seq - b.seq)
        .slice(0, MAX_REACTIONS_PER_AUTHOR);
      on.push(...kept);
    }
    on.sort(
      (a, b) =>
        a.ts - b.ts || (a.author < b.author ? -1 : a.author > b.author ? 1 : 0) || a.seq - b.seq,
    );
    const byEmoji = new Map<string, string[]>();
    for (const r of on) {
      const authors = byEmoji.get(r.body.emoji);
      if (authors) authors.push(r.author);
      else byEmoji.set(r.body.emoji, [r.author]);
    }
    return [...byEmoji].map(([emoji, authors]) => ({ emoji, authors }));
  }
}
