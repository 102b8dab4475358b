// Moderation records (issue 17): hide a message, mute a member for a while, set the guidelines
// or the circle's own support resources (the last valid list wins; an empty one clears it).
// Judged in the membership fold (membership.ts) like any act of authority: the author must be a
// facilitator at the record's causal position (a grant in its past, no demotion beyond the
// demoter's upTo it does not know of, not removed), and a mute must target someone the author
// outranks. The fold order decides between concurrent records, so every peer ends in one state.
// A mute leaves a window [from, until) behind: the member's messages stamped in it are never
// shown, even after the mute ends; a later mute or unmute of the same member closes the earlier
// window at its own time.
import type { RecordOf } from '../records/schema';
import type { DagNode } from './membership-dag';
import type {
  CircleResources,
  Guidelines,
  HiddenMark,
  LogEntry,
  Member,
  MembershipState,
  Mute,
  MuteWindow,
  RelayPermit,
} from './membership-state';

export { DEFAULT_GUIDELINES } from './default-guidelines';

/** The moderation record kinds. */
export type ModerationKind = 'hide' | 'mute' | 'guidelines' | 'resources' | 'relay';

/** What the fold answers about authority at a record's causal position. */
export interface ModerationJudge {
  /** The author, if a facilitator at `node` (membership.ts `facilitator`). */
  facilitator(author: string, node: DagNode): Member | null;
  /** A member now, by key. */
  member(key: string): Member | undefined;
  /** Whether facilitator `by` may act on `target` (a member, or a junior facilitator). */
  outranks(by: Member, target: Member): boolean;
}

/** `${author}/${id}`: how a hidden message is named (the ledger's record key). */
export const messageKey = (author: string, id: string): string => `${author}/${id}`;

export class ModerationFold {
  private readonly hidden = new Map<string, HiddenMark>();
  private readonly mutes = new Map<string, Mute>();
  private readonly windows = new Map<string, MuteWindow[]>();
  private guidelines: Guidelines | null = null;
  private resources: CircleResources | null = null;
  private readonly relays = new Map<string, RelayPermit>();

  constructor(
    private readonly judge: ModerationJudge,
    private readonly log: LogEntry[],
  ) {}

  /** Folds one moderation record in; true if it counts, false if it is void. */
  apply(node: DagNode, r: RecordOf<ModerationKind>): boolean {
    const by = this.judge.facilitator(r.author, node);
    if (!by) return false;
    switch (r.kind) {
      case 'hide':
        return this.hide(r, by);
      case 'mute':
        return this.mute(r, by);
      case 'guidelines':
        this.guidelines = { text: r.body.text, by: by.key, at: r.ts, hash: node.hash };
        this.log.push({ kind: 'guidelines', member: '', by: by.key, at: r.ts, reason: '' });
        return true;
      case 'resources': {
        const { entries } = r.body;
        this.resources =
          entries.length > 0 ? { entries, by: by.key, at: r.ts, hash: node.hash } : null;
        this.log.push({ kind: 'resources', member: '', by: by.key, at: r.ts, reason: '' });
        return true;
      }
      case 'relay': {
        this.relays.set(r.body.relay, { ...r.body, by: by.key, at: r.ts });
        const kind = r.body.attached ? 'relay-attached' : 'relay-detached';
        this.log.push({ kind, member: '', by: by.key, at: r.ts, reason: '' });
        return true;
      }
    }
  }

  /** The moderation part of the fold's state (live maps: the fold may go on in place). */
  state(): Pick<
    MembershipState,
    'hidden' | 'mutes' | 'muteWindows' | 'guidelines' | 'resources' | 'relays'
  > {
    return {
      hidden: this.hidden,
      mutes: this.mutes,
      muteWindows: this.windows,
      guidelines: this.guidelines,
      resources: this.resources,
      relays: this.relays,
    };
  }

  /** A hide that changes nothing (hiding a hidden message, showing a shown one) is void. */
  private hide(r: RecordOf<'hide'>, by: Member): boolean {
    const key = messageKey(r.body.author, r.body.id);
    if (this.hidden.has(key) === r.body.hidden) return false;
    if (r.body.hidden) this.hidden.set(key, { by: by.key, at: r.ts, reason: r.body.reason });
    else this.hidden.delete(key);
    const kind = r.body.hidden ? 'hidden' : 'unhidden';
    this.log.push({ kind, member: r.body.author, by: by.key, at: r.ts, reason: r.body.reason });
    return true;
  }

  /** Muting needs a member the author outranks; unmuting needs a mute running at its time. */
  private mute(r: RecordOf<'mute'>, by: Member): boolean {
    const target = this.judge.member(r.body.member);
    if (!target || target.key === by.key || !this.judge.outranks(by, target)) return false;
    const unmute = r.body.until <= r.ts;
    const running = this.mutes.get(target.key);
    if (unmute && !(running && running.until > r.ts)) return false;
    const windows = this.windows.get(target.key) ?? [];
    // The record's time ends the earlier window (never before it began).
    const last = windows[windows.length - 1];
    if (last) last.until = Math.max(last.from, Math.min(last.until, r.ts));
    if (unmute) this.mutes.delete(target.key);
    else {
      const mute = { member: target.key, from: r.ts, until: r.body.until, by: by.key };
      this.mutes.set(target.key, { ...mute, reason: r.body.reason });
      windows.push({ from: r.ts, until: r.body.until });
      this.windows.set(target.key, windows);
    }
    const kind = unmute ? 'unmuted' : 'muted';
    this.log.push({ kind, member: target.key, by: by.key, at: r.ts, reason: r.body.reason });
    return true;
  }
}

/** Whether `state` keeps `author`'s message stamped `ts` out of sight for a mute. */
export function mutedAt(state: MembershipState, author: string, ts: number): boolean {
  for (const w of state.muteWindows.get(author) ?? [])
    if (ts >= w.from && ts < w.until) return true;
  return false;
}
