import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src-shared/bytes';
import {
  PRESENCE_VALID_MS,
  PresenceBook,
  signPresence,
  verifyPresence,
} from '../../src-shared/circle/presence';
import { generateMemberKeys, type MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';

let ana: MemberKeys;
let bob: MemberKeys;
const ROOM = 'room-hash';
const NOW = 1_800_000_000_000;

beforeAll(async () => {
  await loadSodium();
  ana = generateMemberKeys();
  bob = generateMemberKeys();
});

describe('presence claims', () => {
  it('a member’s own claim proves their key for their client id', () => {
    expect(verifyPresence(signPresence(ana, ROOM, 7, NOW), ROOM, 7, NOW)).toBe(
      toBase64Url(ana.signPublicKey),
    );
  });

  it('a bare claim to be someone (the old awareness state) proves nothing', () => {
    expect(verifyPresence({ member: toBase64Url(ana.signPublicKey) }, ROOM, 7, NOW)).toBeNull();
    expect(verifyPresence(toBase64Url(ana.signPublicKey), ROOM, 7, NOW)).toBeNull();
  });

  it('one member cannot appear as another: a claim naming Ana signed by Bob fails', () => {
    const forged = { ...signPresence(bob, ROOM, 7, NOW), member: toBase64Url(ana.signPublicKey) };
    expect(verifyPresence(forged, ROOM, 7, NOW)).toBeNull();
  });

  it('a copied claim is good only for the client id and room it was made for', () => {
    const claim = signPresence(ana, ROOM, 7, NOW);
    expect(verifyPresence(claim, ROOM, 8, NOW)).toBeNull();
    expect(verifyPresence(claim, 'another-room', 7, NOW)).toBeNull();
  });

  it('a claim goes stale, and one from far ahead is refused', () => {
    expect(
      verifyPresence(signPresence(ana, ROOM, 7, NOW - PRESENCE_VALID_MS - 1), ROOM, 7, NOW),
    ).toBeNull();
    expect(verifyPresence(signPresence(ana, ROOM, 7, NOW + 60 * 60_000), ROOM, 7, NOW)).toBeNull();
    expect(
      verifyPresence({ ...signPresence(ana, ROOM, 7, NOW), at: NOW + 1 }, ROOM, 7, NOW),
    ).toBeNull();
  });

  it('junk of every shape is refused without throwing', () => {
    const claim = signPresence(ana, ROOM, 7, NOW);
    for (const junk of [
      null,
      undefined,
      42,
      [],
      {},
      { ...claim, sig: 'x'.repeat(5000) },
      { ...claim, member: '!!' },
      { ...claim, at: Number.NaN },
      { ...claim, sig: 7 },
    ]) {
      expect(verifyPresence(junk, ROOM, 7, NOW)).toBeNull();
    }
  });
});

describe('PresenceBook', () => {
  it('reuses a checked claim, but not one whose time was changed after signing', () => {
    const book = new PresenceBook(ROOM);
    const claim = signPresence(ana, ROOM, 7, NOW);
    expect(book.memberOf(7, claim, NOW)).toBe(toBase64Url(ana.signPublicKey));
    expect(book.memberOf(7, claim, NOW + 1000)).toBe(toBase64Url(ana.signPublicKey));
    // Stale by now, even though it was checked before.
    expect(book.memberOf(7, claim, NOW + PRESENCE_VALID_MS + 1)).toBeNull();
    // Same signature, a later time slipped in to keep it fresh: checked again, and refused.
    expect(
      book.memberOf(7, { ...claim, at: NOW + PRESENCE_VALID_MS }, NOW + PRESENCE_VALID_MS + 1),
    ).toBeNull();
  });

  it('forgets clients that left', () => {
    const book = new PresenceBook(ROOM);
    const claim = signPresence(ana, ROOM, 7, NOW);
    book.memberOf(7, claim, NOW);
    book.retain(new Set());
    expect(book.memberOf(7, { ...claim, member: toBase64Url(bob.signPublicKey) }, NOW)).toBeNull();
  });
});
