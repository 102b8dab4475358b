// The relays a member's app believes in one room (issue 18): the latest valid claim of each relay
// client (relay-claim.ts), from relays a facilitator let in. Like PresenceBook for members: a
// claim counts only if newer than the last one of that relay for that client, and only until it
// goes stale.
import { PRESENCE_VALID_MS } from './presence';
import { verifyRelayClaim, type VerifiedRelayClaim } from './relay-claim';

/** Relay clients held at once: a relay has one per room; more is junk. */
const MAX_RELAY_CLIENTS = 8;

export class RelayBook {
  private readonly byClient = new Map<number, VerifiedRelayClaim>();

  constructor(private readonly room: string) {}

  /** Takes `claim` for `clientId` if it is valid, by a relay `isRelay` lets in, and newer; says whether. */
  accept(
    clientId: number,
    claim: unknown,
    isRelay: (key: string) => boolean,
    now = Date.now(),
  ): boolean {
    const held = this.byClient.get(clientId);
    if (typeof claim !== 'object' || claim === null) return false;
    const at = (claim as { at?: unknown }).at;
    if (typeof at !== 'number' || (held && !(at > held.at))) return false;
    if (!held && this.byClient.size >= MAX_RELAY_CLIENTS) this.forgetStale(now);
    if (!held && this.byClient.size >= MAX_RELAY_CLIENTS) return false;
    const verified = verifyRelayClaim(claim, this.room, clientId, now);
    if (!verified || !isRelay(verified.relay)) return false;
    this.byClient.set(clientId, verified);
    return true;
  }

  /** Whether a current claim stands for `clientId`. */
  vouchesFor(clientId: number, now = Date.now()): boolean {
    const held = this.byClient.get(clientId);
    return !!held && held.at >= now - PRESENCE_VALID_MS;
  }

  /** The current claims of relays still let in. */
  current(isRelay: (key: string) => boolean, now = Date.now()): VerifiedRelayClaim[] {
    return [...this.byClient.values()].filter(
      (c) => c.at >= now - PRESENCE_VALID_MS && isRelay(c.relay),
    );
  }

  forgetStale(now = Date.now()): void {
    for (const [id, c] of this.byClient)
      if (c.at < now - PRESENCE_VALID_MS) this.byClient.delete(id);
  }
}
