// A head start for a newcomer: the circle's membership records and its newest messages, sealed
// exactly as they sit in the log, handed over inside the welcome (lobby.ts). Without it a
// newcomer sees nothing until the whole history has crossed the network (10k messages: about
// 4 MB, more than a second here); with it the conversation as it is now shows right after
// admission, and the older history fills in behind it.
//
// Nothing here is trusted for coming early: the newcomer opens and judges these records like any
// others, and when the sync brings the same envelopes again they are skipped by envelope key.
// This index only remembers which envelopes to hand out; it is pure and holds no keys.
import type { RecordContent } from '../records/schema';

/** Sealed bytes a head start may carry; the welcome that holds it stays well under the lobby's limit. */
export const HEAD_START_MAX_BYTES = 64 * 1024;
/** More messages than a screen shows, so scrolling up a little needs no wait either. */
export const HEAD_START_MESSAGES = 150;

interface Entry {
  key: string;
  ts: number;
  id: string;
  /** Null until the envelope is seen: on opening a circle, records come from the store before the log is read. */
  sealed: Uint8Array | null;
}

/** Same order as the ledger's messages: time, then id. */
const compare = (a: Entry, b: Entry): number => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class HeadStartIndex {
  /** Invites and admissions: without them a newcomer could not accept anyone's message. Few per circle. */
  private readonly membership = new Map<string, Entry>();
  /** The newest messages, oldest first, at most `maxMessages`. */
  private newest: Entry[] = [];
  private readonly newestKeys = new Map<string, Entry>();

  constructor(private readonly maxMessages = HEAD_START_MESSAGES) {}

  /** Notes a record that opened (decrypted, signed, well-formed), under its envelope key. */
  note(key: string, record: RecordContent, sealed: Uint8Array | null = null): void {
    if (record.kind === 'invite' || record.kind === 'admit') {
      const known = this.membership.get(key);
      if (known) known.sealed ??= sealed;
      else this.membership.set(key, { key, ts: record.ts, id: record.id, sealed });
    } else if (record.kind === 'message') {
      this.noteMessage({ key, ts: record.ts, id: record.id, sealed });
    }
  }

  /** Whether the envelope under `key` belongs in a head start but its bytes are not held yet. */
  wants(key: string): boolean {
    const entry = this.membership.get(key) ?? this.newestKeys.get(key);
    return entry !== undefined && entry.sealed === null;
  }

  /** Gives the bytes for a noted key (see wants). */
  attach(key: string, sealed: Uint8Array): void {
    const entry = this.membership.get(key) ?? this.newestKeys.get(key);
    if (entry) entry.sealed ??= sealed;
  }

  /**
   * The envelopes to hand a newcomer: membership first, oldest first (an admission chain then
   * resolves in one pass), then messages newest first, until `maxBytes` is reached.
   */
  bundle(maxBytes = HEAD_START_MAX_BYTES): Uint8Array[] {
    const out: Uint8Array[] = [];
    let bytes = 0;
    const take = (e: Entry): boolean => {
      if (e.sealed === null) return true;
      if (bytes + e.sealed.length > maxBytes) return false;
      bytes += e.sealed.length;
      out.push(e.sealed);
      return true;
    };
    for (const e of [...this.membership.values()].sort(compare)) if (!take(e)) return out;
    for (let i = this.newest.length - 1; i >= 0; i--) if (!take(this.newest[i]!)) return out;
    return out;
  }

  private noteMessage(entry: Entry): void {
    const known = this.newestKeys.get(entry.key);
    if (known) {
      known.sealed ??= entry.sealed;
      return;
    }
    const list = this.newest;
    if (list.length >= this.maxMessages && compare(entry, list[0]!) <= 0) return;
    // Binary search for the place; records mostly arrive in order, so this is usually the end.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(list[mid]!, entry) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, entry);
    this.newestKeys.set(entry.key, entry);
    if (list.length > this.maxMessages) this.newestKeys.delete(list.shift()!.key);
  }
}
