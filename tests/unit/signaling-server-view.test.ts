// A signaling server's view (issue 16): one person, two circles open, an invite of one of them
// waiting for its newcomer (so its lobby is open), and a join of a third circle pending. Real
// Circles services over real y-webrtc providers in Node, against Hearth's signaling server on
// 127.0.0.1 behind a proxy that records every connection and every frame the server receives.
// An attack on the old code, where y-webrtc put every room of the page on one connection per
// server, and lobbies had a prefix of their own: the server could link the two circles.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lobbyFor, roomFor } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { decodeShareCode } from '../../src-shared/share-code';
import { startSignalingServer, type SignalingServer } from '../../src-server/signaling/server';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { Circles } from '../../src-renderer/services/circles/circles';
import { TAG_PARAM } from '../../src-renderer/services/circles/signaling-urls';
import { devices, waitFor } from '../support/devices';
import {
  startRecordingProxy,
  type RecordingProxy,
  type SeenConnection,
} from '../support/recording-proxy';

let server: SignalingServer;
let proxy: RecordingProxy;

beforeAll(async () => {
  await loadSodium();
  // Node 20 has no global WebSocket; y-webrtc's signaling client (lib0) needs one.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  proxy = await startRecordingProxy(server.url);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

interface Frame {
  type?: unknown;
  topic?: unknown;
  topics?: unknown;
}
const parse = (frame: string): Frame => JSON.parse(frame) as Frame;

/** Every topic a connection subscribed, in the order first named. */
function subscribed(c: SeenConnection): string[] {
  const out = new Set<string>();
  for (const f of c.frames.map(parse))
    if (f.type === 'subscribe' && Array.isArray(f.topics))
      for (const t of f.topics as string[]) out.add(t);
  return [...out];
}

/** Every topic a connection's frames name, in any frame. */
function named(c: SeenConnection): Set<string> {
  const out = new Set<string>();
  for (const f of c.frames.map(parse)) {
    if (typeof f.topic === 'string') out.add(f.topic);
    if (Array.isArray(f.topics)) for (const t of f.topics as string[]) out.add(t);
  }
  return out;
}

const roomOf = (circles: Circles, localId: string): string => {
  const sessions = (circles as unknown as { sessions: Map<string, CircleSession> }).sessions;
  return roomFor(sessions.get(localId)!.currentEpoch().roomSecret).name;
};
const lobbyOf = (token: string): string => {
  const decoded = decodeShareCode(token);
  if (!decoded.ok) throw new Error('share code does not decode');
  return lobbyFor(decoded.code.inviteSecret).name;
};

describe("a signaling server's view", () => {
  it('nothing ties two circles of one person together: no shared connection, topic or tag', async () => {
    const {
      all: [ana, zoe],
    } = await devices('Ana', 'Zoe');
    // Zoe's circle, offline: Ana's join of it stays pending.
    const zoeId = await zoe!.circles.createCircle({
      name: 'C',
      description: '',
      displayName: 'Zoe',
    });
    const { token: zoeCode } = await zoe!.circles.createInvite(zoeId);
    await zoe!.circles.closeAll();

    const circles = new Circles(ana!.store, { signalingUrls: [proxy.url], iceServers: [] });
    const a = await circles.createCircle({ name: 'A', description: '', displayName: 'Ana' });
    const b = await circles.createCircle({ name: 'B', description: '', displayName: 'Ana' });
    const { token: aCode } = await circles.createInvite(a);
    const joining = circles.join(zoeCode, 'Ana');
    expect(joining.ok).toBe(true);

    const roomA = roomOf(circles, a);
    const roomB = roomOf(circles, b);
    const lobbyA = lobbyOf(aCode);
    const lobbyC = lobbyOf(zoeCode);
    const holding = (topic: string) =>
      proxy.connections.filter((c) => subscribed(c).includes(topic));
    await waitFor(
      () => [roomA, roomB, lobbyA, lobbyC].every((t) => holding(t).length > 0),
      'every room subscribed',
      15_000,
    );
    // Whatever else comes (announces, pings) comes too before the server's view is read.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const seen = proxy.connections;

    // One connection per circle and one for the join, each opened with a tag of its own.
    expect(seen).toHaveLength(3);
    const tags = seen.map((c) => new URL(c.url, 'ws://x').searchParams.get(TAG_PARAM));
    expect(new Set(tags).size).toBe(3);
    for (const tag of tags) expect(tag).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const [connA, connB, connC] = [holding(roomA), holding(roomB), holding(lobbyC)].map((h) => {
      expect(h).toHaveLength(1);
      return h[0]!;
    });
    expect(new Set([connA, connB, connC]).size).toBe(3);
    // A: its room, its handover room and its invite's lobby; B: its room and handover room.
    await waitFor(
      () => subscribed(connA!).length === 3 && subscribed(connB!).length === 2,
      'handover rooms subscribed',
    );

    // Each circle's own room is the first topic on its connection, and the lobby is with it.
    expect(subscribed(connA!)[0]).toBe(roomA);
    expect(subscribed(connA!)).toContain(lobbyA);
    expect(subscribed(connB!)[0]).toBe(roomB);
    expect(subscribed(connC!)).toEqual([lobbyC]);

    // No topic on two connections; no frame names a topic its connection did not subscribe.
    const all = seen.flatMap((c) => [...named(c)]);
    expect(new Set(all).size).toBe(all.length);
    for (const c of seen) expect([...named(c)].every((t) => subscribed(c).includes(t))).toBe(true);
    // No frame of one connection carries a topic or tag of another, anywhere in its text.
    for (const c of seen)
      for (const other of seen.filter((o) => o !== c)) {
        const marks = [...named(other), new URL(other.url, 'ws://x').searchParams.get(TAG_PARAM)!];
        for (const frame of c.frames) for (const mark of marks) expect(frame).not.toContain(mark);
      }

    // Rooms and lobbies look alike: one length, one alphabet, no prefix.
    for (const topic of all) expect(topic).toMatch(/^[0-9a-f]{64}$/);

    // Closing the circles (a lock) closes their sockets.
    await circles.closeAll();
    await waitFor(() => seen.every((c) => !c.open), 'sockets closed', 10_000);
    // The tags live in memory only: nothing the device stored holds one, in any form.
    const stored = await Promise.all(ana!.db.tables.map((t) => t.toArray()));
    const text = JSON.stringify(stored, (_, v: unknown) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    );
    for (const tag of tags) expect(text).not.toContain(tag);
  }, 60_000);
});
