// The lobby, members' side of the door: welcomes sealed to one newcomer, and every way a
// welcome can be unreadable, meant for another request or from another circle. Knocks and the
// lobby's keys are in lobby-knock.test.ts.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import {
  boxPublicKeyOf,
  generateEpochKeys,
  generateMemberKeys,
  roomFor,
  type MemberKeys,
} from '../../src-shared/crypto/keys';
import { toBase64Url, utf8 } from '../../src-shared/bytes';
import {
  draftInvite,
  draftRecord,
  foundCircle,
  type FoundedCircle,
} from '../../src-shared/circle/founding';
import {
  genesisFingerprintOf,
  makeKnock,
  openKnock,
  openWelcome,
  sealWelcome,
  type Knock,
} from '../../src-shared/circle/lobby';
import { openRecord, sealRecord } from '../../src-shared/records/seal';

let circle: FoundedCircle;
let inviteId: string;
let newcomer: MemberKeys;

beforeAll(async () => {
  await loadSodium();
  circle = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' });
  inviteId = draftInvite().body.inviteId;
  newcomer = generateMemberKeys();
});

/** A welcome's plaintext as an honest member writes it, for tests that seal one by hand. */
const welcomeBody = (requestId: string) => ({
  v: 1,
  requestId,
  genesis: toBase64Url(circle.genesisSigned),
  epochs: [
    {
      epoch: 0,
      roomSecret: toBase64Url(circle.epoch.roomSecret),
      contentKey: toBase64Url(circle.epoch.contentKey),
    },
  ],
  signaling: [] as string[],
});

/** Seals any JSON to the newcomer as a welcome, skipping sealWelcome's own checks. */
const sealByHand = (json: unknown) =>
  sodium().crypto_box_seal(utf8(JSON.stringify(json)), boxPublicKeyOf(newcomer.signPublicKey));

describe('welcomes', () => {
  const signaling = [
    'wss://signal.example.org',
    'http://not-signaling.example',
    'ws://10.0.0.2:4444',
  ];

  function knockFrom(keys: MemberKeys): { knock: Knock; requestId: string } {
    const { requestId, bytes } = makeKnock(keys, 'Bo', inviteId);
    return { knock: openKnock(bytes, inviteId)!, requestId };
  }

  it('a welcome sealed to the newcomer opens with the right keys and returns genesis and epoch keys', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const e1 = generateEpochKeys(1);
    const sealed = sealWelcome(knock, circle.genesisSigned, [circle.epoch, e1], signaling);
    const opened = openWelcome(sealed, newcomer, requestId, circle.fingerprint);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const w = opened.welcome;
    expect(w.genesis).toEqual(circle.genesis);
    expect(toBase64Url(w.genesisSigned)).toBe(toBase64Url(circle.genesisSigned));
    expect(w.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(toBase64Url(w.epochs[0]!.contentKey)).toBe(toBase64Url(circle.epoch.contentKey));
    expect(toBase64Url(w.epochs[0]!.roomSecret)).toBe(toBase64Url(circle.epoch.roomSecret));
    expect(toBase64Url(w.epochs[1]!.contentKey)).toBe(toBase64Url(e1.contentKey));
    expect(roomFor(w.epochs[0]!.roomSecret)).toEqual(roomFor(circle.epoch.roomSecret));
    // Only signaling URLs are passed on.
    expect(w.signaling).toEqual(['wss://signal.example.org', 'ws://10.0.0.2:4444']);

    // End to end: with the welcome's keys the newcomer reads the founder's records.
    const msg = draftRecord({ circleId: circle.circleId, epoch: 0, keys: circle.keys }, 'message', {
      text: 'welcome, Bo',
    });
    const keys = new Map(w.epochs.map((e) => [e.epoch, e.contentKey]));
    const read = openRecord(
      sealRecord(msg, circle.keys.signSecretKey, circle.epoch.contentKey),
      w.genesis.circle,
      keys,
    );
    expect(read.ok && read.record.body).toEqual({ text: 'welcome, Bo' });
  });

  it('carries a head start of sealed records, and leaves behind what would not fit', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const seal = (text: string) =>
      sealRecord(
        draftRecord({ circleId: circle.circleId, epoch: 0, keys: circle.keys }, 'message', {
          text,
        }),
        circle.keys.signSecretKey,
        circle.epoch.contentKey,
      );
    const recent = [seal('newest'), seal('older')];
    const opened = openWelcome(
      sealWelcome(knock, circle.genesisSigned, [circle.epoch], [], recent),
      newcomer,
      requestId,
      circle.fingerprint,
    );
    expect(opened.ok && opened.welcome.recent.map(toBase64Url)).toEqual(recent.map(toBase64Url));

    // 200 records of 1 KiB are more than a welcome may hold: it is still sent and opened, with fewer.
    const many = Array.from({ length: 200 }, (_, i) => new Uint8Array(1024).fill(i));
    const big = sealWelcome(knock, circle.genesisSigned, [circle.epoch], [], many);
    const trimmed = openWelcome(big, newcomer, requestId, circle.fingerprint);
    expect(trimmed.ok).toBe(true);
    if (!trimmed.ok) return;
    expect(trimmed.welcome.recent.length).toBeGreaterThan(50);
    expect(trimmed.welcome.recent.length).toBeLessThan(200);
    expect(toBase64Url(trimmed.welcome.recent.at(-1)!)).toBe(
      toBase64Url(many[trimmed.welcome.recent.length - 1]!),
    );
  });

  it('a welcome without a head start opens with none', () => {
    const { requestId } = knockFrom(newcomer);
    const sealed = sealByHand(welcomeBody(requestId));
    const opened = openWelcome(sealed, newcomer, requestId, circle.fingerprint);
    expect(opened.ok && opened.welcome.recent).toEqual([]);
  });

  it('refuses a welcome over 128 KiB, and leaves out head-start entries that do not decode', () => {
    const { requestId } = knockFrom(newcomer);
    const base = welcomeBody(requestId);
    const seal = sealByHand;
    const good = toBase64Url(new Uint8Array(300).fill(7));
    const opened = openWelcome(
      seal({ ...base, recent: ['A', good] }),
      newcomer,
      requestId,
      circle.fingerprint,
    );
    expect(opened.ok && opened.welcome.recent.map(toBase64Url)).toEqual([good]);

    const huge = seal({
      ...base,
      recent: Array.from({ length: 10 }, () => toBase64Url(new Uint8Array(14_000))),
    });
    expect(huge.length).toBeGreaterThan(128 * 1024);
    expect(openWelcome(huge, newcomer, requestId, circle.fingerprint)).toEqual({
      ok: false,
      problem: 'unreadable',
    });
  });

  it('the welcome does not contain the keys in readable form', () => {
    const { knock } = knockFrom(newcomer);
    const sealed = sealWelcome(knock, circle.genesisSigned, [circle.epoch], []);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(sealed);
    expect(text).not.toContain(toBase64Url(circle.epoch.contentKey));
    expect(text).not.toContain(circle.circleId);
    expect(sealed.length).toBeGreaterThan(48);
  });

  it('a welcome opened with another member’s keys is unreadable', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const sealed = sealWelcome(knock, circle.genesisSigned, [circle.epoch], []);
    const other = generateMemberKeys();
    expect(openWelcome(sealed, other, requestId, circle.fingerprint)).toEqual({
      ok: false,
      problem: 'unreadable',
    });
    expect(openWelcome(sealed, circle.keys, requestId, circle.fingerprint)).toEqual({
      ok: false,
      problem: 'unreadable',
    });
  });

  it('damaged or non-byte welcomes are unreadable', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const sealed = sealWelcome(knock, circle.genesisSigned, [circle.epoch], []);
    const flipped = sealed.slice();
    flipped[sealed.length - 1]! ^= 1;
    for (const input of [
      flipped,
      sealed.subarray(0, 40),
      'welcome',
      null,
      new Uint8Array(40_000),
    ]) {
      expect(openWelcome(input, newcomer, requestId, circle.fingerprint)).toEqual({
        ok: false,
        problem: 'unreadable',
      });
    }
  });

  it('a well-sealed welcome with invalid content is unreadable', () => {
    const { requestId } = knockFrom(newcomer);
    const bad = [
      { ...welcomeBody(requestId), epochs: [] }, // no epochs
      { ...welcomeBody(requestId), epochs: [{ epoch: 0, roomSecret: 'x', contentKey: 'y' }] },
      { ...welcomeBody(requestId), signaling: ['javascript:alert(1)'] },
    ];
    for (const welcome of bad) {
      const sealed = sealByHand(welcome);
      expect(openWelcome(sealed, newcomer, requestId, circle.fingerprint)).toEqual({
        ok: false,
        problem: 'unreadable',
      });
    }
  });

  it('a welcome for another request is wrong-request', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const sealed = sealWelcome(
      { ...knock, requestId: 'A'.repeat(22) },
      circle.genesisSigned,
      [circle.epoch],
      [],
    );
    expect(openWelcome(sealed, newcomer, requestId, circle.fingerprint)).toEqual({
      ok: false,
      problem: 'wrong-request',
    });
  });

  it('a welcome whose genesis is from another circle is wrong-circle', () => {
    const impostor = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' });
    const { knock, requestId } = knockFrom(newcomer);
    const sealed = sealWelcome(knock, impostor.genesisSigned, [impostor.epoch], []);
    expect(openWelcome(sealed, newcomer, requestId, circle.fingerprint)).toEqual({
      ok: false,
      problem: 'wrong-circle',
    });
    // Control: against the impostor's own fingerprint it opens.
    expect(openWelcome(sealed, newcomer, requestId, impostor.fingerprint).ok).toBe(true);
  });

  it('a genesis that matches the fingerprint but is not a valid genesis is wrong-circle', () => {
    // Something other than a signed genesis (here: a signed message), with a fingerprint that matches it.
    const msg = draftRecord({ circleId: circle.circleId, epoch: 0, keys: circle.keys }, 'message', {
      text: 'not a genesis',
    });
    const json = utf8(JSON.stringify(msg));
    const signed = new Uint8Array(64 + json.length);
    signed.set(sodium().crypto_sign_detached(json, circle.keys.signSecretKey));
    signed.set(json, 64);
    const { knock, requestId } = knockFrom(newcomer);
    const sealed = sealWelcome(knock, signed, [circle.epoch], []);
    expect(openWelcome(sealed, newcomer, requestId, genesisFingerprintOf(signed))).toEqual({
      ok: false,
      problem: 'wrong-circle',
    });
  });
});
