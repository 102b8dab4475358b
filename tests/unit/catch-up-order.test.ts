import { beforeAll, describe, expect, it } from 'vitest';
import { catchUpOrder } from '../../src-shared/circle/catch-up-order';
import { draftRecord, foundCircle } from '../../src-shared/circle/founding';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { peekRecord, sealRecord } from '../../src-shared/records/seal';

beforeAll(loadSodium);

describe('catch-up order', () => {
  it('verifies membership oldest first, then messages newest first, then what did not parse', () => {
    const peeks = [
      { kind: 'message', ts: 10 },
      null,
      { kind: 'admit', ts: 30 },
      { kind: 'message', ts: 40 },
      { kind: 'genesis', ts: 1 },
      { kind: 'message', ts: 20 },
      { kind: 'invite', ts: 5 },
      null,
      { kind: 'rekey', ts: 35 },
      { kind: 'remove', ts: 32 },
    ];
    expect(catchUpOrder(peeks)).toEqual([4, 6, 2, 9, 8, 3, 5, 0, 1, 7]);
  });

  it('keeps the given order among equal claims (a stable sort)', () => {
    const peeks = [
      { kind: 'message', ts: 5 },
      { kind: 'message', ts: 5 },
      { kind: 'admit', ts: 2 },
      { kind: 'admit', ts: 2 },
    ];
    expect(catchUpOrder(peeks)).toEqual([2, 3, 0, 1]);
  });

  it('survives absurd claimed times from a hostile peer', () => {
    const peeks = [
      { kind: 'message', ts: Number.MAX_VALUE },
      { kind: 'message', ts: -Number.MAX_VALUE },
      { kind: 'message', ts: 0 },
    ];
    expect(catchUpOrder(peeks)).toEqual([0, 2, 1]);
  });
});

describe('peekRecord', () => {
  it('reads the claimed kind and time of a record it can decrypt, and nothing of one it cannot', () => {
    const circle = foundCircle({ name: 'Peek', description: '', displayName: 'Ada' });
    const keys = new Map([[0, [circle.epoch.contentKey]]]);
    const record = draftRecord(
      { circleId: circle.circleId, epoch: 0, keys: circle.keys, seq: 2, prev: [] },
      'message',
      { text: 'hello' },
      1234,
    );
    const sealed = sealRecord(record, circle.keys.signSecretKey, circle.epoch.contentKey);
    expect(peekRecord(sealed, keys)).toEqual({ kind: 'message', ts: 1234 });

    const tampered = sealed.slice();
    tampered[tampered.length - 1]! ^= 1;
    expect(peekRecord(tampered, keys)).toBeNull();
    expect(peekRecord(sealed, new Map())).toBeNull();
    expect(peekRecord('not bytes', keys)).toBeNull();
  });
});

describe('catch-up order against made-up kinds', () => {
  it('a kind that does not exist goes last, not ahead of the messages', () => {
    const peeks = [
      { kind: 'message', ts: 10 },
      { kind: 'totally-real-kind', ts: 1 },
      { kind: 'admit', ts: 5 },
    ];
    expect(catchUpOrder(peeks)).toEqual([2, 0, 1]);
  });
});
