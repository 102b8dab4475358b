// Shared set-up for the circle-services tests (tests/unit/circle-services-*.test.ts): one real
// vault per test file (fake IndexedDB, the quick Argon2id stand-in of quick-kdf.ts), the Circles service over it, and ways to
// play a remote peer by writing into a session's document as y-webrtc would.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll } from 'vitest';
import * as Y from 'yjs';
import { BucketLog } from '../../src-shared/circle/bucket-log';
import {
  openAnswer,
  openKnock,
  sealWelcome,
  type OpenedWelcome,
} from '../../src-shared/circle/lobby';
import { JoinSession } from '../../src-renderer/services/circles/join-session';

import { loadSodium } from '../../src-shared/crypto/sodium';
import { quickDeriveKek } from './quick-kdf';
import type { RecordContent } from '../../src-shared/records/schema';
import { contentKeyMap, openRecord } from '../../src-shared/records/seal';
import type {
  CircleSession,
  NetworkSettings,
} from '../../src-renderer/services/circles/circle-session';
import { Circles } from '../../src-renderer/services/circles/circles';
import { CircleStore, type PendingJoinRow } from '../../src-renderer/services/storage/circle-store';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { Vault, type DeriveKek } from '../../src-renderer/services/vault/vault';
import { generateMemberKeys, inviteIdOf } from '../../src-shared/crypto/keys';
import { decodeShareCode } from '../../src-shared/share-code';
import { admitBodyFor, SimMember } from './circle-sim';
import { sealBy } from './sealed-writer';

// Node has no WebRTC, like a browser with it turned off: circles must still open (room.ts).
export const PASSPHRASE = 'correct horse battery staple';
export const network: NetworkSettings = { signalingUrls: [], iceServers: [] };
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const tick = () => sleep(0);

let kdfCalls = 0;
/** How many key derivations ran in this file so far. */
export const kdfCallCount = () => kdfCalls;
export const deriveKek: DeriveKek = async (pass, params, onProgress) => {
  kdfCalls++;
  onProgress(1);
  return quickDeriveKek(pass, params);
};

export const newDb = () => new HearthDb('test-' + Math.random().toString(36).slice(2));

/** The private parts of Circles these tests look into. */
interface CirclesInside {
  readonly sessions: Map<string, CircleSession>;
  readonly lobbies: { readonly responders: Map<string, { readonly doc: Y.Doc }> };
  admitted(welcome: OpenedWelcome, join: PendingJoinRow, hints: string[]): Promise<string>;
}
export const inside = (circles: Circles) => circles as unknown as CirclesInside;

export const sessionOf = (circles: Circles, localId: string): CircleSession => {
  const s = inside(circles).sessions.get(localId);
  if (!s) throw new Error('session not open');
  return s;
};

/** Lets Yjs observers fire, then waits for the session to finish judging what arrived. */
export async function settle(s: CircleSession): Promise<void> {
  await tick();
  await (s as unknown as { judging: Promise<void> }).judging;
}

export async function waitFor(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

export function includesBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Every record in the session's log that opens with the keys it holds: what a peer who synced
 * with it knows (to write records of its own at the right place, see circle-sim.ts).
 */
export function recordsIn(s: CircleSession): RecordContent[] {
  const keys = contentKeyMap(s.secrets.epochs.map((e) => [e.epoch, e.contentKey] as const));
  return s.log.all().flatMap((item) => {
    const opened = openRecord(item, s.secrets.circleId, keys);
    return opened.ok ? [opened.record] : [];
  });
}

/**
 * A message by the session's own member written on another device (a peer's record that is
 * shown and stored). The session must not write after it: both would take the same number.
 */
export function ownMessageFromAnotherDevice(s: CircleSession, text: string): Uint8Array {
  const me = new SimMember(s.secrets.keys, s.ledger.genesis).receive(recordsIn(s));
  return sealBy(me, me.message(text, Date.now()), s.currentEpoch().contentKey);
}

/** A remote peer: its own Y.Doc and bucket log, wired one way into a session's doc as y-webrtc would. */
export function remotePeer(s: CircleSession, writerId: string): { doc: Y.Doc; log: BucketLog } {
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => Y.applyUpdate(s.doc, update, 'remote'));
  return { doc, log: new BucketLog(doc, writerId) };
}

// One vault per test file: every create/unlock runs real Argon2id (~0.4 s). Live bindings: set
// by useCircleServices' beforeAll.
export let db: HearthDb;
export let vault: Vault;
export let store: CircleStore;
/** Every Circles a test made and has not closed itself; closed after each test. */
export const opened: Circles[] = [];

export function newCircles(s: CircleStore = store): Circles {
  const c = new Circles(s, network);
  opened.push(c);
  return c;
}

/** A test closed this Circles itself: the clean-up after the test must not close it again. */
export function forget(circles: Circles): void {
  opened.splice(opened.indexOf(circles), 1);
}

/** Registers the file's set-up: a vault created once, and every Circles closed after each test. */
export function useCircleServices(): void {
  beforeAll(async () => {
    await loadSodium();
    db = newDb();
    vault = new Vault(db, deriveKek);
    await vault.create(PASSPHRASE, () => {});
    store = new CircleStore(db, vault);
  });

  afterEach(async () => {
    if (!vault.unlocked) await vault.unlock(PASSPHRASE, () => {});
    while (opened.length > 0) await opened.pop()!.closeAll();
  });
}

/** A second device's store (a newcomer's): a vault and database of its own, created and unlocked. */
export async function newDeviceStore(): Promise<CircleStore> {
  const deviceDb = newDb();
  const deviceVault = new Vault(deviceDb, deriveKek);
  await deviceVault.create(PASSPHRASE, () => {});
  return new CircleStore(deviceDb, deviceVault);
}

/** Closes `circles`, locks and unlocks the vault, and opens what was stored in a new Circles. */
export async function reopenAfterLock(circles: Circles): Promise<Circles> {
  await circles.closeAll();
  forget(circles);
  vault.lock();
  await vault.unlock(PASSPHRASE, () => {});
  const again = newCircles();
  await again.openAll();
  return again;
}

/**
 * A circle of Ana's (this app) with Bob admitted on an invite Ana made. Bob is simulated on a
 * device of his own: what he writes arrives as a peer's record (`fromBob` waits until it is judged).
 */
export async function circleWithBob(name: string, circles: Circles = newCircles()) {
  const id = await circles.createCircle({ name, description: '', displayName: 'Ana' });
  const s = sessionOf(circles, id);
  const { token } = await circles.createInvite(id);
  const decoded = decodeShareCode(token);
  if (!decoded.ok) throw new Error('invite code does not decode');
  const bobKeys = generateMemberKeys();
  s.append(s.draft('admit', admitBodyFor(bobKeys, 'Bob', inviteIdOf(decoded.code.inviteSecret))));
  // Bob's device synced with Ana's: his records name his admission.
  const bob = new SimMember(bobKeys, s.ledger.genesis).receive(recordsIn(s));
  const bobPeer = remotePeer(s, 'bob');
  const asBob = (text: string, ts = Date.now()) =>
    sealBy(bob, bob.message(text, ts), s.currentEpoch().contentKey);
  const fromBob = async (text: string, ts = Date.now()) => {
    const record = bob.message(text, ts);
    bobPeer.log.append([sealBy(bob, record, s.currentEpoch().contentKey)]);
    await settle(s);
    return record;
  };
  return { circles, id, s, bob, bobPeer, asBob, fromBob };
}

/**
 * Ana's app (session `id` of `ana`) lets Cy in on a new invite and seals her welcome with the head
 * start, as a lobby responder would: what Cy's app receives, ready for `inside(cy).admitted`.
 */
export async function welcomeCy(ana: Circles, id: string) {
  const s = sessionOf(ana, id);
  const { token } = await ana.createInvite(id);
  const decoded = decodeShareCode(token);
  if (!decoded.ok) throw new Error('invite code does not decode');
  const inviteId = inviteIdOf(decoded.code.inviteSecret);
  const row = JoinSession.start(token, decoded.code, 'Cy');
  const knock = openKnock(row.knock, inviteId)!;
  const { member, displayName, ts, sig } = knock;
  s.append(s.draft('admit', { member, displayName, inviteId, knock: { ts, sig } }));
  const welcome = sealWelcome(
    knock,
    s.secrets.genesisSigned,
    s.secrets.epochs,
    s.welcomeChain(knock.member),
    s.headStartRecords(),
  );
  const answer = openAnswer(welcome, row.keys, row.requestId, decoded.code);
  if (!answer.ok || answer.kind !== 'welcome') throw new Error('welcome does not open');
  return { row, welcome: answer.welcome };
}
