import { describe, it, expect, beforeAll } from 'vitest';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import {
  boxPublicKeyOf,
  generateEpochKeys,
  generateMemberKeys,
  inviteIdOf,
  lobbyFor,
  roomFor,
  type MemberKeys,
} from '../../src-shared/crypto/keys';
import { fromUtf8, toBase64Url, utf8 } from '../../src-shared/bytes';
import {
  draftInvite,
  draftRecord,
  foundCircle,
  type FoundedCircle,
} from '../../src-shared/circle/founding';
import {
  genesisFingerprintOf,
  isWelcomeFor,
  makeKnock,
  openKnock,
  openWelcome,
  requestIdFor,
  sealWelcome,
  welcomeKey,
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

/** Re-signs or alters a knock by hand: signature(64) || JSON. */
function knockBytes(body: unknown, signer: Uint8Array): Uint8Array {
  const json = utf8(JSON.stringify(body));
  const out = new Uint8Array(64 + json.length);
  out.set(sodium().crypto_sign_detached(json, signer));
  out.set(json, 64);
  return out;
}

const knockJson = (bytes: Uint8Array) => JSON.parse(fromUtf8(bytes.subarray(64))) as Knock;

describe('knocks', () => {
  it('a knock made by makeKnock opens with openKnock', () => {
    const { requestId, bytes } = makeKnock(newcomer, '  Bo  ', inviteId, 1_700_000_000_000);
    const knock = openKnock(bytes, inviteId);
    expect(knock).toEqual({
      v: 1,
      requestId,
      member: toBase64Url(newcomer.signPublicKey),
      displayName: 'Bo', // trimmed
      inviteId,
      ts: 1_700_000_000_000,
    });
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('the request id comes from the member key: the same for one newcomer, different for another', () => {
    const a = makeKnock(newcomer, 'Bo', inviteId);
    const b = makeKnock(newcomer, 'Bo', inviteId);
    expect(a.requestId).toBe(b.requestId);
    expect(a.requestId).toBe(requestIdFor(newcomer.signPublicKey));
    expect(makeKnock(generateMemberKeys(), 'Bo', inviteId).requestId).not.toBe(a.requestId);
  });

  it('nobody can knock under a newcomer’s request id with their own key (taking their place)', () => {
    const victim = makeKnock(newcomer, 'Bo', inviteId);
    const griefer = generateMemberKeys();
    const json = {
      ...knockJson(makeKnock(griefer, 'Bo', inviteId).bytes),
      requestId: victim.requestId,
    };
    expect(openKnock(knockBytes(json, griefer.signSecretKey), inviteId)).toBeNull();
  });

  it('a knock signed by another key is refused', () => {
    const { bytes } = makeKnock(newcomer, 'Bo', inviteId);
    const other = generateMemberKeys();
    const forged = knockBytes(knockJson(bytes), other.signSecretKey);
    expect(openKnock(forged, inviteId)).toBeNull();
    // Control: re-signed with the right key, the hand-made knock opens.
    expect(
      openKnock(knockBytes(knockJson(bytes), newcomer.signSecretKey), inviteId),
    ).not.toBeNull();
  });

  it('a knock with an altered display name (old signature) is refused', () => {
    const { bytes } = makeKnock(newcomer, 'Bo', inviteId);
    const altered = knockJson(bytes);
    altered.displayName = 'Facilitator';
    const json = utf8(JSON.stringify(altered));
    const tampered = new Uint8Array(64 + json.length);
    tampered.set(bytes.subarray(0, 64));
    tampered.set(json, 64);
    expect(openKnock(tampered, inviteId)).toBeNull();
  });

  it('a knock claiming someone else’s member key is refused', () => {
    const victim = generateMemberKeys();
    const { bytes } = makeKnock(newcomer, 'Bo', inviteId);
    const claim = { ...knockJson(bytes), member: toBase64Url(victim.signPublicKey) };
    expect(openKnock(knockBytes(claim, newcomer.signSecretKey), inviteId)).toBeNull();
  });

  it('a knock for another invite is refused', () => {
    const { bytes } = makeKnock(newcomer, 'Bo', inviteId);
    const otherInvite = draftInvite().body.inviteId;
    expect(otherInvite).not.toBe(inviteId);
    expect(openKnock(bytes, otherInvite)).toBeNull();
  });

  it('malformed knocks are refused without throwing', () => {
    const { bytes } = makeKnock(newcomer, 'Bo', inviteId);
    const flipped = bytes.slice();
    flipped[3]! ^= 1;
    const base = knockJson(bytes);
    const nonCanonicalMember = base.member.slice(0, -1) + (base.member.endsWith('A') ? 'B' : 'A');
    const inputs: unknown[] = [
      undefined,
      'knock',
      Array.from(bytes),
      bytes.subarray(0, 64),
      flipped,
      new Uint8Array(9000),
      knockBytes({ ...base, extra: true }, newcomer.signSecretKey),
      knockBytes({ ...base, displayName: '   ' }, newcomer.signSecretKey),
      knockBytes({ ...base, v: 2 }, newcomer.signSecretKey),
      knockBytes({ ...base, member: nonCanonicalMember }, newcomer.signSecretKey),
      knockBytes('just a string', newcomer.signSecretKey),
      concatSig(Uint8Array.of(0xff, 0xfe)),
    ];
    for (const [i, input] of inputs.entries()) {
      let result: unknown = 'not run';
      expect(() => (result = openKnock(input, inviteId)), `input ${i}`).not.toThrow();
      expect(result, `input ${i}`).toBeNull();
    }
  });

  it('makeKnock refuses a blank display name or bad invite id', () => {
    expect(() => makeKnock(newcomer, '   ', inviteId)).toThrow();
    expect(() => makeKnock(newcomer, 'Bo', 'short')).toThrow();
  });
});

function concatSig(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(64 + body.length);
  out.set(body, 64);
  return out;
}

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
    const json = {
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
      signaling: [],
    };
    const sealed = sodium().crypto_box_seal(
      utf8(JSON.stringify(json)),
      boxPublicKeyOf(newcomer.signPublicKey),
    );
    const opened = openWelcome(sealed, newcomer, requestId, circle.fingerprint);
    expect(opened.ok && opened.welcome.recent).toEqual([]);
  });

  it('refuses a welcome over 128 KiB, and leaves out head-start entries that do not decode', () => {
    const { requestId } = knockFrom(newcomer);
    const base = {
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
      signaling: [],
    };
    const seal = (json: unknown) =>
      sodium().crypto_box_seal(utf8(JSON.stringify(json)), boxPublicKeyOf(newcomer.signPublicKey));
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
    const recipient = boxPublicKeyOf(newcomer.signPublicKey);
    const { requestId } = knockFrom(newcomer);
    const bad = [
      { v: 1, requestId, genesis: toBase64Url(circle.genesisSigned), epochs: [], signaling: [] }, // no epochs
      {
        v: 1,
        requestId,
        genesis: toBase64Url(circle.genesisSigned),
        epochs: [{ epoch: 0, roomSecret: 'x', contentKey: 'y' }],
        signaling: [],
      },
      {
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
        signaling: ['javascript:alert(1)'],
      },
    ];
    for (const welcome of bad) {
      const sealed = sodium().crypto_box_seal(utf8(JSON.stringify(welcome)), recipient);
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

describe('lobby key derivation', () => {
  it('the lobby room comes from the invite secret only and differs from the circle room', () => {
    const { secret, body } = draftInvite();
    expect(inviteIdOf(secret)).toBe(body.inviteId);
    expect(body.inviteId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const lobby = lobbyFor(secret);
    expect(lobby.name).toMatch(/^hearth-lobby-[0-9a-f]{64}$/);
    expect(lobbyFor(secret)).toEqual(lobby);
    expect(lobbyFor(draftInvite().secret).name).not.toBe(lobby.name);
    const room = roomFor(circle.epoch.roomSecret);
    expect(room.name).toMatch(/^hearth-[0-9a-f]{64}$/);
    expect(room.name).not.toContain(circle.circleId);
    expect(room.password).not.toBe(lobby.password);
  });
});

describe('lobby keys', () => {
  it('each responder’s welcome has its own key under the request, so nobody can block the others by writing first', () => {
    const requestId = requestIdFor(generateMemberKeys().signPublicKey);
    const a = welcomeKey(requestId, 'responder-a');
    const b = welcomeKey(requestId, 'responder-b');
    expect(a).not.toBe(b);
    expect(isWelcomeFor(a, requestId) && isWelcomeFor(b, requestId)).toBe(true);
    expect(
      isWelcomeFor(
        welcomeKey(requestIdFor(generateMemberKeys().signPublicKey), 'responder-a'),
        requestId,
      ),
    ).toBe(false);
    expect(isWelcomeFor(requestId, requestId)).toBe(false);
  });
});
