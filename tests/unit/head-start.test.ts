import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src-shared/bytes';
import {
  draftInvite,
  draftRecord,
  foundCircle,
  type FoundedCircle,
} from '../../src-shared/circle/founding';
import { HeadStartIndex, type HeadStartFor } from '../../src-shared/circle/head-start';
import { generateMemberKeys, type MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { RecordContent } from '../../src-shared/records/schema';

let circle: FoundedCircle;
let founder: string;

beforeAll(async () => {
  await loadSodium();
  circle = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' });
  founder = toBase64Url(circle.keys.signPublicKey);
});

const NOW = 1_800_000_000_000;
const by = (keys: MemberKeys) => ({ circleId: circle.circleId, epoch: 0, keys });
const keyOf = (keys: MemberKeys) => toBase64Url(keys.signPublicKey);
const message = (text: string, ts: number, keys = circle.keys) =>
  draftRecord(by(keys), 'message', { text }, ts);
const invite = (ts: number, keys = circle.keys) =>
  draftRecord(by(keys), 'invite', draftInvite().body, ts);
const admit = (member: MemberKeys, inviteId: string, ts: number, keys = circle.keys) =>
  draftRecord(by(keys), 'admit', { member: keyOf(member), displayName: 'Someone', inviteId }, ts);

/** Stand-in envelope bytes: the index never looks inside them, only at their length. */
const bytesOf = (label: string, size = 100) => {
  const b = new Uint8Array(size);
  b.set(new TextEncoder().encode(label).subarray(0, size));
  return b;
};
const labels = (bundle: Uint8Array[]) =>
  bundle.map((b) => new TextDecoder().decode(b).replace(/\0+$/, ''));
/** Notes `record` under `label` as its envelope key and bytes. */
const noteAs = (index: HeadStartIndex, label: string, record: RecordContent) =>
  index.note(label, record, bytesOf(label));
const forAnyone = (newcomer: string, members: string[] = [founder]): HeadStartFor => ({
  newcomer,
  isMember: (k) => members.includes(k),
});

describe('HeadStartIndex', () => {
  it('hands out the membership behind the newcomer and the authors, oldest first, then the newest messages by members', () => {
    const index = new HeadStartIndex(10, () => NOW);
    const [bo, cy, stranger, other] = [
      generateMemberKeys(),
      generateMemberKeys(),
      generateMemberKeys(),
      generateMemberKeys(),
    ];
    const inv = invite(1_000);
    noteAs(index, 'invite', inv);
    // Cy was admitted by Bo, whom the founder admitted: the whole chain is needed to accept Cy.
    noteAs(index, 'admit-bo', admit(bo, inv.body.inviteId, 2_000));
    noteAs(index, 'admit-cy', admit(cy, inv.body.inviteId, 3_000, bo));
    noteAs(index, 'admit-other', admit(other, inv.body.inviteId, 3_500)); // wrote nothing recent: left out
    const me = generateMemberKeys();
    noteAs(index, 'admit-me', admit(me, inv.body.inviteId, 4_000));
    for (const [label, ts, keys] of [
      ['m3', 13, cy],
      ['m1', 11, circle.keys],
      ['stranger', 14, stranger],
      ['m2', 12, circle.keys],
    ] as const) {
      noteAs(index, label, message(label, 10_000 + ts, keys));
    }
    noteAs(index, 'genesis', circle.genesis); // the welcome carries it already
    const members = [founder, keyOf(bo), keyOf(cy), keyOf(me), keyOf(other)];
    expect(labels(index.bundle(forAnyone(keyOf(me), members)))).toEqual([
      'invite',
      'admit-bo',
      'admit-cy',
      'admit-me',
      'm3',
      'm2',
      'm1',
    ]);
  });

  it('stops at the byte budget, membership first', () => {
    const index = new HeadStartIndex(10, () => NOW);
    const me = generateMemberKeys();
    const inv = invite(1);
    noteAs(index, 'invite', inv);
    noteAs(index, 'admit-me', admit(me, inv.body.inviteId, 2));
    for (let n = 1; n <= 5; n++) noteAs(index, `m${n}`, message(`m${n}`, 10 + n));
    expect(labels(index.bundle(forAnyone(keyOf(me)), 450))).toEqual([
      'invite',
      'admit-me',
      'm5',
      'm4',
    ]);
    expect(index.bundle(forAnyone(keyOf(me)), 99)).toEqual([]);
  });

  it('records known from the store wait for their bytes from the document; one record takes one place', () => {
    const index = new HeadStartIndex(2, () => NOW);
    const anyone = forAnyone(keyOf(generateMemberKeys()));
    index.note('m1', message('m1', 1));
    const m2 = message('m2', 2);
    index.note('m2', m2);
    expect(index.bundle(anyone)).toEqual([]);
    expect(index.wants('m2')).toBe(true);
    expect(index.wants('elsewhere')).toBe(false);
    index.attach('m2', bytesOf('m2'));
    expect(index.wants('m2')).toBe(false);
    // The same record sealed again (another nonce, so another envelope key) does not take a second place.
    noteAs(index, 'm2 resealed', m2);
    expect(labels(index.bundle(anyone))).toEqual(['m2']);
    // A newer message pushes the oldest out; the evicted one is no longer wanted.
    noteAs(index, 'm3', message('m3', 3));
    expect(index.wants('m1')).toBe(false);
    expect(labels(index.bundle(anyone))).toEqual(['m3', 'm2']);
  });

  it('a message stamped far in the future does not hold a place', () => {
    const index = new HeadStartIndex(2, () => NOW);
    noteAs(index, 'now', message('now', NOW));
    noteAs(index, 'next year', message('next year', NOW + 365 * 24 * 3600_000));
    noteAs(index, 'in a minute', message('in a minute', NOW + 60_000));
    expect(labels(index.bundle(forAnyone(keyOf(generateMemberKeys()))))).toEqual([
      'in a minute',
      'now',
    ]);
  });
});
