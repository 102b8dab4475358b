// What a member's app shows of delivery (issue 18): whether a facilitator let a blind relay in to
// the room we are in, when it last said what it holds, and for each message we sent in this session
// whether another device or a relay holds it ("delivered") or not yet ("sent"). It rests on signed
// claims only: members' presence claims and relays' claims (presence.ts, relay-claim.ts) carry
// what their client holds of the log's recent writers (recent-writers.ts); the presence tracker
// takes them from the awareness.
import * as Y from 'yjs';
import type { CircleLedger } from '../../../src-shared/circle/ledger';
import { RecentWriters } from '../../../src-shared/circle/recent-writers';
import type { VerifiedRelayClaim } from '../../../src-shared/circle/relay-claim';
import type { MemberSource, PresenceTracker } from './presence-tracker';

/** Whether a message we sent has reached another device or a relay yet. */
export type Delivery = 'sent' | 'delivered';

export interface RelayView {
  /** A facilitator let a relay in to the room we are in now. */
  attached: boolean;
  /** When a relay let in last said what it holds (ms), or null if none has yet. */
  lastSynced: number | null;
}

/** Our messages' delivery, by id: a new object whenever one of them changed. */
export interface DeliveryStates {
  get(id: string): Delivery | undefined;
}

export interface DeliveryView {
  relay: RelayView;
  delivery: DeliveryStates;
}

/**
 * A new face on the one live map of states: sending a message in a circle of 100k must not copy
 * a map of every message sent so far (that made each send cost O(messages sent)).
 */
class DeliveryLookup implements DeliveryStates {
  constructor(private readonly states: ReadonlyMap<string, Delivery>) {}
  get(id: string): Delivery | undefined {
    return this.states.get(id);
  }
}

export class RelayWatch {
  /** Our messages of this session not delivered yet: the Yjs item each went into. */
  private readonly pending = new Map<string, { client: number; clock: number }>();
  /** Every message of ours of this session, sent or delivered. */
  private readonly states = new Map<string, Delivery>();
  private readonly recent: RecentWriters;
  private lastSynced: number | null = null;
  /** Waiting for another device or a relay to hold everything our client wrote (whenOwnHeld). */
  private awaiting: { client: number; next: number; then: () => void }[] = [];
  private shown: DeliveryView = {
    relay: { attached: false, lastSynced: null },
    delivery: new DeliveryLookup(this.states),
  };
  private tracker: Pick<PresenceTracker, 'soon' | 'relays' | 'holdings'> | null = null;

  constructor(
    private readonly ledger: CircleLedger,
    /** The epoch whose room we are in. */
    private readonly epoch: () => number,
    private readonly doc: Y.Doc,
    /** What the view shows changed. */
    private readonly changed: () => void,
  ) {
    // A peer's update added items: our claim says so soon.
    this.recent = new RecentWriters(doc, () => this.tracker?.soon());
  }

  /** Reads claims from `tracker`, which calls claimsChanged when it takes one. */
  follow(tracker: Pick<PresenceTracker, 'soon' | 'relays' | 'holdings'>): void {
    this.tracker = tracker;
  }

  /** The tracker took a claim: what it says may change the view. */
  claimsChanged(): void {
    if (this.tracker && this.update(this.tracker.relays(), this.tracker.holdings())) this.changed();
  }

  /** The members and relays the presence tracker judges claims against, and what we hold. */
  get source(): MemberSource {
    const { ledger } = this;
    return {
      get members() {
        return ledger.members;
      },
      get membersVersion() {
        return ledger.membersVersion;
      },
      isRelay: (key) => this.isRelay(key),
      held: () => this.recent.held(),
    };
  }

  /**
   * What the view shows now, looked at again (a relay record may have let a relay in or out since
   * the last claim): the same object until something in it changes.
   */
  viewNow(): DeliveryView {
    if (this.tracker) this.update(this.tracker.relays(), this.tracker.holdings());
    return this.shown;
  }

  /** Whether the relay with `key` is let in to the room of the epoch we are in. */
  isRelay(key: string): boolean {
    const permit = this.ledger.folded.relays.get(key);
    return !!permit && permit.attached && permit.epoch === this.epoch();
  }

  /** Notes the message `id` we just appended: the newest item of our client. */
  noteOwn(id: string): void {
    const client = this.doc.clientID;
    this.pending.set(id, { client, clock: Y.getState(this.doc.store, client) - 1 });
    this.states.set(id, 'sent');
    this.shown = { ...this.shown, delivery: new DeliveryLookup(this.states) };
    this.changed();
  }

  /**
   * Calls `then` once, when there are claims (of other devices, or of relays let in) and every
   * current one shows it holds everything our client has written so far (our leave record, just
   * written): until then the room must stay, since y-webrtc drops what it has not sent when a room
   * goes. Every one, not any one: a peer that claims to hold everything must not cut the others
   * off from the record.
   */
  whenOwnHeld(then: () => void): void {
    const client = this.doc.clientID;
    this.awaiting.push({ client, next: Y.getState(this.doc.store, client), then });
    this.claimsChanged();
  }

  /**
   * Takes the relays' and members' current claims; true if what the view shows changed (a
   * message delivered, a relay let in or out, a newer sync).
   */
  update(relays: readonly VerifiedRelayClaim[], members: readonly Map<number, number>[]): boolean {
    let changed = false;
    for (const c of relays)
      if (this.lastSynced === null || c.at > this.lastSynced) {
        this.lastSynced = c.at;
        changed = true;
      }
    const holdings = [...members, ...relays.map((c) => c.held)];
    const holds = (client: number, next: number) =>
      holdings.some((held) => (held.get(client) ?? 0) >= next);
    const allHold = (client: number, next: number) =>
      holdings.length > 0 && holdings.every((held) => (held.get(client) ?? 0) >= next);
    const held = this.awaiting.filter((w) => allHold(w.client, w.next));
    if (held.length > 0) {
      this.awaiting = this.awaiting.filter((w) => !held.includes(w));
      for (const w of held) w.then();
    }
    for (const [id, item] of this.pending)
      if (holds(item.client, item.clock + 1)) {
        this.pending.delete(id);
        this.states.set(id, 'delivered');
        changed = true;
      }
    const attached = [...this.ledger.folded.relays.keys()].some((k) => this.isRelay(k));
    if (!changed && attached === this.shown.relay.attached) return false;
    this.shown = {
      relay: { attached, lastSynced: attached ? this.lastSynced : null },
      delivery: new DeliveryLookup(this.states),
    };
    return true;
  }

  stop(): void {
    this.awaiting = [];
    this.recent.stop();
  }
}
