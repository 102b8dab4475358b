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

/** A negotiation (offer and answer) not done after this long is stuck, not slow. */
export const NEGOTIATION_TIMEOUT_MS = 4_000;
/** A negotiated connection not open after this long is given up too (ICE that went nowhere). */
export const OPEN_TIMEOUT_MS = 20_000;
/** How often a room's connections are looked at. */
export const CHECK_EVERY_MS = 1_000;

/** The parts of y-webrtc 10.3's WebrtcConn (and its simple-peer) that are read here. */
export interface WebrtcConnLike {
  connected: boolean;
  closed: boolean;
  peer: {
    /** simple-peer's RTCPeerConnection; null once destroyed. */
    _pc?: { signalingState: string; remoteDescription: unknown } | null;
  };
  destroy(): void;
}

/** Whether the offer and the answer have both been applied on this side. */
function negotiated(conn: WebrtcConnLike): boolean {
  const pc = conn.peer._pc;
  return !!pc && pc.signalingState === 'stable' && !!pc.remoteDescription;
}

export class StalledConnections {
  /** When each connection not yet open was first seen. */
  private readonly firstSeen = new WeakMap<WebrtcConnLike, number>();

  /**
   * Destroys every connection among `conns` that has not finished negotiating within
   * NEGOTIATION_TIMEOUT_MS, or not opened within OPEN_TIMEOUT_MS, of first being seen here.
   * Returns how many it destroyed. Open and closed connections are left alone.
   */
  check(conns: Iterable<WebrtcConnLike>, now: number): number {
    let destroyed = 0;
    for (const conn of conns) {
      if (conn.connected || conn.closed) continue;
      const since = this.firstSeen.get(conn);
      if (since === undefined) {
        this.firstSeen.set(conn, now);
        continue;
      }
      const age = now - since;
      if (age >= OPEN_TIMEOUT_MS || (age >= NEGOTIATION_TIMEOUT_MS && !negotiated(conn))) {
        conn.destroy();
        destroyed++;
      }
    }
    return destroyed;
  }
}
