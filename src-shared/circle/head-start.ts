// A head start for a newcomer: the circle's membership records (every one: a record can be judged
// only once everything it names in `prev` is there) and its newest messages, sealed exactly as
// they sit in the log, handed over inside the welcome (lobby.ts). The rekeys and promotions among
// them also make the welcome's chain, which proves its keys (welcome-chain.ts), with the
// newcomer's own admission and its invite. Without it a newcomer sees nothing until the whole history
// has crossed the network (10k messages: about 4 MB, more than a second here); with it the
// conversation as it is now shows right after admission, and the older history fills in behind.
//
// Nothing here is trusted for coming early: the newcomer opens and judges these records like any
// others, and when the sync brings the same envelopes again they are skipped by envelope key.
// A record that the sync does not bring is added to the log by the newcomer, so whatever one
// member shows a newcomer, everyone can see (circle-session.ts).
// This index only remembers which envelopes to hand out; it is pure and holds no keys.
import type { RecordContent } from '../records/schema';
import { MEMBERSHIP_KINDS } from './membership';

/** Sealed bytes a head start may carry; the welcome that holds it stays well under the lobby's limit. */
export const HEAD_START_MAX_BYTES = 96 * 1024;
/** More messages than a screen shows, so scrolling up a little needs no wait either. */
export const HEAD_START_MESSAGES = 150;
/**
 * Messages kept as candidates: more than are handed out, since some may turn out to be by
 * someone who is not (yet) a member when a head start is asked for.
 */
const CANDIDATES = 2 * HEAD_START_MESSAGES;
/** A message stamped further ahead than this is not a candidate: it would hold its place for good. */
const MAX_CLOCK_SKEW_MS = 10 * 60_000;

interface Entry {
  /** The envelope key (envelopeKey in seal.ts): how the log's items are matched to records. */
  key: string;
  /** Author and record id: two envelopes of one record (sealed twice) take one place. */
  record: string;
  author: string;
  ts: number;
  id: string;
  /** Null until the envelope is seen: on opening a circle, records come from the store before the log is read. */
  sealed: Uint8Array | null;
}
interface MembershipEntry extends Entry {
  /** A rekey or a promotion: part of the chain that proves a welcome's keys. */
  chain: boolean;
  /** For an admission, whom it lets in. */
  admits: string | null;
  /** For an invite or an admission, the invite. */
  inviteId: string | null;
}

/** Same order as the ledger's messages: time, then id. */
const compare = (a: Entry, b: Entry): number =>
  a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface HeadStartFor {
  /** Whether the ledger counts `key` as a member now: messages by anyone else are left out. */
  isMember(key: string): boolean;
}

export class HeadStartIndex {
  /** Every membership record, in the order they were noted. */
  private readonly membership: MembershipEntry[] = [];
  /** Candidate messages, oldest first, at most `candidates`. */
  private newest: Entry[] = [];
  /** Every entry above by envelope key (for wants/attach) and by record (to keep one per record). */
  private readonly byKey = new Map<string, Entry>();
  private readonly byRecord = new Map<string, Entry>();

  constructor(
    private readonly candidates = CANDIDATES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes a record that opened (decrypted, signed, well-formed), under its envelope key. */
  note(key: string, record: RecordContent, sealed: Uint8Array | null = null): void {
    const known = this.byKey.get(key);
    if (known) {
      known.sealed ??= sealed;
      return;
    }
    const base: Entry = {
      key,
      record: `${record.author}/${record.id}`,
      author: record.author,
      ts: record.ts,
      id: record.id,
      sealed,
    };
    if (this.byRecord.has(base.record)) return;
    if (MEMBERSHIP_KINDS.has(record.kind)) {
      const chain =
        record.kind === 'rekey' || (record.kind === 'role' && record.body.role === 'facilitator');
      const admits = record.kind === 'admit' ? record.body.member : null;
      const inviteId =
        record.kind === 'admit' || record.kind === 'invite' ? record.body.inviteId : null;
      const entry: MembershipEntry = { ...base, chain, admits, inviteId };
      this.membership.push(entry);
      this.byKey.set(entry.key, entry);
      this.byRecord.set(entry.record, entry);
    } else if (record.kind === 'message') this.noteMessage(base);
  }

  /** Forgets records (by author/id) whose text their author deleted: never handed out again. */
  forget(records: ReadonlySet<string>): void {
    if (!this.newest.some((e) => records.has(e.record))) return;
    this.newest = this.newest.filter((e) => !records.has(e.record));
    for (const r of records) {
      const entry = this.byRecord.get(r);
      if (!entry || 'chain' in entry) continue;
      this.byRecord.delete(r);
      this.byKey.delete(entry.key);
    }
  }

  /** Whether the envelope under `key` may go into a head start but its bytes are not held yet. */
  wants(key: string): boolean {
    return this.byKey.get(key)?.sealed === null;
  }

  /** Gives the bytes for a noted key (see wants). */
  attach(key: string, sealed: Uint8Array): void {
    const entry = this.byKey.get(key);
    if (entry) entry.sealed ??= sealed;
  }

  /**
   * The envelopes to hand a newcomer: every membership record (oldest first), then the newest
   * messages by members, newest first, until `maxBytes` is reached.
   */
  bundle(to: HeadStartFor, maxBytes = HEAD_START_MAX_BYTES): Uint8Array[] {
    const messages: Entry[] = [];
    for (let i = this.newest.length - 1; i >= 0 && messages.length < HEAD_START_MESSAGES; i--) {
      const m = this.newest[i]!;
      if (m.sealed !== null && to.isMember(m.author)) messages.push(m);
    }
    const membership = this.membership.filter((e) => e.sealed !== null).sort(compare);
    const out: Uint8Array[] = [];
    let bytes = 0;
    for (const e of [...membership, ...messages]) {
      if (bytes + e.sealed!.length > maxBytes) break;
      bytes += e.sealed!.length;
      out.push(e.sealed!);
    }
    return out;
  }

  /** Every membership envelope whose bytes are held, by envelope key (for handover rooms). */
  membershipEnvelopes(): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const e of this.membership) if (e.sealed !== null) out.set(e.key, e.sealed);
    return out;
  }

  /** How many membership records are noted: changes when one is added. */
  get membershipCount(): number {
    return this.membership.length;
  }

  /**
   * The sealed rekeys and promotions: what proves a welcome's keys (welcome-chain.ts); with
   * `newcomer`, also its admissions and the invites they name, which its welcome must carry.
   */
  chain(newcomer?: string): Uint8Array[] {
    const admissions = this.membership.filter((e) => newcomer && e.admits === newcomer);
    const invites = new Set(admissions.map((e) => e.inviteId));
    const wanted = (e: MembershipEntry) =>
      e.chain || admissions.includes(e) || (e.admits === null && invites.has(e.inviteId));
    return this.membership.filter((e) => wanted(e) && e.sealed !== null).map((e) => e.sealed!);
  }

  private noteMessage(entry: Entry): void {
    if (entry.ts > this.now() + MAX_CLOCK_SKEW_MS) return;
    const list = this.newest;
    if (list.length >= this.candidates && compare(entry, list[0]!) <= 0) return;
    // Binary search for the place; records mostly arrive in order, so this is usually the end.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(list[mid]!, entry) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, entry);
    this.byKey.set(entry.key, entry);
    this.byRecord.set(entry.record, entry);
    if (list.length > this.candidates) {
      const evicted = list.shift()!;
      this.byKey.delete(evicted.key);
      this.byRecord.delete(evicted.record);
    }
  }
}
