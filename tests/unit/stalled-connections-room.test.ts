// A real provider (Node, @roamhq/wrtc) against Hearth's signaling server and a peer that only
// speaks y-webrtc's signaling: it announces itself and never answers, as the other side of a
// glared pair does. Attacks on the two things the provider adds to y-webrtc for a crowded lobby:
// a stalled connection is given up and the provider announces itself again, and a room being left
// announces nothing as its connections close.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useNodeProviders } from '../support/node-providers';
import { NEGOTIATION_TIMEOUT_MS } from '../../src-shared/sync/stalled-connections';

const PASSWORD = 'stalled connections test';
const providers = useNodeProviders(PASSWORD);
const { open } = providers;
const signalUrl = () => providers.server().url;

/** y-webrtc's room key (its crypto.js, which the package does not export). */
async function roomKey(room: string): Promise<CryptoKey> {
  const enc = new TextEncoder();
  const material = await crypto.subtle.importKey('raw', enc.encode(PASSWORD), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: enc.encode(room), iterations: 100_000, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

interface Signal {
  type: 'announce' | 'signal';
  from: string;
  to?: string;
  signal?: { type?: string };
  at: number;
}

/** A peer that announces itself in `room` and records what is published there, answering nothing. */
async function silentPeer(room: string) {
  const key = await roomKey(room);
  const ws = new WebSocket(signalUrl());
  await new Promise((ok) => ws.once('open', ok));
  const heard: Signal[] = [];
  ws.on('message', (raw: Buffer) => {
    const m = JSON.parse(raw.toString()) as { type: string; topic: string; data: string };
    if (m.type !== 'publish' || m.topic !== room) return;
    const d = decoding.createDecoder(Buffer.from(m.data, 'base64'));
    decoding.readVarString(d);
    const iv = decoding.readVarUint8Array(d);
    const cipher = decoding.readVarUint8Array(d);
    void crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher).then((plain) => {
      const data = decoding.readAny(decoding.createDecoder(new Uint8Array(plain))) as Signal;
      heard.push({ ...data, at: Date.now() });
    });
  });
  ws.send(JSON.stringify({ type: 'subscribe', topics: [room] }));
  return {
    heard,
    async announce(): Promise<void> {
      const plain = encoding.createEncoder();
      encoding.writeAny(plain, { type: 'announce', from: 'silent' });
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const cipher = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv },
        key,
        encoding.toUint8Array(plain),
      );
      const e = encoding.createEncoder();
      encoding.writeVarString(e, 'AES-GCM');
      encoding.writeVarUint8Array(e, iv);
      encoding.writeVarUint8Array(e, new Uint8Array(cipher));
      const data = Buffer.from(encoding.toUint8Array(e)).toString('base64');
      ws.send(JSON.stringify({ type: 'publish', topic: room, data }));
    },
    close: () => ws.close(),
  };
}

const offerTo = (s: Signal) =>
  s.type === 'signal' && s.to === 'silent' && s.signal?.type === 'offer';

describe('a provider whose connection stalls', () => {
  it('gives up on an offer nobody answers and announces itself again', async () => {
    const room = `stalled-a-${Date.now()}`;
    const provider = open(room);
    const silent = await silentPeer(room);
    try {
      await expect.poll(() => provider.provider.room !== null, { timeout: 10_000 }).toBe(true);
      await silent.announce();
      await expect.poll(() => silent.heard.some(offerTo), { timeout: 10_000 }).toBe(true);
      const offeredAt = silent.heard.find(offerTo)!.at;
      // y-webrtc alone would wait for the answer forever, and ignore the silent peer's
      // announcements while it does.
      await expect
        .poll(() => silent.heard.some((s) => s.type === 'announce' && s.at > offeredAt), {
          timeout: NEGOTIATION_TIMEOUT_MS + 4_000,
          interval: 200,
        })
        .toBe(true);
      const again = silent.heard.find((s) => s.type === 'announce' && s.at > offeredAt)!;
      expect(again.at - offeredAt).toBeGreaterThanOrEqual(NEGOTIATION_TIMEOUT_MS - 1_000);
      // And the silent peer, announcing again, is offered a new connection.
      await silent.announce();
      await expect
        .poll(() => silent.heard.filter(offerTo).length, { timeout: 10_000 })
        .toBeGreaterThan(1);
    } finally {
      silent.close();
      provider.destroy();
    }
  }, 20_000);

  it('announces nothing in a room it left, while another room keeps the socket open', async () => {
    const room = `stalled-b-${Date.now()}`;
    const other = open(`stalled-other-${Date.now()}`);
    const provider = open(room);
    const silent = await silentPeer(room);
    try {
      await expect.poll(() => provider.provider.room !== null, { timeout: 10_000 }).toBe(true);
      await silent.announce();
      await expect.poll(() => silent.heard.some(offerTo), { timeout: 10_000 }).toBe(true);
      const leftAt = Date.now();
      provider.destroy();
      await new Promise((done) => setTimeout(done, 1_500));
      expect(silent.heard.filter((s) => s.type === 'announce' && s.at >= leftAt)).toEqual([]);
    } finally {
      silent.close();
      other.destroy();
    }
  }, 20_000);
});
