// The ICE transport policy reaches RTCPeerConnection through y-webrtc and simple-peer (Node,
// @roamhq/wrtc, Hearth's signaling server on 127.0.0.1): a connection y-webrtc opens to a peer
// is made with the provider's policy, and relay-only with no TURN server gathers no candidate at
// all, where 'all' gathers this computer's host addresses.
import wrtc from '@roamhq/wrtc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebrtcConn, type SignalingConn } from 'y-webrtc';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startSignalingServer, type SignalingServer } from '../../src-server/signaling/server';
import type { WebrtcPlatform } from '../../src-shared/sync/framed-webrtc';
import { createWebrtcProvider } from '../../src-shared/sync/webrtc-provider';
import { BYTES_TEST_SHAPE } from '../support/test-shapes';

let signal: SignalingServer;
beforeAll(async () => {
  // Node 20 has no global WebSocket; y-webrtc's signaling client (lib0) needs one.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  signal = await startSignalingServer({ host: '127.0.0.1', port: 0 });
});
afterAll(() => signal.close());

/** @roamhq/wrtc, with every RTCPeerConnection's configuration and gathered candidate kept. */
function spiedPlatform() {
  const configs: RTCConfiguration[] = [];
  const candidates: string[] = [];
  class Spied extends wrtc.RTCPeerConnection {
    constructor(config: RTCConfiguration) {
      super(config);
      configs.push(config);
      this.addEventListener('icecandidate', ({ candidate }) => {
        if (candidate) candidates.push(candidate.candidate);
      });
    }
  }
  const platform = { ...wrtc, RTCPeerConnection: Spied } as unknown as WebrtcPlatform;
  return { platform, configs, candidates };
}

/** Opens a provider with `policy` and has y-webrtc start a connection to a (made-up) peer. */
async function connectionWith(policy: 'all' | 'relay') {
  const spy = spiedPlatform();
  const hearth = createWebrtcProvider({
    name: `ice-policy-${policy}-${Date.now()}`,
    password: 'ice policy test',
    doc: new Y.Doc(),
    shape: BYTES_TEST_SHAPE,
    signalingUrls: [signal.url],
    iceServers: [],
    iceTransportPolicy: policy,
    platform: spy.platform,
  });
  const { provider } = hearth;
  await expect.poll(() => provider.room !== null, { timeout: 10_000 }).toBe(true);
  // What y-webrtc does when a peer announces itself: an initiating connection to it.
  const conn = new WebrtcConn(
    provider.signalingConns[0] as SignalingConn,
    true,
    'a-peer-that-never-answers',
    provider.room!,
  );
  return { ...spy, close: () => (conn.destroy(), hearth.destroy()) };
}

describe('the ICE transport policy', () => {
  it('relay-only reaches RTCPeerConnection, and without a TURN server nothing is gathered', async () => {
    const { configs, candidates, close } = await connectionWith('relay');
    try {
      await expect.poll(() => configs.length).toBe(1);
      expect(configs[0]).toMatchObject({ iceServers: [], iceTransportPolicy: 'relay' });
      // Long enough for host candidates to appear under 'all' (next test).
      await new Promise((done) => setTimeout(done, 1_500));
      expect(candidates).toEqual([]);
    } finally {
      close();
    }
  });

  it("'all' gathers this computer's host addresses", async () => {
    const { configs, candidates, close } = await connectionWith('all');
    try {
      await expect.poll(() => candidates.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(configs[0]).toMatchObject({ iceTransportPolicy: 'all' });
      expect(candidates.some((c) => c.includes('typ host'))).toBe(true);
    } finally {
      close();
    }
  });
});
