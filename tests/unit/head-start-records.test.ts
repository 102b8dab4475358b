// The welcome's records that the log has not brought: confirmed by the log, dropped when they
// do not open, and what is left handed back to be added to the log.
import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { envelopeKey } from '../../src-shared/records/seal';
import { HeadStartRecords } from '../../src-renderer/services/circles/head-start-records';
import { SimMember } from '../support/circle-sim';
import { messageIn } from '../support/sealed-writer';

let circle: FoundedCircle;
let ana: SimMember;
beforeAll(async () => {
  await loadSodium();
  circle = foundCircle({ name: 'Head start', description: '', displayName: 'Ana' }, 1);
  ana = new SimMember(circle.keys, circle.genesis);
});

const sealed = (text: string, ts: number) => messageIn(ana, circle.epoch, text, ts);

describe('HeadStartRecords', () => {
  it('hands back only the welcome records the log did not confirm and that did not fail', () => {
    const book = new HeadStartRecords();
    const [a, b, c] = [sealed('a', 1), sealed('b', 2), sealed('c', 3)];
    book.welcomed([a.sealed, b.sealed, c.sealed, new Uint8Array([9])]);
    book.confirm([envelopeKey(a.sealed), null]);
    book.drop([envelopeKey(b.sealed)!]);
    expect(book.takeUnconfirmed()).toEqual([c.sealed]);
    expect(book.takeUnconfirmed()).toEqual([]);
  });

  it('a record stored without its bytes is handed out once the log shows them', () => {
    const book = new HeadStartRecords();
    const m = sealed('from the store', Date.now());
    const key = envelopeKey(m.sealed)!;
    const anyMember = { isMember: () => true };
    book.note(key, m.record);
    expect(book.bundle(anyMember)).toEqual([]);
    book.seen(key, m.sealed);
    expect(book.bundle(anyMember)).toEqual([m.sealed]);
  });
});
