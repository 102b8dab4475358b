// One negotiation per peer connection: a connection that has made an offer, or has already taken
// one, refuses any further offer, so simple-peer gives it up (ERR_SET_REMOTE_DESCRIPTION) and
// y-webrtc drops it and announces us again.
//
// When two peers offer to each other at once (glare), y-webrtc's tie-break (upstream
// yjs/y-webrtc#39) has the side with the lower token apply the other's offer to its own offering
// connection (an implicit rollback); simple-peer does not handle glare (upstream
// feross/simple-peer#265). In Chromium such a connection opened on both sides and then carried
// nothing, in the lobby end-to-end test nearly every time it happened; an offer from a peer's new
// connection applied to our old one (the peer had given its own up) never opened at all. Refused
// here instead, the pair ends up with one side holding an unanswered offer, which
// stalled-connections.ts gives up after a few seconds, and the next announcement starts one clean
// negotiation. Hearth never renegotiates (data channels only, no media), so nothing legitimate
// is refused.

/** A session description as simple-peer hands it to setRemoteDescription. */
interface DescriptionLike {
  type?: string;
}

/** The negotiation methods of a platform RTCPeerConnection that are guarded. */
export interface NegotiatingConnection {
  createOffer: (options?: object) => Promise<unknown>;
  setRemoteDescription: (description: DescriptionLike) => Promise<void>;
}

/**
 * Guarded versions of a connection's createOffer and setRemoteDescription: after the connection
 * made an offer or took one, setRemoteDescription rejects every further offer (and applies
 * nothing); answers and everything else pass through.
 */
export function guardOffers(pc: NegotiatingConnection): NegotiatingConnection {
  let negotiating = false;
  return {
    createOffer: (options?: object) => {
      negotiating = true;
      return pc.createOffer(options);
    },
    setRemoteDescription: (description: DescriptionLike) => {
      if (description.type === 'offer') {
        if (negotiating)
          return Promise.reject(
            new Error('This connection has negotiated already; a second offer is refused.'),
          );
        negotiating = true;
      }
      return pc.setRemoteDescription(description);
    },
  };
}
