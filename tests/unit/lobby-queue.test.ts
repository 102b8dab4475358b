// The approval queue under a flood, tried as anyone holding the share code would: throwaway
// knocks must not keep a real newcomer from being listed (lobby-responder.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { foundCircle } from '../../src-shared/circle/founding';
import { isWelcomeFor, makeKnock } from '../../src-shared/circle/lobby';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { LobbyResponder, MAX_QUEUED } from '../../src-renderer/services/circles/lobby-responder';
import type { OpenRoom, RoomLike } from '../../src-renderer/services/circles/room-connection';
import { newKeys, SimMember } from '../support/circle-sim';

beforeAll(loadSodium);

/** F's responder on an invite that waits for approval, and the lobby as everyone sees it. */
function floodedLobby() {
  const c = foundCircle({ name: 'Circle', description: '', displayName: 'F' });
  const f = new SimMember(c.keys, c.genesis);
  const invite = f.invite({ maxUses: 1 });
  const session = { ledger: f.ledger, myKey: f.key, secrets: { genesisSigned: c.genesisSigned } };
  const docs: Y.Doc[] = [];
  const openRoom: OpenRoom = (options) => {
    docs.push(options.doc);
    return { peerCount: 1, signalingReachable: true, destroy: () => {} } as unknown as RoomLike;
  };
  let changes = 0;
  const responder = new LobbyResponder(
    session as unknown as CircleSession,
    invite.body.inviteId,
    { signalingUrls: [], iceServers: [] },
    openRoom,
    () => changes++,
  );
  const lobby = docs[0]!;
  const knocks = lobby.getMap<Uint8Array>('knocks');
  const knockAs = (name: string) => {
    const { requestId, bytes } = makeKnock(newKeys(), name, invite.body.inviteId);
    knocks.set(requestId, bytes);
    return { requestId, bytes };
  };
  /** The answers in the lobby to `requestId`. */
  const answersTo = (requestId: string) =>
    [...lobby.getMap<Uint8Array>('welcomes').entries()].filter(([k]) => isWelcomeFor(k, requestId));
  return { responder, knockAs, knocks, answersTo, changes: () => changes };
}

describe('the approval queue under a flood', () => {
  it('past its bound the oldest waiting knock makes room: the newest arrivals are always listed', () => {
    const { responder, knockAs, changes } = floodedLobby();
    const spam = Array.from({ length: MAX_QUEUED + 50 }, (_, i) => knockAs(`Spam ${i}`));
    const nia = knockAs('Nia');
    expect(responder.has(nia.requestId)).toBe(true);
    const waiting = responder.waiting();
    expect(waiting).toHaveLength(MAX_QUEUED);
    expect(waiting.at(-1)!.displayName).toBe('Nia');
    expect(waiting[0]!.displayName).toBe('Spam 51'); // the first 51 were pushed out, oldest first
    expect(responder.has(spam[50]!.requestId)).toBe(false);
    expect(changes()).toBe(MAX_QUEUED + 51);
    responder.destroy();
  });

  it('an evicted knock is told nothing new, and neither it written again nor a refresh pushes out a newer one', () => {
    const { responder, knockAs, knocks, answersTo } = floodedLobby();
    const first = knockAs('First');
    const told = answersTo(first.requestId);
    expect(told).toHaveLength(1); // "a facilitator has been asked"
    for (let i = 0; i < MAX_QUEUED; i++) knockAs(`Later ${i}`);
    expect(responder.has(first.requestId)).toBe(false);
    const queued = responder.waiting().map((k) => k.requestId);
    knocks.delete(first.requestId);
    knocks.set(first.requestId, first.bytes);
    responder.refresh();
    expect(responder.waiting().map((k) => k.requestId)).toEqual(queued);
    expect(answersTo(first.requestId)).toEqual(told);
    responder.destroy();
  });

  it('attack: junk under a knock key, made up or a real knock written over, is taken out of the lobby', async () => {
    const { responder, knockAs, knocks } = floodedLobby();
    const real = knockAs('Real');
    for (let i = 0; i < 20; i++) knocks.set(`junk${i}`, new Uint8Array(8 * 1024).fill(i));
    knocks.set(real.requestId, new Uint8Array([1, 2, 3]));
    await Promise.resolve();
    expect([...knocks.keys()]).toEqual([]);
    // The newcomer writes its knock again, and it stays.
    knocks.set(real.requestId, real.bytes);
    await Promise.resolve();
    expect([...knocks.keys()]).toEqual([real.requestId]);
    responder.destroy();
  });
});
