import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src-shared/bytes';
import {
  PRESENCE_VALID_MS,
  PresenceBook,
  signLeaving,
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
    expect(verifyPresence(signPresence(ana, ROOM, 7, NOW), ROOM, 7, NOW)).toEqual({
      member: toBase64Url(ana.signPublicKey),
      at: NOW,
      leaving: false,
      held: new Map(),
    });
  });

  it('carries what the client holds of recent writers, signed: changed, it proves nothing', () => {
    const held = new Map([
      [11, 4],
      [12, 9],
    ]);
    const claim = signPresence(ana, ROOM, 7, NOW, held);
    expect(verifyPresence(claim, ROOM, 7, NOW)?.held).toEqual(held);
    const more = signPresence(ana, ROOM, 7, NOW, new Map([[11, 400]]));
    expect(verifyPresence({ ...claim, sv: more.sv }, ROOM, 7, NOW)).toBeNull();
    expect(verifyPresence({ ...claim, sv: 'not-a-state-vector!' }, ROOM, 7, NOW)).toBeNull();
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

  it('a goodbye is signed as one: a presence claim cannot be turned into a goodbye, nor back', () => {
    const bye = signLeaving(ana, ROOM, 7, NOW);
    expect(verifyPresence(bye, ROOM, 7, NOW)).toEqual({
      member: toBase64Url(ana.signPublicKey),
      at: NOW,
      leaving: true,
      held: new Map(),
    });
    const here = signPresence(ana, ROOM, 7, NOW);
    expect(verifyPresence({ ...here, leaving: true }, ROOM, 7, NOW)).toBeNull();
    const { leaving: _dropped, ...stripped } = bye;
    expect(verifyPresence(stripped, ROOM, 7, NOW)).toBeNull();
    expect(verifyPresence({ ...bye, leaving: 'yes' }, ROOM, 7, NOW)).toBeNull();
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

const anyone = () => true;

describe('PresenceBook', () => {
  const key = (k: MemberKeys) => toBase64Url(k.signPublicKey);

  it('attack: a replay of the same claim, or of an older one, is refused; a newer one is taken', () => {
    const book = new PresenceBook(ROOM);
    const first = signPresence(ana, ROOM, 7, NOW);
    const second = signPresence(ana, ROOM, 7, NOW + 20_000);
    expect(book.accept(7, first, anyone, NOW)).toBe(true);
    expect(book.accept(7, first, anyone, NOW + 1000)).toBe(false);
    expect(book.accept(7, second, anyone, NOW + 20_000)).toBe(true);
    expect(book.accept(7, first, anyone, NOW + 20_001)).toBe(false);
    expect(book.accept(7, second, anyone, NOW + 20_001)).toBe(false);
    expect([...book.present(NOW + 20_001)]).toEqual([key(ana)]);
  });

  it('attack: a replayed goodbye older than the claim after it does not end presence', () => {
    const book = new PresenceBook(ROOM);
    const bye = signLeaving(ana, ROOM, 7, NOW);
    const back = signPresence(ana, ROOM, 7, NOW + 1);
    expect(book.accept(7, bye, anyone, NOW)).toBe(true);
    expect(book.present(NOW).size).toBe(0);
    expect(book.accept(7, back, anyone, NOW + 1)).toBe(true);
    expect(book.accept(7, bye, anyone, NOW + 2)).toBe(false);
    expect(book.present(NOW + 2).has(key(ana))).toBe(true);
    expect(book.vouchesFor(7, NOW + 2)).toBe(true);
  });

  it('attack: another member’s claim on the same client leaves the first one standing', () => {
    const book = new PresenceBook(ROOM);
    expect(book.accept(7, signPresence(ana, ROOM, 7, NOW), anyone, NOW)).toBe(true);
    expect(book.accept(7, signPresence(bob, ROOM, 7, NOW + 5), anyone, NOW + 5)).toBe(true);
    expect(book.accept(7, signLeaving(bob, ROOM, 7, NOW + 6), anyone, NOW + 6)).toBe(true);
    expect([...book.present(NOW + 6)]).toEqual([key(ana)]);
  });

  it('a forged newer claim is refused and does not move the time a replay must beat', () => {
    const book = new PresenceBook(ROOM);
    const claim = signPresence(ana, ROOM, 7, NOW);
    book.accept(7, claim, anyone, NOW);
    expect(book.accept(7, { ...claim, at: NOW + 10 }, anyone, NOW + 10)).toBe(false);
    expect(book.accept(7, signPresence(ana, ROOM, 7, NOW + 5), anyone, NOW + 10)).toBe(true);
  });

  it('a claim goes stale, is forgotten, and cannot be brought back by a replay', () => {
    const book = new PresenceBook(ROOM);
    const claim = signPresence(ana, ROOM, 7, NOW);
    book.accept(7, claim, anyone, NOW);
    expect(book.present(NOW + PRESENCE_VALID_MS).has(key(ana))).toBe(true);
    const later = NOW + PRESENCE_VALID_MS + 1;
    expect(book.present(later).size).toBe(0);
    expect(book.vouchesFor(7, later)).toBe(false);
    book.forgetStale(later);
    expect(book.knows(7)).toBe(false);
    expect(book.accept(7, claim, anyone, later)).toBe(false);
  });

  it('attack: many clients under one key, or many strangers’ keys, fill only a bounded book', () => {
    const book = new PresenceBook(ROOM);
    const members = new Set([key(ana), key(bob)]);
    const isMember = (k: string) => members.has(k);
    let taken = 0;
    for (let id = 1; id <= 50; id++)
      if (book.accept(id, signPresence(bob, ROOM, id, NOW), isMember, NOW)) taken++;
    expect(taken).toBe(8);
    let strangers = 0;
    for (let id = 100; id < 300; id++)
      if (book.accept(id, signPresence(generateMemberKeys(), ROOM, id, NOW), isMember, NOW))
        strangers++;
    expect(strangers).toBe(64);
    // Neither crowds out a member's own client.
    expect(book.accept(9999, signPresence(ana, ROOM, 9999, NOW), isMember, NOW)).toBe(true);
    // Once they go stale there is room again.
    const later = NOW + PRESENCE_VALID_MS + 1;
    expect(book.accept(51, signPresence(bob, ROOM, 51, later), isMember, later)).toBe(true);
  });
});
