// How much one member may add to a circle: records and bytes per hour of the time the records
// claim. Every record a member signs is valid, so a member (or someone removed, writing under keys
// they kept) could otherwise fill every peer's memory and disk with a flood of real messages. An
// hour of a busy, honest conversation is a few dozen messages from one person; the limit is far
// above that and far below a flood. Records over it are not kept, stored or shown on this device.

export interface QuotaLimits {
  recordsPerHour: number;
  bytesPerHour: number;
}

export const AUTHOR_QUOTA: QuotaLimits = { recordsPerHour: 600, bytesPerHour: 2 * 1024 * 1024 };

const HOUR_MS = 60 * 60 * 1000;

export class AuthorQuota {
  private readonly used = new Map<string, Map<number, { records: number; bytes: number }>>();

  constructor(private readonly limits: QuotaLimits = AUTHOR_QUOTA) {}

  /**
   * Counts a record of `author` claiming time `ts`, `bytes` long; false (and nothing counted) if
   * that would take the author over the limit for that hour.
   */
  admit(author: string, ts: number, bytes: number): boolean {
    const hours = this.hoursOf(author);
    const hour = Math.floor(ts / HOUR_MS);
    const used = hours.get(hour) ?? { records: 0, bytes: 0 };
    if (
      used.records + 1 > this.limits.recordsPerHour ||
      used.bytes + bytes > this.limits.bytesPerHour
    )
      return false;
    used.records++;
    used.bytes += bytes;
    hours.set(hour, used);
    return true;
  }

  /** Counts a record kept on an earlier run, whatever the limit (it was admitted then). */
  note(author: string, ts: number, bytes: number): void {
    const hours = this.hoursOf(author);
    const hour = Math.floor(ts / HOUR_MS);
    const used = hours.get(hour) ?? { records: 0, bytes: 0 };
    used.records++;
    used.bytes += bytes;
    hours.set(hour, used);
  }

  private hoursOf(author: string): Map<number, { records: number; bytes: number }> {
    let hours = this.used.get(author);
    if (!hours)
      this.used.set(author, (hours = new Map<number, { records: number; bytes: number }>()));
    return hours;
  }
}
