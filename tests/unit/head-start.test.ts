import { beforeAll, describe, expect, it } from 'vitest';
import { draftInvite, draftRecord, foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import { HeadStartIndex } from '../../src-shared/circle/head-start';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { RecordContent } from '../../src-shared/records/schema';

let circle: FoundedCircle;

beforeAll(async () => {
  await loadSodium();
  circle = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' });
});

const authoring = () => ({ circleId: circle.circleId, epoch: 0, keys: circle.keys });
const message = (text: string, ts: number) => draftRecord(authoring(), 'message', { text }, ts);
/** Stand-in envelope bytes: the index never looks inside them, only at their length. */
const bytesOf = (label: string, size = 100) => {
  const b = new Uint8Array(size);
  b.set(new TextEncoder().encode(label).subarray(0, size));
  return b;
};
const labels = (bundle: Uint8Array[]) => bundle.map((b) => new TextDecoder().decode(b).replace(/\0+$/, ''));

describe('HeadStartIndex', () => {
  it('hands out membership oldest first, then the newest messages newest first, whatever the order they came in', () => {
    const index = new HeadStartIndex(3);
    const invite = draftRecord(authoring(), 'invite', draftInvite().body, 1_000);
    const admit: RecordContent = draftRecord(authoring(), 'admit', { member: 'A'.repeat(43), displayName: 'Bo', inviteId: invite.body.inviteId }, 2_000);
    const shuffled = [5, 1, 4, 2, 3, 6].map((n) => ({ key: `m${n}`, record: message(`m${n}`, 10_000 + n) }));
    for (const { key, record } of shuffled) index.note(key, record, bytesOf(key));
    index.note('admit', admit, bytesOf('admit'));
    index.note('invite', invite, bytesOf('invite'));
    index.note('genesis', circle.genesis, bytesOf('genesis')); // the welcome carries it already
    expect(labels(index.bundle())).toEqual(['invite', 'admit', 'm6', 'm5', 'm4']);
  });

  it('stops at the byte budget', () => {
    const index = new HeadStartIndex(10);
    for (let n = 1; n <= 5; n++) index.note(`m${n}`, message(`m${n}`, n), bytesOf(`m${n}`, 100));
    expect(labels(index.bundle(250))).toEqual(['m5', 'm4']);
    expect(index.bundle(99)).toEqual([]);
  });

  it('records known from the store wait for their bytes from the document, and are noted once', () => {
    const index = new HeadStartIndex(2);
    index.note('m1', message('m1', 1));
    index.note('m2', message('m2', 2));
    expect(index.bundle()).toEqual([]);
    expect(index.wants('m2')).toBe(true);
    expect(index.wants('elsewhere')).toBe(false);
    index.attach('m2', bytesOf('m2'));
    expect(index.wants('m2')).toBe(false);
    index.note('m2', message('m2', 2), bytesOf('m2 again'));
    expect(labels(index.bundle())).toEqual(['m2']);
    // A newer message pushes the oldest out; the evicted one is no longer wanted.
    index.note('m3', message('m3', 3), bytesOf('m3'));
    expect(index.wants('m1')).toBe(false);
    expect(labels(index.bundle())).toEqual(['m3', 'm2']);
  });
});
