// Gives up on y-webrtc peer connections that will never open, so that the pair tries again.
//
// y-webrtc keeps one connection per remote peer, and a peer that already holds one (open or not)
// ignores that peer's announcements. When two peers start a connection to each other at the same
// moment (offer glare: one re-announces after another connection closed, while its offer to the
// other is still on its way), y-webrtc's tie-break (upstream yjs/y-webrtc#39) can still leave one
// side with an offer nobody answers and the other with a connection waiting for an offer that
// never comes; simple-peer will not resolve glare itself (upstream feross/simple-peer#265) and
// has no timeout for a negotiation. Neither side then ever tries again: in a lobby, a newcomer
// stayed unanswered for good. Destroying such a connection makes y-webrtc drop it and announce
// the peer again, and the side that no longer holds one answers that announcement with a fresh
// offer.
//
// After such a race a connection could also open and stay silent: both sides reported it open,
// yet nothing sent on it arrived, in one direction or both (when one side had applied the other's
// offer to its own offering connection; offer-guard.ts now refuses that). y-webrtc sends its sync
// step 1 the moment a connection opens, so a peer that has said nothing at all a few seconds
// after opening is not slow: that connection is given up too.
//
// The two sides of a glared pair must not give up at the same moment. Each side that gives up
// announces itself again (y-webrtc's close handler), and two announcements that cross start the
// same race once more: measured between two Node processes, a member and a relay that joined at
// once raced, gave up together every 5 s and raced again, for 15 s here and for over 45 s on CI.
// So the side with the greater peer id waits NEGOTIATION_YIELD_MS longer: the other's
// announcement reaches it while it still holds its stuck connection (and ignores it), and its own
// later one reaches a peer that holds none and answers with one clean offer.

/** A negotiation (offer and answer) not done after this long is stuck, not slow. */
export const NEGOTIATION_TIMEOUT_MS = 4_000;
/** How much longer the side with the greater peer id waits for a negotiation (see the top). */
export const NEGOTIATION_YIELD_MS = 3_000;
/** A negotiated connection not open after this long is given up too (ICE that went nowhere). */
export const OPEN_TIMEOUT_MS = 20_000;
/** An open connection on which the peer has sent nothing for this long is silent, not slow. */
export const SILENT_TIMEOUT_MS = 5_000;
/** How often a room's connections are looked at. */
export const CHECK_EVERY_MS = 1_000;

/** The parts of y-webrtc 10.3's WebrtcConn (and its simple-peer) that are read here. */
export interface WebrtcConnLike {
  /** y-webrtc's id of the peer at the other end. */
  remotePeerId: string;
  connected: boolean;
  closed: boolean;
  /** Set by y-webrtc once the peer's sync step 2 arrived. */
  synced: boolean;
  peer: {
    /** simple-peer's RTCPeerConnection; null once destroyed. */
    _pc?: { signalingState: string; remoteDescription: unknown } | null;
    /** simple-peer emits each message it receives as 'data'. */
    once(event: 'data', listener: () => void): void;
  };
  destroy(): void;
}

/** Whether the offer and the answer have both been applied on this side. */
function negotiated(conn: WebrtcConnLike): boolean {
  const pc = conn.peer._pc;
  return !!pc && pc.signalingState === 'stable' && !!pc.remoteDescription;
}

export class StalledConnections {
  /** `ownPeerId`: y-webrtc's id of this side in the room (its `room.peerId`). */
  constructor(private readonly ownPeerId: string) {}

  /** When each connection not yet open was first seen. */
  private readonly firstSeen = new WeakMap<WebrtcConnLike, number>();
  /** When each open connection was first seen open. */
  private readonly openSince = new WeakMap<WebrtcConnLike, number>();
  /** Connections listened to, and those the peer has sent something on. */
  private readonly watched = new WeakSet<WebrtcConnLike>();
  private readonly heard = new WeakSet<WebrtcConnLike>();

  /**
   * Starts listening for the peer's first message on each connection among `conns` not listened
   * to yet. Call it as soon as connections are added (y-webrtc's 'peers' event), before they
   * open, so that no message is missed; `check` calls it too.
   */
  watch(conns: Iterable<WebrtcConnLike>): void {
    for (const conn of conns) {
      if (this.watched.has(conn)) continue;
      this.watched.add(conn);
      conn.peer.once('data', () => this.heard.add(conn));
    }
  }

  /**
   * Destroys every connection among `conns` that has not finished negotiating within
   * NEGOTIATION_TIMEOUT_MS (plus NEGOTIATION_YIELD_MS on the side with the greater peer id), or not opened within OPEN_TIMEOUT_MS, of first being seen here, and
   * every open one on which the peer has sent nothing within SILENT_TIMEOUT_MS of its being seen
   * open. Returns how many it destroyed. Closed connections, and open ones the peer has spoken
   * on, are left alone.
   */
  check(conns: Iterable<WebrtcConnLike>, now: number): number {
    const all = [...conns];
    this.watch(all);
    let destroyed = 0;
    for (const conn of all) {
      if (conn.closed) continue;
      if (this.stalled(conn, now)) {
        conn.destroy();
        destroyed++;
      }
    }
    return destroyed;
  }

  private stalled(conn: WebrtcConnLike, now: number): boolean {
    if (conn.connected) {
      if (conn.synced || this.heard.has(conn)) return false;
      const since = this.openSince.get(conn);
      if (since === undefined) this.openSince.set(conn, now);
      return since !== undefined && now - since >= SILENT_TIMEOUT_MS;
    }
    const since = this.firstSeen.get(conn);
    if (since === undefined) {
      this.firstSeen.set(conn, now);
      return false;
    }
    const age = now - since;
    const negotiationTimeout =
      this.ownPeerId > conn.remotePeerId
        ? NEGOTIATION_TIMEOUT_MS + NEGOTIATION_YIELD_MS
        : NEGOTIATION_TIMEOUT_MS;
    return age >= OPEN_TIMEOUT_MS || (age >= negotiationTimeout && !negotiated(conn));
  }
}
