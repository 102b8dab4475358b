import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import { HeadStartIndex, type HeadStartFor } from '../../src-shared/circle/head-start';
import { generateMemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { RecordContent } from '../../src-shared/records/schema';
import { keyOf, SimMember } from '../support/circle-sim';

let circle: FoundedCircle;
let founder: string;

beforeAll(async () => {
  await loadSodium();
  circle = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' }, 500);
  founder = keyOf(circle.keys);
});

const NOW = 1_800_000_000_000;
/** The founder, writing records at its own positions (a new ledger each call). */
const ana = () => new SimMember(circle.keys, circle.genesis);
/** Someone else writing in the circle, member or not: the index does not judge. */
const someone = () => new SimMember(generateMemberKeys(), circle.genesis);
const message = (text: string, ts: number, author = ana()) => author.message(text, ts);

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
const forMembers = (members: string[] = [founder]): HeadStartFor => ({
  isMember: (k) => members.includes(k),
});

describe('HeadStartIndex', () => {
  it('hands out every membership record, oldest first, then the newest messages by members, newest first', () => {
    const index = new HeadStartIndex(10, () => NOW);
    const facil = ana();
    const [bo, cy, other, me] = [someone(), someone(), someone(), someone()];
    const inv = facil.invite({ approval: 'auto' });
    const admit = (who: SimMember) => facil.admit(who.keys, inv, 'Someone');
    // A newcomer can judge a record only once everything it names is there: every membership
    // record goes, whoever it is about, in time order whatever order it was noted in.
    const records = {
      invite: inv,
      'admit-bo': admit(bo),
      'admit-cy': admit(cy),
      'promote-bo': facil.setRole(bo, 'facilitator'),
      'admit-other': admit(other), // wrote nothing recent: still goes
      'admit-me': admit(me),
    };
    for (const label of ['admit-me', 'invite', 'admit-other', 'promote-bo', 'admit-cy', 'admit-bo'])
      noteAs(index, label, records[label as keyof typeof records]);
    for (const [label, ts, author] of [
      ['m3', 13, cy],
      ['m1', 11, facil],
      ['stranger', 14, someone()],
      ['m2', 12, facil],
    ] as const) {
      noteAs(index, label, message(label, 10_000 + ts, author));
    }
    const members = [founder, bo.key, cy.key, me.key, other.key];
    expect(labels(index.bundle(forMembers(members)))).toEqual([
      'invite',
      'admit-bo',
      'admit-cy',
      'promote-bo',
      'admit-other',
      'admit-me',
      'm3',
      'm2',
      'm1',
    ]);
    // A member who is gone by the time the bundle is made: their messages stay behind.
    expect(labels(index.bundle(forMembers([founder])))).toEqual([
      ...Object.keys(records),
      'm2',
      'm1',
    ]);
  });

  it('stops at the byte budget, membership first', () => {
    const index = new HeadStartIndex(10, () => NOW);
    const facil = ana();
    const inv = facil.invite({ approval: 'auto' });
    noteAs(index, 'invite', inv);
    noteAs(index, 'admit-me', facil.admit(generateMemberKeys(), inv));
    for (let n = 1; n <= 5; n++) noteAs(index, `m${n}`, message(`m${n}`, 10_000 + n, facil));
    expect(labels(index.bundle(forMembers(), 450))).toEqual(['invite', 'admit-me', 'm5', 'm4']);
    expect(index.bundle(forMembers(), 99)).toEqual([]);
  });

  it('records known from the store wait for their bytes from the document; one record takes one place', () => {
    const index = new HeadStartIndex(2, () => NOW);
    const anyone = forMembers();
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
    expect(labels(index.bundle(forMembers()))).toEqual(['in a minute', 'now']);
  });

  it('the chain holds the rekeys and promotions, and for a newcomer its own admission and invite, no one else’s', () => {
    const index = new HeadStartIndex(10, () => NOW);
    const facil = ana();
    const [bo, nia] = [someone(), someone()];
    const [first, second] = [facil.invite(), facil.invite()];
    const records = {
      first,
      second,
      'admit-bo': facil.admit(bo.keys, first),
      'promote-bo': facil.setRole(bo, 'facilitator'),
      rekey: facil.rekey(),
      'admit-nia': facil.admit(nia.keys, second),
    };
    for (const [label, r] of Object.entries(records)) noteAs(index, label, r);
    expect(labels(index.chain())).toEqual(['promote-bo', 'rekey']);
    expect(labels(index.chain(nia.key))).toEqual(['second', 'promote-bo', 'rekey', 'admit-nia']);
    expect(labels(index.chain(bo.key))).toEqual(['first', 'admit-bo', 'promote-bo', 'rekey']);
    expect(labels(index.chain(someone().key))).toEqual(['promote-bo', 'rekey']);
  });
});
