// Real y-webrtc providers in Node (@roamhq/wrtc) against Hearth's signaling server on 127.0.0.1,
// started before a test file's tests and stopped after them.
import wrtc from '@roamhq/wrtc';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startSignalingServer, type SignalingServer } from '../../src-server/signaling/server';
import type { WebrtcPlatform } from '../../src-shared/sync/framed-webrtc';
import type { DocShape } from '../../src-shared/sync/update-guard';
import { createWebrtcProvider } from '../../src-shared/sync/webrtc-provider';
import { BYTES_TEST_SHAPE } from './test-shapes';

/**
 * Registers the server's start and stop; returns how to reach it and open providers on it. Each
 * provider's peers are judged by `shape` (a map of bytes unless the test's documents are others).
 */
export function useNodeProviders(password: string, shape: DocShape = BYTES_TEST_SHAPE) {
  let signal: SignalingServer | undefined;
  beforeAll(async () => {
    // Node 20 has no global WebSocket; y-webrtc's signaling client (lib0) needs one.
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
    signal = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await signal?.close();
  });
  return {
    /** The running server (inside tests only). */
    server: (): SignalingServer => signal!,
    /** A provider for room `name` with a fresh document, on the server. */
    open: (name: string) =>
      createWebrtcProvider({
        name,
        password,
        doc: new Y.Doc(),
        shape,
        signalingUrls: [signal!.url],
        iceServers: [],
        platform: wrtc as unknown as WebrtcPlatform,
      }),
  };
}
