// How much one member may add to a circle: records and bytes per day of the time the records
// claim. Every record a member signs is valid, so a member (or someone removed, writing under keys
// they kept) could otherwise fill every peer's memory and disk with a flood of real messages: a
// connection's receive budget alone allows gigabytes a day. A day of a busy, honest conversation is
// a few hundred messages from one person; the limit is far above that (a message every 4 seconds,
// all day) and far below a flood. Records over it are not kept, stored or shown on this device.

export interface QuotaLimits {
  recordsPerDay: number;
  bytesPerDay: number;
}

export const AUTHOR_QUOTA: QuotaLimits = { recordsPerDay: 20_000, bytesPerDay: 32 * 1024 * 1024 };

/**
 * All private notes of a circle (reports and answers) share this: reports are rare, a note is a
 * few KiB, and their writers cannot be told apart (records/private-note.ts).
 */
export const PRIVATE_NOTE_QUOTA: QuotaLimits = { recordsPerDay: 500, bytesPerDay: 4 * 1024 * 1024 };

const DAY_MS = 24 * 60 * 60 * 1000;

export class AuthorQuota {
  private readonly used = new Map<string, Map<number, { records: number; bytes: number }>>();

  constructor(private readonly limits: QuotaLimits = AUTHOR_QUOTA) {}

  /**
   * Counts a record of `author` claiming time `ts`, `bytes` long; false (and nothing counted) if
   * that would take the author over the limit for that day (UTC).
   */
  admit(author: string, ts: number, bytes: number): boolean {
    const days = this.daysOf(author);
    const day = Math.floor(ts / DAY_MS);
    const used = days.get(day) ?? { records: 0, bytes: 0 };
    if (
      used.records + 1 > this.limits.recordsPerDay ||
      used.bytes + bytes > this.limits.bytesPerDay
    )
      return false;
    used.records++;
    used.bytes += bytes;
    days.set(day, used);
    return true;
  }

  /** Counts a record kept on an earlier run, whatever the limit (it was admitted then). */
  note(author: string, ts: number, bytes: number): void {
    const days = this.daysOf(author);
    const day = Math.floor(ts / DAY_MS);
    const used = days.get(day) ?? { records: 0, bytes: 0 };
    used.records++;
    used.bytes += bytes;
    days.set(day, used);
  }

  private daysOf(author: string): Map<number, { records: number; bytes: number }> {
    let days = this.used.get(author);
    if (!days)
      this.used.set(author, (days = new Map<number, { records: number; bytes: number }>()));
    return days;
  }
}
