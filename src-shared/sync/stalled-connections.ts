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
// once (so their looks here fell within a few milliseconds of each other) raced, gave up together
// every 5 s and raced again, for 15 s here and for over 45 s on CI. So each connection waits a
// random extra time, up to NEGOTIATION_JITTER_MS, looked at every CHECK_EVERY_MS: one side then
// gives up first, the other still holds its stuck connection and ignores that announcement, and
// its own, a moment later, reaches a peer that holds none and answers with one clean offer. (A
// fixed order by peer id did the same for two peers, but announcements go to the whole room: with
// three peers it crossed again, and a leave right after a key rotation went unheard.)

/** A negotiation (offer and answer) not done after this long is stuck, not slow. */
export const NEGOTIATION_TIMEOUT_MS = 4_000;
/** Each connection waits up to this much longer for its negotiation, at random (see the top). */
export const NEGOTIATION_JITTER_MS = 1_500;
/** A negotiated connection not open after this long is given up too (ICE that went nowhere). */
export const OPEN_TIMEOUT_MS = 20_000;
/** An open connection on which the peer has sent nothing for this long is silent, not slow. */
export const SILENT_TIMEOUT_MS = 5_000;
/** How often a room's connections are looked at: finer than the jitter, so that it counts. */
export const CHECK_EVERY_MS = 250;

/** The parts of y-webrtc 10.3's WebrtcConn (and its simple-peer) that are read here. */
export interface WebrtcConnLike {
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
  /** `random`: a number in [0, 1) for each connection's extra wait (Math.random by default). */
  constructor(private readonly random: () => number = Math.random) {}

  /** When each connection not yet open was first seen, and how long its negotiation may take. */
  private readonly firstSeen = new WeakMap<WebrtcConnLike, { at: number; negotiation: number }>();
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
   * NEGOTIATION_TIMEOUT_MS (plus its own random part of NEGOTIATION_JITTER_MS), or not opened
   * within OPEN_TIMEOUT_MS, of first being seen here, and
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
    const seen = this.firstSeen.get(conn);
    if (seen === undefined) {
      const negotiation =
        NEGOTIATION_TIMEOUT_MS + Math.floor(this.random() * NEGOTIATION_JITTER_MS);
      this.firstSeen.set(conn, { at: now, negotiation });
      return false;
    }
    const age = now - seen.at;
    return age >= OPEN_TIMEOUT_MS || (age >= seen.negotiation && !negotiated(conn));
  }
}
