// The computer's clock in the journal's terms: local date, time and UTC offset.
import { localParts } from '../../../src-shared/journal';

/** Minutes east of UTC at `when` on this computer (JS counts the other way; `|| 0` avoids -0 in UTC). */
export const utcOffsetAt = (when: Date): number => -when.getTimezoneOffset() || 0;

/** Local date and time of `when` on this computer's clock. */
export const localNow = (when: Date): { date: string; time: string } =>
  localParts(when.toISOString(), utcOffsetAt(when));

/** The instant of a local date and time on this computer's clock. */
export function instantOf(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, h, min);
}

/** Milliseconds from `now` until the local time `HH:MM` next comes (today or tomorrow). */
export function msUntil(now: Date, time: string): number {
  const today = instantOf(localNow(now).date, time).getTime();
  const next = today > now.getTime() ? today : today + 86_400_000;
  return Math.max(1_000, next - now.getTime());
}
