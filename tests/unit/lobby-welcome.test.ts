// The lobby, members' side of the door: answers sealed to one newcomer (a welcome with the keys
// and the chain that proves them, or a status), and every way an answer can be unreadable, meant
// for another request, from another circle, or carry keys nobody proved (planted keys, an extra
// epoch, a rekey signed by a plain member). Knocks and the lobby's keys are in lobby-knock.test.ts.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import {
  boxPublicKeyOf,
  generateEpochKeys,
  generateMemberKeys,
  roomFor,
  type EpochKeys,
  type MemberKeys,
} from '../../src-shared/crypto/keys';
import { toBase64Url, utf8 } from '../../src-shared/bytes';
import { draftInvite, foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import {
  genesisFingerprintOf,
  makeKnock,
  openAnswer,
  openKnock,
  sealStatus,
  sealWelcome,
  type Knock,
} from '../../src-shared/circle/lobby';
import type { RecordContent } from '../../src-shared/records/schema';
import { contentKeyMap, openRecord, sealRecord } from '../../src-shared/records/seal';
import { SimMember } from '../support/circle-sim';

let circle: FoundedCircle;
let inviteId: string;
let newcomer: MemberKeys;

beforeAll(async () => {
  await loadSodium();
  circle = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' });
  inviteId = draftInvite({ expiresAt: null, maxUses: 1, approval: 'facilitator' }).body.inviteId;
  newcomer = generateMemberKeys();
});

function knockFrom(keys: MemberKeys): { knock: Knock; requestId: string } {
  const { requestId, bytes } = makeKnock(keys, 'Bo', inviteId);
  return { knock: openKnock(bytes, inviteId)!, requestId };
}

/** `record` signed by `by` and sealed under `keys` (its epoch's). */
const sealed = (record: RecordContent, by: MemberKeys, keys: EpochKeys = circle.epoch) =>
  sealRecord(record, by.signSecretKey, keys.contentKey);

/** The founder rotates twice: the keys of epochs 0 to 2 and the sealed rekeys that prove them. */
function rotatedTwice() {
  const f = new SimMember(circle.keys, circle.genesis);
  const r1 = f.rekey();
  const e1 = f.madeKeys.get(r1.id)!;
  const r2 = f.rekey();
  const e2 = f.madeKeys.get(r2.id)!;
  return { epochs: [circle.epoch, e1, e2], chain: [sealed(r1, f.keys), sealed(r2, f.keys, e1)] };
}

/** Opens what was sealed to the newcomer, against the circle's fingerprint (a code pinning the genesis). */
const open = (bytes: unknown, requestId: string, keys = newcomer) =>
  openAnswer(bytes, keys, requestId, { genesisFingerprint: circle.fingerprint, pin: null });

/** The founder's admission of the newcomer, sealed: every welcome that opens carries one. */
function admission(keys = newcomer): Uint8Array {
  const f = new SimMember(circle.keys, circle.genesis);
  return sealed(f.admit(keys, f.invite(), 'Bo'), circle.keys);
}

/** A welcome's plaintext as an honest member writes it, for tests that seal one by hand. */
const welcomeBody = (requestId: string) => ({
  v: 2,
  kind: 'welcome',
  requestId,
  genesis: toBase64Url(circle.genesisSigned),
  epochs: [
    {
      epoch: 0,
      roomSecret: toBase64Url(circle.epoch.roomSecret),
      contentKey: toBase64Url(circle.epoch.contentKey),
    },
  ],
  chain: [toBase64Url(admission())],
  recent: [] as string[],
});

/** Seals any JSON to the newcomer, skipping sealWelcome's own checks. */
const sealByHand = (json: unknown) =>
  sodium().crypto_box_seal(utf8(JSON.stringify(json)), boxPublicKeyOf(newcomer.signPublicKey));

const refused = (problem: string) => ({ ok: false, problem });

describe('welcomes', () => {
  it('opens with every key its chain proves, and the newcomer reads the circle with them', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const { epochs, chain } = rotatedTwice();
    const opened = open(
      sealWelcome(knock, circle.genesisSigned, epochs, [...chain, admission()].reverse()),
      requestId,
    );
    expect(opened.ok && opened.kind).toBe('welcome');
    if (!opened.ok || opened.kind !== 'welcome') return;
    const w = opened.welcome;
    expect(w.genesis).toEqual(circle.genesis);
    expect(toBase64Url(w.genesisSigned)).toBe(toBase64Url(circle.genesisSigned));
    expect(w.epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(w.epochs.map((e) => toBase64Url(e.contentKey))).toEqual(
      epochs.map((e) => toBase64Url(e.contentKey)),
    );
    expect(roomFor(w.epochs[2]!.roomSecret)).toEqual(roomFor(epochs[2]!.roomSecret));
    // With the welcome's keys the newcomer reads the founder's records of the newest epoch.
    const f = new SimMember(circle.keys, circle.genesis);
    const msg = { ...f.message('welcome, Bo'), epoch: 2 };
    const keys = contentKeyMap(w.epochs.map((e) => [e.epoch, e.contentKey] as const));
    const read = openRecord(sealed(msg, circle.keys, epochs[2]), w.genesis.circle, keys);
    expect(read.ok && read.record.body).toEqual({ text: 'welcome, Bo' });
  });

  it('a rekey by a facilitator the founder promoted proves its keys', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const f = new SimMember(circle.keys, circle.genesis);
    const b = new SimMember(generateMemberKeys(), circle.genesis);
    const inv = f.invite();
    const records = [inv, f.admit(b.keys, inv, 'Bo'), f.setRole(b, 'facilitator')];
    const rekey = b.receive(records).rekey();
    const chain = [...records.slice(2), rekey].map((r, i) => sealed(r, i === 0 ? f.keys : b.keys));
    const e1 = b.madeKeys.get(rekey.id)!;
    const opened = open(
      sealWelcome(knock, circle.genesisSigned, [circle.epoch, e1], [...chain, admission()]),
      requestId,
    );
    expect(opened.ok && opened.kind === 'welcome' && opened.welcome.epochs.length).toBe(2);
  });

  it('carries a head start of sealed records, and leaves behind what would not fit', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const f = new SimMember(circle.keys, circle.genesis);
    const recent = [sealed(f.message('newest'), f.keys), sealed(f.message('older'), f.keys)];
    const opened = open(
      sealWelcome(knock, circle.genesisSigned, [circle.epoch], [admission()], recent),
      requestId,
    );
    expect(
      opened.ok && opened.kind === 'welcome' && opened.welcome.recent.map(toBase64Url),
    ).toEqual(recent.map(toBase64Url));
    // 200 records of 1 KiB are more than a welcome may hold: it is still sent and opened, with fewer.
    const many = Array.from({ length: 200 }, (_, i) => new Uint8Array(1024).fill(i));
    const trimmed = open(
      sealWelcome(knock, circle.genesisSigned, [circle.epoch], [admission()], many),
      requestId,
    );
    if (!trimmed.ok || trimmed.kind !== 'welcome') throw new Error('the welcome did not open');
    expect(trimmed.welcome.recent.length).toBeGreaterThan(50);
    expect(trimmed.welcome.recent.length).toBeLessThan(200);
    expect(toBase64Url(trimmed.welcome.recent.at(-1)!)).toBe(
      toBase64Url(many[trimmed.welcome.recent.length - 1]!),
    );
  });

  it('leaves out head-start entries that do not decode, and refuses a welcome over the size limit', () => {
    const { requestId } = knockFrom(newcomer);
    const good = toBase64Url(new Uint8Array(300).fill(7));
    const opened = open(sealByHand({ ...welcomeBody(requestId), recent: ['A', good] }), requestId);
    expect(
      opened.ok && opened.kind === 'welcome' && opened.welcome.recent.map(toBase64Url),
    ).toEqual([good]);
    const huge = sealByHand({
      ...welcomeBody(requestId),
      recent: Array.from({ length: 20 }, () => toBase64Url(new Uint8Array(14_000))),
    });
    expect(huge.length).toBeGreaterThan(192 * 1024);
    expect(open(huge, requestId)).toEqual(refused('unreadable'));
  });

  it('the welcome does not contain the keys in readable form', () => {
    const { knock } = knockFrom(newcomer);
    const bytes = sealWelcome(knock, circle.genesisSigned, [circle.epoch], []);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    expect(text).not.toContain(toBase64Url(circle.epoch.contentKey));
    expect(text).not.toContain(circle.circleId);
  });
});

describe('attack: keys nobody proved', () => {
  it('planted keys for a later epoch, with no chain, refuse the whole welcome', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const planted = sealWelcome(
      knock,
      circle.genesisSigned,
      [circle.epoch, generateEpochKeys(1)],
      [],
    );
    expect(open(planted, requestId)).toEqual(refused('unproven-keys'));
  });

  it('other keys for epoch 0 than the genesis commits to are refused', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const swapped = { ...circle.epoch, roomSecret: generateEpochKeys(0).roomSecret };
    for (const epochs of [[swapped], [generateEpochKeys(0)], [circle.epoch, generateEpochKeys(0)]])
      expect(open(sealWelcome(knock, circle.genesisSigned, epochs, []), requestId)).toEqual(
        refused('unproven-keys'),
      );
  });

  it('an extra "epoch 7" beside a proven chain is refused', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const { epochs, chain } = rotatedTwice();
    const extra = sealWelcome(
      knock,
      circle.genesisSigned,
      [...epochs, generateEpochKeys(7)],
      chain,
    );
    expect(open(extra, requestId)).toEqual(refused('unproven-keys'));
    // Control: without it the same welcome opens.
    const control = sealWelcome(knock, circle.genesisSigned, epochs, [...chain, admission()]);
    expect(open(control, requestId).ok).toBe(true);
  });

  it('a chain whose rekey a plain member signed proves nothing', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const f = new SimMember(circle.keys, circle.genesis);
    const k = new SimMember(generateMemberKeys(), circle.genesis);
    const inv = f.invite();
    const records = [inv, f.admit(k.keys, inv, 'Kim')];
    const rekey = k.receive(records).rekey();
    const chain = [...records.map((r) => sealed(r, f.keys)), sealed(rekey, k.keys)];
    const e1 = k.madeKeys.get(rekey.id)!;
    expect(
      open(sealWelcome(knock, circle.genesisSigned, [circle.epoch, e1], chain), requestId),
    ).toEqual(refused('unproven-keys'));
  });

  it('a welcome has no signaling list any more: one that carries it is unreadable', () => {
    const { requestId } = knockFrom(newcomer);
    expect(open(sealByHand(welcomeBody(requestId)), requestId).ok).toBe(true);
    const withServers = { ...welcomeBody(requestId), signaling: ['wss://attacker.example'] };
    expect(open(sealByHand(withServers), requestId)).toEqual(refused('unreadable'));
  });
});

describe('status answers', () => {
  it('say where the newcomer stands and name the circle from its signed genesis, and carry no keys', () => {
    const { knock, requestId } = knockFrom(newcomer);
    for (const status of [
      'awaiting-approval',
      'expired',
      'used-up',
      'revoked',
      'declined',
    ] as const)
      expect(open(sealStatus(knock, circle.genesisSigned, status), requestId)).toEqual({
        ok: true,
        kind: 'status',
        status,
        circleName: circle.genesis.body.name,
      });
    const withKeys = {
      ...welcomeBody(requestId),
      kind: 'status',
      status: 'declined',
    };
    expect(open(sealByHand(withKeys), requestId)).toEqual(refused('unreadable'));
  });

  it('from another circle, a status is wrong-circle', () => {
    const impostor = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' });
    const { knock, requestId } = knockFrom(newcomer);
    expect(open(sealStatus(knock, impostor.genesisSigned, 'declined'), requestId)).toEqual(
      refused('wrong-circle'),
    );
  });
});

describe('unreadable, misaddressed and foreign answers', () => {
  it('an answer opened with another member’s keys is unreadable', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const bytes = sealWelcome(knock, circle.genesisSigned, [circle.epoch], []);
    expect(open(bytes, requestId, generateMemberKeys())).toEqual(refused('unreadable'));
    expect(open(bytes, requestId, circle.keys)).toEqual(refused('unreadable'));
  });

  it('damaged or non-byte answers are unreadable', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const bytes = sealWelcome(knock, circle.genesisSigned, [circle.epoch], []);
    const flipped = bytes.slice();
    flipped[bytes.length - 1]! ^= 1;
    for (const input of [flipped, bytes.subarray(0, 40), 'welcome', null, new Uint8Array(40_000)])
      expect(open(input, requestId)).toEqual(refused('unreadable'));
  });

  it('a well-sealed welcome with invalid content is unreadable', () => {
    const { requestId } = knockFrom(newcomer);
    const bad = [
      { ...welcomeBody(requestId), epochs: [] },
      { ...welcomeBody(requestId), epochs: [{ epoch: 0, roomSecret: 'x', contentKey: 'y' }] },
      { ...welcomeBody(requestId), v: 1 },
      { ...welcomeBody(requestId), kind: 'keys' },
    ];
    for (const welcome of bad)
      expect(open(sealByHand(welcome), requestId)).toEqual(refused('unreadable'));
  });

  it('an answer for another request is wrong-request', () => {
    const { knock, requestId } = knockFrom(newcomer);
    const other = { ...knock, requestId: 'A'.repeat(22) };
    expect(open(sealWelcome(other, circle.genesisSigned, [circle.epoch], []), requestId)).toEqual(
      refused('wrong-request'),
    );
    expect(open(sealStatus(other, circle.genesisSigned, 'declined'), requestId)).toEqual(
      refused('wrong-request'),
    );
  });

  it('a welcome whose genesis is from another circle is wrong-circle', () => {
    const impostor = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' });
    const { knock, requestId } = knockFrom(newcomer);
    const theirs = new SimMember(impostor.keys, impostor.genesis);
    const admitted = sealRecord(
      theirs.admit(newcomer, theirs.invite(), 'Bo'),
      impostor.keys.signSecretKey,
      impostor.epoch.contentKey,
    );
    const bytes = sealWelcome(knock, impostor.genesisSigned, [impostor.epoch], [admitted]);
    expect(open(bytes, requestId)).toEqual(refused('wrong-circle'));
    // Control: against the impostor's own fingerprint it opens.
    const expected = { genesisFingerprint: impostor.fingerprint, pin: null };
    expect(openAnswer(bytes, newcomer, requestId, expected).ok).toBe(true);
  });

  it('a genesis that matches the fingerprint but is not a valid genesis is wrong-circle', () => {
    const f = new SimMember(circle.keys, circle.genesis);
    const json = utf8(JSON.stringify(f.message('not a genesis')));
    const signed = new Uint8Array(64 + json.length);
    signed.set(sodium().crypto_sign_detached(json, circle.keys.signSecretKey));
    signed.set(json, 64);
    const { knock, requestId } = knockFrom(newcomer);
    const bytes = sealWelcome(knock, signed, [circle.epoch], []);
    const expected = { genesisFingerprint: genesisFingerprintOf(signed), pin: null };
    expect(openAnswer(bytes, newcomer, requestId, expected)).toEqual(refused('wrong-circle'));
  });
});
