// The shared provider's lifetime in Node, against Hearth's real signaling server on 127.0.0.1:
// a room left (for a new epoch, or a circle closed) must give back its signaling socket and stop
// its awareness timer, or every epoch change would leave one more of each behind.
import wrtc from '@roamhq/wrtc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startSignalingServer, type SignalingServer } from '../../src-server/signaling/server';
import type { WebrtcPlatform } from '../../src-shared/sync/framed-webrtc';
import { createWebrtcProvider } from '../../src-shared/sync/webrtc-provider';

let signal: SignalingServer;

beforeAll(async () => {
  // Node 20 has no global WebSocket; y-webrtc's signaling client (lib0) needs one.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  signal = await startSignalingServer({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await signal?.close();
});

const open = (name: string) =>
  createWebrtcProvider({
    name,
    password: 'provider test',
    doc: new Y.Doc(),
    signalingUrls: [signal.url],
    iceServers: [],
    platform: wrtc as unknown as WebrtcPlatform,
  });

describe('createWebrtcProvider', () => {
  it('gives back its signaling socket and ends its awareness when destroyed', async () => {
    const first = open(`provider-a-${Date.now()}`);
    await expect.poll(() => signal.connections(), { timeout: 10_000 }).toBe(1);
    let awarenessEnded = false;
    first.provider.awareness.on('destroy', () => (awarenessEnded = true));
    first.destroy();
    // Nothing else uses the socket, so it closes; the awareness's renewal timer is stopped.
    await expect.poll(() => signal.connections(), { timeout: 10_000 }).toBe(0);
    expect(awarenessEnded).toBe(true);
  });

  it('keeps the socket while another room still uses it', async () => {
    const one = open(`provider-b-${Date.now()}`);
    const two = open(`provider-c-${Date.now()}`);
    await expect.poll(() => signal.connections(), { timeout: 10_000 }).toBe(1);
    one.destroy();
    await new Promise((done) => setTimeout(done, 300));
    expect(signal.connections()).toBe(1);
    expect(two.provider.connected).toBe(true);
    two.destroy();
    await expect.poll(() => signal.connections(), { timeout: 10_000 }).toBe(0);
  });
});
