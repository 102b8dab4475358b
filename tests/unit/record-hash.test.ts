// A record's hash names it in later records' `prev`, on every peer: it must not depend on the
// order the author's JSON put keys in, and the fast path for a record's fixed top level must give
// exactly the generic canonical form.
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url, utf8 } from '../../src-shared/bytes';
import { foundCircle } from '../../src-shared/circle/founding';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import { canonical, recordHash } from '../../src-shared/records/record-hash';
import { RecordContent } from '../../src-shared/records/schema';
import { newKeys, SimMember } from '../support/circle-sim';

beforeAll(async () => {
  await loadSodium();
});

/** The same object with its keys, at every level, in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  return value;
}

const genericHash = (r: unknown) => {
  const s = sodium();
  const label = s.crypto_generichash(32, utf8('hearth/record'), null);
  return toBase64Url(s.crypto_generichash(16, utf8(canonical(r)), label));
};

describe('recordHash', () => {
  it('is the hash of the generic canonical form, and ignores key order, for every kind', () => {
    const c = foundCircle({ name: 'C', description: '', displayName: 'Ana' }, 1_700_000_000_000);
    const ana = new SimMember(c.keys, c.genesis);
    const bo = newKeys();
    const inv = ana.invite({ maxUses: 2 });
    const records = [
      c.genesis,
      inv,
      ana.admit(bo, inv, 'Bo'),
      ana.write('revoke', { inviteId: inv.body.inviteId }),
      ana.message('hello'),
      ana.rekey(),
      ana.write('rename', { displayName: 'Ana B' }),
    ];
    for (const r of records) {
      expect(recordHash(r)).toBe(genericHash(r));
      expect(recordHash(reversed(r) as RecordContent)).toBe(recordHash(r));
      // What a peer gets after the schema (its own key order) hashes the same.
      expect(recordHash(RecordContent.parse(reversed(r)))).toBe(recordHash(r));
    }
  });

  it('differs when any field differs, nested ones included', () => {
    const c = foundCircle({ name: 'C', description: '', displayName: 'Ana' }, 1_700_000_000_000);
    const g = c.genesis;
    expect(recordHash({ ...g, ts: g.ts + 1 })).not.toBe(recordHash(g));
    expect(recordHash({ ...g, body: { ...g.body, name: 'D' } })).not.toBe(recordHash(g));
    expect(recordHash({ ...g, body: { ...g.body, policy: { membersMayInvite: true } } })).not.toBe(
      recordHash(g),
    );
  });
});
