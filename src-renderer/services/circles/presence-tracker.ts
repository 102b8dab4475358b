// Who is online in a circle: members whose signed presence claims in the room's awareness are
// current (presence.ts), and us. One tracker lives as long as the session; it follows the
// session's room, which changes when the epoch does.
//
// y-protocols' awareness lets any peer set or remove any client's state by sending a higher
// clock, and it refuses a client's real updates once someone has sent a clock above theirs. So
// the tracker also guards the awareness: it judges each change before y-webrtc forwards it, and
// puts back what it held when the change carries no newer claim of that client's member. Clocks
// prove nothing, so every peer's client is held at clock 0: whatever a peer sends next reaches
// the judge, and nobody's updates can be shut out.
import type { MemberKeys } from '../../../src-shared/crypto/keys';
import {
  PRESENCE_RENEW_MS,
  PresenceBook,
  signLeaving,
  signPresence,
} from '../../../src-shared/circle/presence';
import { RelayBook } from '../../../src-shared/circle/relay-book';
import {
  signTyping,
  TYPING_FIELD,
  TYPING_RENEW_MS,
  TypingBook,
  type TypingClaim,
} from '../../../src-shared/circle/typing';
import { RELAY_CLAIM_FIELD, type VerifiedRelayClaim } from '../../../src-shared/circle/relay-claim';

type State = Record<string, unknown>;

/** Which clients an awareness change touched (y-protocols' 'update' event). */
export interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}
type UpdateListener = (changes: AwarenessChanges, origin: unknown) => void;

/** The parts of y-protocols' Awareness that presence uses. */
export interface AwarenessLike {
  readonly clientID: number;
  getStates(): Map<number, State>;
  readonly meta: Map<number, { clock: number; lastUpdated: number }>;
  getLocalState(): State | null;
  setLocalState(state: State | null): void;
  on(event: 'update', listener: UpdateListener): void;
  off(event: 'update', listener: UpdateListener): void;
}

/** Who the members are (the ledger), and a version that changes when they do. */
export interface MemberSource {
  readonly members: ReadonlyMap<string, unknown>;
  readonly membersVersion: number;
  /** Whether the relay with this key is let in to the room we are in (a facilitator's `relay` record). */
  isRelay?(key: string): boolean;
  /** What we hold of the log's recent writers, for our claims (recent-writers.ts). */
  held?(): ReadonlyMap<number, number>;
}

interface Attached {
  awareness: AwarenessLike;
  room: string;
  book: PresenceBook;
  /** Blind relays' claims (issue 18): kept beside members' presence, never counted as members. */
  relays: RelayBook;
  /** Who is typing, from the same states (typing.ts): a hint, never written anywhere. */
  typing: TypingBook;
  /** Our typing claim while we type, or null. */
  myTyping: TypingClaim | null;
  typingTimer: ReturnType<typeof setTimeout> | null;
  /** Each peer's client as last judged acceptable: its state and when it came. */
  kept: Map<number, { state: State; lastUpdated: number }>;
  timer: ReturnType<typeof setInterval>;
  onUpdate: UpdateListener;
  /** Our own state as we last set it, and the time of our last claim. */
  mine: State | null;
  lastAt: number;
  writing: boolean;
  saidGoodbye: boolean;
  soonTimer: ReturnType<typeof setTimeout> | null;
}

/** How soon after a peer's update our claim says we hold it. */
const SOON_MS = 1_000;

const presenceOf = (state: State | undefined): unknown => state?.presence;

export class PresenceTracker {
  private onlineKeys: ReadonlySet<string> = new Set<string>();
  /** The members version `onlineKeys` was worked out for. */
  private forMembers = -1;
  private attached: Attached | null = null;
  private typingKeys: ReadonlySet<string> = new Set<string>();

  constructor(
    private readonly keys: MemberKeys,
    private readonly myKey: string,
    private readonly source: MemberSource,
    /** Called when the set of online members changes. */
    private readonly onChange: () => void,
    /** Called when a peer's claim is taken: what peers hold, or which relay is there, may have changed. */
    private readonly onClaim: () => void = () => {},
  ) {}

  /** Members typing now (never us); a new set only when who is typing changes. */
  get typing(): ReadonlySet<string> {
    return this.typingKeys;
  }

  /**
   * Says in the room that we are typing (renewed at most every TYPING_RENEW_MS while `on` keeps
   * coming), or that we stopped. Nothing is sent outside a room or after our goodbye.
   */
  setTyping(on: boolean): void {
    const a = this.attached;
    if (!a || a.saidGoodbye) return;
    const now = Date.now();
    if (on && a.myTyping !== null && now - a.myTyping.at < TYPING_RENEW_MS) return;
    if (!on && a.myTyping === null) return;
    a.myTyping = on ? signTyping(this.keys, a.room, a.awareness.clientID, now) : null;
    this.announce(false);
  }

  /** Who is online and who is typing, for the circle's view. */
  get view(): { online: ReadonlySet<string>; typing: ReadonlySet<string> } {
    return { online: this.onlineKeys, typing: this.typingKeys };
  }

  /** Member keys online now, us included once in a room; a new set when that changes. */
  get online(): ReadonlySet<string> {
    return this.onlineKeys;
  }

  /**
   * Announces us in `room`'s awareness and follows who else is there. Claims are signed and
   * renewed; a check on each renewal also drops peers whose claims went stale without a goodbye.
   * Must be called before y-webrtc's room connects (RoomConnection does so right after opening
   * the room; y-webrtc connects once its key is derived), so each change is judged before
   * y-webrtc forwards it: a change forwarded first would come back from every peer.
   */
  attach(awareness: AwarenessLike, room: string): void {
    this.detach();
    const onUpdate: UpdateListener = (changes, origin) => {
      this.judge(changes, origin);
      this.refresh();
      this.refreshTyping();
    };
    const timer = setInterval(() => {
      if (!this.attached?.saidGoodbye) this.announce(false);
      this.forgetGone();
      this.refresh();
      this.onClaim(); // a claim gone stale no longer counts in what peers hold
    }, PRESENCE_RENEW_MS);
    this.attached = {
      awareness,
      room,
      book: new PresenceBook(room),
      relays: new RelayBook(room),
      typing: new TypingBook(room),
      myTyping: null,
      typingTimer: null,
      kept: new Map(),
      timer,
      onUpdate,
      mine: null,
      lastAt: 0,
      writing: false,
      saidGoodbye: false,
      soonTimer: null,
    };
    awareness.on('update', onUpdate);
    this.announce(false);
    this.refresh();
  }

  /** Says goodbye in the room (a signed leaving claim), then stops announcing and following. */
  detach(): void {
    const a = this.attached;
    if (!a) return;
    if (!a.saidGoodbye) this.announce(true);
    clearInterval(a.timer);
    if (a.soonTimer) clearTimeout(a.soonTimer);
    if (a.typingTimer) clearTimeout(a.typingTimer);
    a.awareness.off('update', a.onUpdate);
    this.attached = null;
    this.refreshTyping();
  }

  /** An admission can make a present peer count as an online member; a message cannot. */
  refreshIfMembersChanged(): void {
    if (this.attached && this.source.membersVersion !== this.forMembers) this.refresh();
    this.refreshTyping();
  }

  /**
   * Works out who is typing: current claims by members this device shows. Wakes again when the
   * next claim goes stale, so a person who stopped without a word stops showing.
   */
  refreshTyping(): void {
    const a = this.attached;
    const now = Date.now();
    const shown = (key: string) => key !== this.myKey && this.source.members.has(key);
    const typing = a ? a.typing.typing(shown, now) : new Set<string>();
    if (a) {
      if (a.typingTimer) clearTimeout(a.typingTimer);
      const next = a.typing.nextExpiry(now);
      a.typingTimer = next === null ? null : setTimeout(() => this.refreshTyping(), next - now + 1);
    }
    if (typing.size === this.typingKeys.size && [...typing].every((k) => this.typingKeys.has(k)))
      return;
    this.typingKeys = typing;
    this.onChange();
  }

  /**
   * What members' current claims say their clients hold of recent writers (our client not
   * included; strangers' claims neither).
   */
  holdings(now = Date.now()): Map<number, number>[] {
    return this.attached?.book.holdings(now, (key) => this.source.members.has(key)) ?? [];
  }

  /** Says again soon (within a second) what we hold: a peer's update just added to it. */
  soon(): void {
    const a = this.attached;
    if (!a || a.soonTimer) return;
    a.soonTimer = setTimeout(() => {
      a.soonTimer = null;
      if (this.attached === a && !a.saidGoodbye) this.announce(false);
    }, SOON_MS);
  }

  /** The current claims of the relays let in to this room: what each holds, and when it said so. */
  relays(now = Date.now()): VerifiedRelayClaim[] {
    return this.attached?.relays.current((k) => !!this.source.isRelay?.(k), now) ?? [];
  }

  /** Works out who is online from the claims accepted and the members. */
  refresh(): void {
    this.forMembers = this.source.membersVersion;
    const online = new Set<string>([this.myKey]);
    const a = this.attached;
    if (a) {
      const now = Date.now();
      a.book.forgetStale(now);
      for (const key of a.book.present(now)) if (this.source.members.has(key)) online.add(key);
    }
    // Awareness ticks often (every peer, every 15 s, and on each message's update); only a real
    // change in who is online is worth re-rendering for.
    if (online.size === this.onlineKeys.size && [...online].every((k) => this.onlineKeys.has(k)))
      return;
    this.onlineKeys = online;
    this.onChange();
  }

  /**
   * Forgets clients gone from the awareness whose claims went stale. Not done while an awareness
   * change is being handled: y-webrtc reads the clock of each client in it afterwards.
   */
  private forgetGone(): void {
    const a = this.attached!;
    a.book.forgetStale();
    const states = a.awareness.getStates();
    for (const id of [...a.awareness.meta.keys()])
      if (id !== a.awareness.clientID && !states.has(id) && !a.book.knows(id)) {
        a.awareness.meta.delete(id);
        a.kept.delete(id);
      }
  }

  /** Sets our claim (or our goodbye), always later than the one before, as our local state. */
  private announce(leaving: boolean): void {
    const a = this.attached!;
    const { awareness, room } = a;
    a.lastAt = Math.max(Date.now(), a.lastAt + 1);
    const claim = leaving
      ? signLeaving(this.keys, room, awareness.clientID, a.lastAt)
      : signPresence(this.keys, room, awareness.clientID, a.lastAt, this.source.held?.());
    if (leaving) a.myTyping = null;
    a.writing = true;
    try {
      awareness.setLocalState({
        ...(a.mine ?? awareness.getLocalState()),
        presence: claim,
        [TYPING_FIELD]: a.myTyping ?? undefined,
      });
    } finally {
      a.writing = false;
    }
    a.mine = awareness.getLocalState();
    a.saidGoodbye = leaving;
  }

  /**
   * Keeps a peer's change only if its state carries a claim the book takes (valid, and newer
   * than what that member said for that client before). Anything else is undone, and taken out
   * of the change so y-webrtc does not forward it; a removal stands only once no current claim
   * stands for the client (its member said goodbye or went stale), or when our own awareness
   * timed the client out.
   */
  private judge(changes: AwarenessChanges, origin: unknown): void {
    const a = this.attached!;
    const { awareness, book, kept } = a;
    const states = awareness.getStates();
    const now = Date.now();
    const isMember = (key: string) => this.source.members.has(key);
    const refused = new Set<number>();
    for (const id of [...changes.added, ...changes.updated, ...changes.removed]) {
      if (id === awareness.clientID) {
        this.guardOwn();
        continue;
      }
      const state = states.get(id);
      const byMember = state !== undefined && book.accept(id, presenceOf(state), isMember, now);
      // The member whose newer presence claim the state carries is the one whose typing it says.
      if (byMember && state)
        a.typing.take(
          id,
          (presenceOf(state) as { member: string }).member,
          state[TYPING_FIELD],
          now,
        );
      if (
        byMember ||
        (state !== undefined &&
          a.relays.accept(id, state[RELAY_CLAIM_FIELD], (k) => !!this.source.isRelay?.(k), now))
      ) {
        kept.set(id, { state, lastUpdated: now });
        awareness.meta.set(id, { clock: 0, lastUpdated: now });
        this.onClaim();
      } else if (
        state === undefined &&
        (origin === 'timeout' || !(book.vouchesFor(id, now) || a.relays.vouchesFor(id, now)))
      ) {
        kept.delete(id);
        a.typing.drop(id);
        awareness.meta.set(id, {
          clock: 0,
          lastUpdated: awareness.meta.get(id)?.lastUpdated ?? now,
        });
      } else {
        refused.add(id);
        const before = kept.get(id);
        if (before) {
          states.set(id, before.state);
          awareness.meta.set(id, { clock: 0, lastUpdated: before.lastUpdated });
        } else {
          states.delete(id);
          awareness.meta.delete(id);
        }
      }
    }
    if (refused.size === 0) return;
    for (const list of [changes.added, changes.updated, changes.removed])
      for (let i = list.length - 1; i >= 0; i--) if (refused.has(list[i]!)) list.splice(i, 1);
  }

  /**
   * Our own client: y-protocols lets a peer's higher clock replace our local state, so it is put
   * back. When our state is removed here (y-webrtc does so as the window unloads, before closing
   * its connections), our goodbye takes its place, so peers drop us at once.
   */
  private guardOwn(): void {
    const a = this.attached!;
    if (a.writing) return;
    const current = a.awareness.getStates().get(a.awareness.clientID);
    if (current === undefined) {
      if (!a.saidGoodbye) this.announce(true);
    } else if (current !== a.mine && a.mine !== null) {
      a.awareness.getStates().set(a.awareness.clientID, a.mine);
    }
  }
}
