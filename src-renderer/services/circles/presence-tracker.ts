// Who is online in a circle: members whose signed presence claims in the room's awareness are
// current (presence.ts), and us. One tracker lives as long as the session; it follows the
// session's room, which changes when the epoch does.
import type { MemberKeys } from '../../../src-shared/crypto/keys';
import { PRESENCE_RENEW_MS, PresenceBook, signPresence } from '../../../src-shared/circle/presence';

/** The parts of y-protocols' Awareness that presence uses. */
export interface AwarenessLike {
  readonly clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  setLocalStateField(field: string, value: unknown): void;
  on(event: 'change', listener: () => void): void;
  off(event: 'change', listener: () => void): void;
}

/** Who the members are (the ledger), and a version that changes when they do. */
export interface MemberSource {
  readonly members: ReadonlyMap<string, unknown>;
  readonly membersVersion: number;
}

interface Attached {
  awareness: AwarenessLike;
  room: string;
  book: PresenceBook;
  timer: ReturnType<typeof setInterval>;
  onAwareness: () => void;
}

export class PresenceTracker {
  private onlineKeys: ReadonlySet<string> = new Set<string>();
  /** The members version `onlineKeys` was worked out for. */
  private forMembers = -1;
  private attached: Attached | null = null;

  constructor(
    private readonly keys: MemberKeys,
    private readonly myKey: string,
    private readonly source: MemberSource,
    /** Called when the set of online members changes. */
    private readonly onChange: () => void,
  ) {}

  /** Member keys online now, us included once in a room; a new set when that changes. */
  get online(): ReadonlySet<string> {
    return this.onlineKeys;
  }

  /**
   * Announces us in `room`'s awareness and follows who else is there. Claims are signed and
   * renewed; a check on each renewal also drops peers whose claims went stale without a goodbye.
   */
  attach(awareness: AwarenessLike, room: string): void {
    this.detach();
    const announce = () =>
      awareness.setLocalStateField('presence', signPresence(this.keys, room, awareness.clientID));
    const onAwareness = () => this.refresh();
    announce();
    const timer = setInterval(() => {
      announce();
      this.refresh();
    }, PRESENCE_RENEW_MS);
    awareness.on('change', onAwareness);
    this.attached = { awareness, room, book: new PresenceBook(room), timer, onAwareness };
    this.refresh();
  }

  /** Stops announcing and following (the room is being left). */
  detach(): void {
    if (!this.attached) return;
    clearInterval(this.attached.timer);
    this.attached.awareness.off('change', this.attached.onAwareness);
    this.attached = null;
  }

  /** An admission can make a present peer count as an online member; a message cannot. */
  refreshIfMembersChanged(): void {
    if (this.attached && this.source.membersVersion !== this.forMembers) this.refresh();
  }

  /** Works out who is online from the awareness states and the members. */
  refresh(): void {
    this.forMembers = this.source.membersVersion;
    const online = new Set<string>([this.myKey]);
    const states =
      this.attached?.awareness.getStates() ?? new Map<number, Record<string, unknown>>();
    const book = this.attached?.book;
    const now = Date.now();
    states.forEach((state, clientId) => {
      const key = book?.memberOf(clientId, (state as { presence?: unknown }).presence, now) ?? null;
      if (key !== null && this.source.members.has(key)) online.add(key);
    });
    book?.retain(new Set(states.keys()));
    // Awareness ticks often (every peer, every 15 s, and on each message's update); only a real
    // change in who is online is worth re-rendering for.
    if (online.size === this.onlineKeys.size && [...online].every((k) => this.onlineKeys.has(k)))
      return;
    this.onlineKeys = online;
    this.onChange();
  }
}
