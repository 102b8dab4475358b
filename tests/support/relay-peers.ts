// Members as Node peers for the relay's tests: a Hearth provider in a circle's room (the log's
// shape, @roamhq/wrtc), a bucket log to write records in, and what the relay claims to hold as
// this member sees it in the room's awareness, checked as a member's app checks it.
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { BucketLog } from '../../src-shared/circle/bucket-log';
import { CIRCLE_LOG_SHAPE } from '../../src-shared/circle/doc-shapes';
import {
  RELAY_CLAIM_FIELD,
  verifyRelayClaim,
  type VerifiedRelayClaim,
} from '../../src-shared/circle/relay-claim';
import type { WebrtcPlatform } from '../../src-shared/sync/framed-webrtc';
import { OPEN_TIMEOUT_MS } from '../../src-shared/sync/stalled-connections';
import {
  createWebrtcProvider,
  type HearthWebrtcProvider,
} from '../../src-shared/sync/webrtc-provider';

export interface Member {
  doc: Y.Doc;
  log: BucketLog;
  /** The relay's newest valid claim in the room, as this member sees it, or null. */
  relayClaim(): VerifiedRelayClaim | null;
  /**
   * Waits until the relay claims to hold everything this member's document holds. The default
   * wait outlasts one connection given up after OPEN_TIMEOUT_MS and tried again: on a busy host a
   * first WebRTC connection between two processes can fail to open. A failure says what this
   * member's connections looked like.
   */
  waitUntilRelayHolds(timeoutMs?: number): Promise<VerifiedRelayClaim>;
  /** Peers this member has a connection with. */
  peerCount(): number;
  leave(): void;
}

/** The parts of y-webrtc's connection read for a failure's description. */
interface ConnView {
  connected: boolean;
  closed: boolean;
  synced: boolean;
  peer: {
    _pc?: { signalingState?: string; iceConnectionState?: string; connectionState?: string } | null;
  };
}

/** Each connection of a member's room, in a line, for an error that says what was there. */
function describeConnections(hearth: HearthWebrtcProvider, seen: number): string {
  const room = hearth.provider.room as unknown as { webrtcConns: Map<string, ConnView> } | null;
  if (!room) return 'the room was never opened';
  const conns = [...room.webrtcConns].map(([id, c]) => {
    const pc = c.peer._pc;
    const states = pc
      ? `${pc.signalingState}/${pc.iceConnectionState}/${pc.connectionState}`
      : 'no pc';
    return `${id.slice(0, 8)}: ${c.connected ? 'open' : 'not open'}${c.synced ? ', synced' : ''}${c.closed ? ', closed' : ''}, ${states}`;
  });
  return `${seen} connection(s) made in all; now [${conns.join('; ')}]`;
}

/** Joins `room` through `signalingUrl` as a member writing under `writerId`. */
export function joinAsMember(
  room: { name: string; password: string },
  signalingUrl: string,
  writerId: string,
): Member {
  // Node 20 has no global WebSocket; y-webrtc's signaling client (lib0) needs one.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  const doc = new Y.Doc();
  let connectionsMade = 0;
  const hearth = createWebrtcProvider({
    name: room.name,
    password: room.password,
    doc,
    shape: CIRCLE_LOG_SHAPE,
    signalingUrls: [signalingUrl],
    iceServers: [],
    platform: wrtc as unknown as WebrtcPlatform,
  });
  hearth.provider.on('peers', ({ added }: { added: string[] }) => {
    connectionsMade += added.length;
  });
  const relayClaim = () => {
    let best: VerifiedRelayClaim | null = null;
    for (const [clientId, state] of hearth.provider.awareness.getStates()) {
      const claim = verifyRelayClaim(
        (state as Record<string, unknown>)[RELAY_CLAIM_FIELD],
        room.name,
        clientId,
      );
      if (claim && (!best || claim.at > best.at)) best = claim;
    }
    return best;
  };
  const holdsAll = (claim: VerifiedRelayClaim | null) =>
    claim !== null &&
    [...Y.decodeStateVector(Y.encodeStateVector(doc))].every(
      ([client, clock]) => (claim.held.get(client) ?? 0) >= clock,
    );
  const ours = () =>
    [...Y.decodeStateVector(Y.encodeStateVector(doc))].map(([c, n]) => `${c}:${n}`).join(' ');
  return {
    doc,
    log: new BucketLog(doc, writerId),
    relayClaim,
    async waitUntilRelayHolds(timeoutMs = 2 * OPEN_TIMEOUT_MS + 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const claim = relayClaim();
        if (holdsAll(claim)) return claim!;
        if (Date.now() > until) {
          // Say what was missing, so that a slow host can be told apart from a relay that held
          // back, and a connection that never opened from one that carried nothing.
          const seen = claim
            ? `its last claim covers ${[...claim.held].map(([c, n]) => `${c}:${n}`).join(' ')}, ours is ${ours()}`
            : `no claim was seen; ${describeConnections(hearth, connectionsMade)}`;
          throw new Error(
            `the relay never claimed to hold our records in ${timeoutMs} ms: ${seen}`,
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    peerCount: () => hearth.peerCount,
    leave: () => hearth.destroy(),
  };
}
