// What members are told about the circle's relay.
import type { RelayView } from '../../services/circles/relay-watch';
import { relativeTime } from '../facilitation/timeText';

/** One calm line: is a relay there, and when did it last sync. */
export function relayStatusText(status: RelayView, now = Date.now()): string {
  if (!status.attached) return 'No relay: messages reach members who are online at the same time.';
  if (status.lastSynced === null) return 'A relay is set up but has not been in touch yet.';
  return `A relay keeps this circle reachable. Last synced ${relativeTime(status.lastSynced, now)}.`;
}
