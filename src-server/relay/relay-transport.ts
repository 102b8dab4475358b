// A relay room's connection to the others: Hearth's own WebRTC provider (framing, budgets, update
// guard; src-shared/sync/webrtc-provider.ts) on @roamhq/wrtc, as every Node peer makes it. Each
// peer connection is judged by the circle log's shape, so the relay keeps only buckets of sealed
// records of their size, and a peer that sends anything else is cut off.
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { CIRCLE_LOG_SHAPE } from '../../src-shared/circle/doc-shapes';
import { roomFor } from '../../src-shared/crypto/keys';
import { createWebrtcProvider, type IceServer } from '../../src-shared/sync/webrtc-provider';
import type { RoomTransport } from './relay-room';

/**
 * Joins the room of `roomSecret` with `doc` through the given signaling servers; `onPeers` hears
 * the number of peers after each change.
 */
export function webrtcTransport(
  roomSecret: Uint8Array,
  signalingUrls: string[],
  iceServers: readonly IceServer[],
  doc: Y.Doc,
  onPeers: (count: number) => void,
): RoomTransport {
  // Node 20 has no global WebSocket; y-webrtc's signaling client (lib0) needs one.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  const { name, password } = roomFor(roomSecret);
  const hearth = createWebrtcProvider({
    name,
    password,
    doc,
    shape: CIRCLE_LOG_SHAPE,
    signalingUrls,
    iceServers,
    platform: wrtc,
  });
  hearth.provider.on('peers', () => onPeers(hearth.peerCount));
  return {
    setClaim: (state) => hearth.provider.awareness.setLocalState(state),
    destroy: () => hearth.destroy(),
  };
}
