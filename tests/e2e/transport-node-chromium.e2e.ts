// A Node peer (@roamhq/wrtc) and a Chromium peer (its own browser process, the transport bundled
// by esbuild, no Vite) meet through Hearth's signaling server on 127.0.0.1 and exchange a
// document update of several MiB in each direction. Both are made by src-shared's
// createWebrtcProvider. Each update is one y-webrtc message far over Chromium's 256 KiB limit:
// without framing, Chromium refuses it, y-webrtc swallows the error (upstream yjs/y-webrtc#20)
// and it never arrives; with framing on one side only, the other side cannot read it.
import wrtc from '@roamhq/wrtc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startSignalingServer, type SignalingServer } from '../../src-server/signaling/server';
import type { WebrtcPlatform } from '../../src-shared/sync/framed-webrtc';
import {
  createWebrtcProvider,
  type HearthWebrtcProvider,
} from '../../src-shared/sync/webrtc-provider';
import { patterned } from '../support/patterned-bytes';
import { openTransportPage, type TransportPage } from './transport-page';

const MiB = 1024 * 1024;
const FROM_NODE_BYTES = 6 * MiB + 123;
const FROM_PAGE_BYTES = 5 * MiB + 77;
const ROOM = `transport-e2e-${Date.now()}`;
const PASSWORD = 'transport e2e password';

/** Rejects if the promise has not settled within `ms`: a message that never comes fails fast. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

type PageWindow = {
  hearthTransport: {
    Y: typeof Y;
    createWebrtcProvider: typeof createWebrtcProvider;
    patterned: typeof patterned;
  };
  peer: { doc: Y.Doc; transport: HearthWebrtcProvider; synced: boolean };
};

let signal: SignalingServer;
let chromiumPeer: TransportPage;
let nodeDoc: Y.Doc;
let nodePeer: HearthWebrtcProvider;
let nodeSynced = false;

beforeAll(async () => {
  // Node 20 has no global WebSocket; y-webrtc's signaling client (lib0) needs one.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  signal = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  chromiumPeer = await openTransportPage(
    `import * as Y from 'yjs';
     import { createWebrtcProvider } from './src-shared/sync/webrtc-provider';
     import { patterned } from './tests/support/patterned-bytes';
     window.hearthTransport = { Y, createWebrtcProvider, patterned };`,
  );
});

afterAll(async () => {
  nodePeer?.destroy();
  await chromiumPeer?.close();
  await signal?.close();
});

describe('the shared transport between a Node peer and a Chromium peer', () => {
  it('carries a multi-MiB update each way, whole and byte for byte', async () => {
    await chromiumPeer.page.evaluate(
      ([name, password, url]) => {
        const w = window as unknown as PageWindow;
        const { Y, createWebrtcProvider } = w.hearthTransport;
        const doc = new Y.Doc();
        const transport = createWebrtcProvider({
          name,
          password,
          doc,
          signalingUrls: [url],
          iceServers: [],
          platform: { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate } as never,
        });
        w.peer = { doc, transport, synced: false };
        transport.provider.on('synced', ({ synced }: { synced: boolean }) => {
          w.peer.synced = synced;
        });
      },
      [ROOM, PASSWORD, signal.url] as const,
    );
    // The Chromium peer is in the room before the Node peer announces itself, so only Chromium
    // answers an announcement and makes the offer. When both announce at once, y-webrtc settles
    // the glare by having one side take an offer while it holds its own: Chromium rolls its own
    // back, but the older libwebrtc in @roamhq/wrtc may refuse, and y-webrtc does not try again.
    // That is our best reading of the one failure seen in a full run (the peers never connected);
    // this test is about the transport, so the peers meet in order.
    await expect
      .poll(
        () =>
          chromiumPeer.page.evaluate(() => {
            const { provider } = (window as unknown as PageWindow).peer.transport;
            const conns = provider.signalingConns as unknown as { connected: boolean }[];
            return provider.room !== null && conns.some((c) => c.connected);
          }),
        { timeout: 30_000 },
      )
      .toBe(true);
    await new Promise((done) => setTimeout(done, 250));
    nodeDoc = new Y.Doc();
    nodePeer = createWebrtcProvider({
      name: ROOM,
      password: PASSWORD,
      doc: nodeDoc,
      signalingUrls: [signal.url],
      iceServers: [],
      platform: wrtc as unknown as WebrtcPlatform,
    });
    nodePeer.provider.on('synced', ({ synced }: { synced: boolean }) => {
      nodeSynced = synced;
    });
    const pageSynced = () =>
      chromiumPeer.page.evaluate(() => {
        const { peer } = window as unknown as PageWindow;
        return peer.transport.peerCount === 1 && peer.synced;
      });
    await expect.poll(() => nodePeer.peerCount === 1 && nodeSynced, { timeout: 30_000 }).toBe(true);
    await expect.poll(pageSynced, { timeout: 30_000 }).toBe(true);

    const fromNodeArrived = chromiumPeer.page.evaluate((length) => {
      const { peer, hearthTransport } = window as unknown as PageWindow;
      const { patterned } = hearthTransport;
      const map = peer.doc.getMap<Uint8Array>('bytes');
      return new Promise<{ length: number; same: boolean }>((done) => {
        const check = () => {
          const got = map.get('fromNode');
          if (!got) return;
          map.unobserve(check);
          const want = patterned(length, 1);
          done({ length: got.length, same: got.every((b, i) => b === want[i]) });
        };
        map.observe(check);
        check();
      });
    }, FROM_NODE_BYTES);
    const nodeMap = nodeDoc.getMap<Uint8Array>('bytes');
    const fromPageArrived = new Promise<Uint8Array>((done) => {
      const check = () => {
        const got = nodeMap.get('fromPage');
        if (got) done(got);
      };
      nodeMap.observe(check);
    });

    nodeMap.set('fromNode', patterned(FROM_NODE_BYTES, 1));
    await chromiumPeer.page.evaluate((length) => {
      const { peer, hearthTransport } = window as unknown as PageWindow;
      const { patterned } = hearthTransport;
      peer.doc.getMap<Uint8Array>('bytes').set('fromPage', patterned(length, 2));
    }, FROM_PAGE_BYTES);

    expect(await within(fromNodeArrived, 30_000, 'the update from Node')).toEqual({
      length: FROM_NODE_BYTES,
      same: true,
    });
    const fromPage = await within(fromPageArrived, 30_000, 'the update from Chromium');
    expect(fromPage.length).toBe(FROM_PAGE_BYTES);
    expect(Buffer.compare(fromPage, patterned(FROM_PAGE_BYTES, 2))).toBe(0);
  });
});
