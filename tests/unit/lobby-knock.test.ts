// The lobby, newcomer's side of the door: knocks (made, opened, forged, altered, taken over),
// and the lobby's room and keys, which come from the invite and keep members' answers apart.
// What a member answers with is in lobby-welcome.test.ts.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import {
  generateMemberKeys,
  inviteIdOf,
  lobbyFor,
  roomFor,
  type MemberKeys,
} from '../../src-shared/crypto/keys';
import { fromUtf8, toBase64Url, utf8 } from '../../src-shared/bytes';
import { draftInvite, foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import {
  isWelcomeFor,
  makeKnock,
  openKnock,
  requestIdFor,
  welcomeKey,
  type Knock,
} from '../../src-shared/circle/lobby';
import { admissionKnockValid } from '../../src-shared/records/knock';

/** A fresh invite (its options do not matter to the lobby's keys). */
const anInvite = () => draftInvite({ expiresAt: null, maxUses: 1, approval: 'facilitator' });

let circle: FoundedCircle;
let inviteId: string;
let newcomer: MemberKeys;

beforeAll(async () => {
  await loadSodium();
  circle = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' });
  inviteId = anInvite().body.inviteId;
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
      sig: toBase64Url(bytes.subarray(0, 64)),
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
    const otherInvite = anInvite().body.inviteId;
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

  it("an admission carrying the knock's time and signature proves the name is the newcomer's own", () => {
    const { bytes } = makeKnock(newcomer, 'Bo', inviteId, 1_700_000_000_000);
    const knock = openKnock(bytes, inviteId)!;
    const body = {
      member: knock.member,
      displayName: knock.displayName,
      inviteId,
      knock: { ts: knock.ts, sig: knock.sig },
    };
    expect(admissionKnockValid(body)).toBe(true);
    expect(admissionKnockValid({ ...body, displayName: 'Facilitator' })).toBe(false);
    expect(admissionKnockValid({ ...body, inviteId: anInvite().body.inviteId })).toBe(false);
    expect(admissionKnockValid({ ...body, knock: { ...body.knock, ts: 1 } })).toBe(false);
    const other = toBase64Url(generateMemberKeys().signPublicKey);
    expect(admissionKnockValid({ ...body, member: other })).toBe(false);
    expect(admissionKnockValid({ ...body, knock: { ...body.knock, sig: 'x' } })).toBe(false);
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

describe('lobby key derivation', () => {
  it('the lobby room comes from the invite secret only and differs from the circle room', () => {
    const { secret, body } = anInvite();
    expect(inviteIdOf(secret)).toBe(body.inviteId);
    expect(body.inviteId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const lobby = lobbyFor(secret);
    // One form for lobbies and rooms: a signaling server cannot tell which is which.
    expect(lobby.name).toMatch(/^[0-9a-f]{64}$/);
    expect(lobbyFor(secret)).toEqual(lobby);
    expect(lobbyFor(anInvite().secret).name).not.toBe(lobby.name);
    const room = roomFor(circle.epoch.roomSecret);
    expect(room.name).toMatch(/^[0-9a-f]{64}$/);
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
