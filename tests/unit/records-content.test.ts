// What a well-sealed record may contain: inner plaintext that is not a signed record, records
// that break the schema though correctly signed, the size limits, and records of another circle.
// The envelope and its signature are attacked in records-seal.test.ts.
import { describe, it, expect, beforeAll } from 'vitest';
import { sodium } from '../../src-shared/crypto/sodium';
import { generateEpochKeys, generateMemberKeys, randomId } from '../../src-shared/crypto/keys';
import { utf8 } from '../../src-shared/bytes';
import { draftRecord, draftRekeyBody, foundCircle } from '../../src-shared/circle/founding';
import {
  MAX_LOCKBOXES,
  MAX_MESSAGE_CHARS,
  MAX_PREV,
  MAX_SEALED_RECORD_BYTES,
  WARNING_TOPICS,
  type RecordContent,
} from '../../src-shared/records/schema';
import {
  contentKeyMap,
  ENVELOPE_VERSION,
  openRecord,
  sealRecord,
  sealSigned,
} from '../../src-shared/records/seal';
import {
  circle,
  HEADER,
  NONCE,
  OVERHEAD,
  reasonOf,
  setUpRecordCircle,
  signJson,
  signRaw,
  who,
} from '../support/sealed-records';
import { admitBodyFor } from '../support/circle-sim';

beforeAll(setUpRecordCircle);

/** Builds an envelope by hand, bypassing sealSigned's size check. */
function sealByHand(inner: Uint8Array, epoch: number, contentKey: Uint8Array): Uint8Array {
  const s = sodium();
  const header = new Uint8Array(HEADER);
  header[0] = ENVELOPE_VERSION;
  new DataView(header.buffer).setUint32(1, epoch);
  const nonce = s.randombytes_buf(NONCE);
  const ct = s.crypto_aead_xchacha20poly1305_ietf_encrypt(inner, header, null, nonce, contentKey);
  const out = new Uint8Array(HEADER + NONCE + ct.length);
  out.set(header);
  out.set(nonce, HEADER);
  out.set(ct, HEADER + NONCE);
  return out;
}

describe('malformed inner plaintext', () => {
  const sealInner = (inner: Uint8Array) => sealSigned(inner, 0, circle.epoch.contentKey);

  it('unsigned content (JSON without a signature) is malformed', () => {
    const msg = draftRecord(who(), 'message', { text: 'no signature here' });
    expect(reasonOf(sealInner(utf8(JSON.stringify(msg))))).toBe('malformed');
  });

  it('64 bytes or fewer cannot hold a signature and content', () => {
    expect(reasonOf(sealInner(new Uint8Array(0)))).toBe('malformed');
    expect(reasonOf(sealInner(new Uint8Array(64)))).toBe('malformed');
  });

  it('garbage after a signature is malformed', () => {
    const s = sodium();
    expect(reasonOf(sealInner(signRaw(s.randombytes_buf(200), circle.keys.signSecretKey)))).toBe(
      'malformed',
    );
    expect(reasonOf(sealInner(signRaw(utf8('not json at all'), circle.keys.signSecretKey)))).toBe(
      'malformed',
    );
    expect(
      reasonOf(sealInner(signRaw(Uint8Array.of(0x7b, 0xff, 0x7d), circle.keys.signSecretKey))),
    ).toBe('malformed');
    expect(reasonOf(sealInner(s.randombytes_buf(300)))).toBe('malformed');
  });

  it('valid JSON that is not a record is invalid content', () => {
    expect(reasonOf(sealInner(signJson({ hello: 'world' })))).toBe('invalid-content');
    expect(reasonOf(sealInner(signJson(null)))).toBe('invalid-content');
    expect(reasonOf(sealInner(signJson([1, 2, 3])))).toBe('invalid-content');
  });

  it('non-Uint8Array input is malformed', () => {
    const real = sealRecord(
      draftRecord(who(), 'message', { text: 'x' }),
      circle.keys.signSecretKey,
      circle.epoch.contentKey,
    );
    for (const input of [
      undefined,
      null,
      'string',
      42,
      {},
      Array.from(real),
      real.buffer,
      new DataView(real.buffer),
      new Uint16Array(10),
    ]) {
      expect(reasonOf(input), Object.prototype.toString.call(input)).toBe('malformed');
    }
  });
});

describe('schema violations, correctly signed', () => {
  const sealedJson = (value: unknown) => sealSigned(signJson(value), 0, circle.epoch.contentKey);
  let base: RecordContent;
  beforeAll(() => {
    base = draftRecord(who(), 'message', { text: 'valid' });
  });

  it('the unmodified base record opens (control)', () => {
    expect(reasonOf(sealedJson(base))).toBe('ok');
  });

  it.each([
    ['extra top-level field', () => ({ ...base, extra: 1 })],
    ['extra body field', () => ({ ...base, body: { text: 'hi', html: '<b>hi</b>' } })],
    [
      'a content warning of a made-up topic',
      () => ({ ...base, body: { text: 'hi', warning: { topic: '<img src=x onerror=alert(1)>' } } }),
    ],
    [
      'a content warning with more than a topic',
      () => ({ ...base, body: { text: 'hi', warning: { topic: 'grief', html: '<b>x</b>' } } }),
    ],
    [
      'a content warning that is a string',
      () => ({ ...base, body: { text: 'hi', warning: 'grief' } }),
    ],
    ['too-long text', () => ({ ...base, body: { text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) } })],
    ['empty text', () => ({ ...base, body: { text: '' } })],
    [
      '`foreign` sent as such',
      () => ({ ...base, kind: 'foreign', body: { kind: 'note', body: {} } }),
    ],
    ['an unknown kind that is not a kind name', () => ({ ...base, kind: 'Note <b>' })],
    ['genesis kind with a message body', () => ({ ...base, kind: 'genesis' })],
    ['bad id', () => ({ ...base, id: 'short' })],
    ['id with bad characters', () => ({ ...base, id: '+'.repeat(22) })],
    ['wrong version', () => ({ ...base, v: 2 })],
    ['fractional ts', () => ({ ...base, ts: 1.5 })],
    ['negative epoch', () => ({ ...base, epoch: -1 })],
    ['missing author', () => ({ ...base, author: undefined })],
    ['bad circle id', () => ({ ...base, circle: 'x' })],
    ['seq 0', () => ({ ...base, seq: 0 })],
    ['missing seq', () => ({ ...base, seq: undefined })],
    ['missing prev', () => ({ ...base, prev: undefined })],
    [
      'prev naming too many records',
      () => ({ ...base, prev: Array(MAX_PREV + 1).fill(base.prev[0]) }),
    ],
    ['prev with a malformed hash', () => ({ ...base, prev: ['not-a-hash'] })],
    ['a leave with a body', () => ({ ...base, kind: 'leave', body: { reason: 'x' } })],
    [
      'a removal with a negative upTo',
      () => ({ ...base, kind: 'remove', body: { member: base.author, reason: 'x', upTo: -1 } }),
    ],
    [
      'a genesis without a key commitment',
      () => ({
        ...circle.genesis,
        body: { ...circle.genesis.body, keyCommitment: undefined },
      }),
    ],
  ])('%s is invalid-content', (_name, make) => {
    expect(reasonOf(sealedJson(make()))).toBe('invalid-content');
  });

  it('a message with a content warning of each topic opens, its topic kept', () => {
    for (const topic of WARNING_TOPICS) {
      const warned = draftRecord(who(), 'message', { text: 'hard news', warning: { topic } });
      const opened = openRecord(
        sealRecord(warned, circle.keys.signSecretKey, circle.epoch.contentKey),
        circle.circleId,
        contentKeyMap([[circle.epoch.epoch, circle.epoch.contentKey]]),
      );
      expect(opened.ok && opened.record.kind === 'message' && opened.record.body.warning).toEqual({
        topic,
      });
    }
  });

  it('an unknown kind with a well-formed envelope opens as foreign, its kind and body kept', () => {
    const sealed = sealedJson({ ...base, kind: 'note', body: { any: 'thing' } });
    expect(reasonOf(sealed)).toBe('ok');
    const opened = openRecord(
      sealed,
      circle.circleId,
      contentKeyMap([[circle.epoch.epoch, circle.epoch.contentKey]]),
    );
    expect(opened.ok && opened.record).toMatchObject({
      kind: 'foreign',
      body: { kind: 'note', body: { any: 'thing' } },
    });
  });

  it('text of exactly MAX_MESSAGE_CHARS is accepted', () => {
    const long = draftRecord(who(), 'message', { text: 'y'.repeat(MAX_MESSAGE_CHARS) });
    expect(reasonOf(sealRecord(long, circle.keys.signSecretKey, circle.epoch.contentKey))).toBe(
      'ok',
    );
  });

  it('admit with a malformed member key is invalid-content', () => {
    const body = admitBodyFor(generateMemberKeys(), 'Bo', 'A'.repeat(16));
    expect(reasonOf(sealedJson(draftRecord(who(), 'admit', body)))).toBe('ok');
    const admit = draftRecord(who(), 'admit', { ...body, member: 'abc' });
    expect(reasonOf(sealedJson(admit))).toBe('invalid-content');
    const { knock: _knock, ...noKnock } = body;
    expect(reasonOf(sealedJson({ ...admit, body: noKnock }))).toBe('invalid-content');
  });

  it('a rekey with no lockbox, or more than MAX_LOCKBOXES, is invalid-content', () => {
    const rekey = draftRecord(
      who(),
      'rekey',
      draftRekeyBody(circle.circleId, base.id, generateEpochKeys(1), base.prev[0]!, [base.author]),
      base.ts,
      base.id,
    );
    expect(reasonOf(sealedJson(rekey))).toBe('ok');
    const box = rekey.body.lockboxes[0]!;
    for (const lockboxes of [[], Array(MAX_LOCKBOXES + 1).fill(box)])
      expect(reasonOf(sealedJson({ ...rekey, body: { ...rekey.body, lockboxes } }))).toBe(
        'invalid-content',
      );
  });
});

describe('size limits', () => {
  it('sealRecord throws RangeError for content too big to seal', () => {
    // Control characters are escaped by JSON (6 bytes each): within the character limit but too big.
    const text = '\u0001'.repeat(MAX_MESSAGE_CHARS);
    const msg = draftRecord(who(), 'message', { text });
    expect(() => sealRecord(msg, circle.keys.signSecretKey, circle.epoch.contentKey)).toThrow(
      RangeError,
    );
  });

  it('an envelope of exactly MAX_SEALED_RECORD_BYTES opens; one byte more is oversized', () => {
    const msg = draftRecord(who(), 'message', { text: 'padded' });
    const json = JSON.stringify(msg);
    // JSON allows trailing whitespace; the signature covers it, so the record stays valid.
    const padTo = (signedLength: number) =>
      signRaw(
        utf8(json + ' '.repeat(signedLength - 64 - utf8(json).length)),
        circle.keys.signSecretKey,
      );

    const fits = sealSigned(padTo(MAX_SEALED_RECORD_BYTES - OVERHEAD), 0, circle.epoch.contentKey);
    expect(fits.length).toBe(MAX_SEALED_RECORD_BYTES);
    expect(reasonOf(fits)).toBe('ok');

    const inner = padTo(MAX_SEALED_RECORD_BYTES - OVERHEAD + 1);
    expect(() => sealSigned(inner, 0, circle.epoch.contentKey)).toThrow(RangeError);
    const tooBig = sealByHand(inner, 0, circle.epoch.contentKey);
    expect(tooBig.length).toBe(MAX_SEALED_RECORD_BYTES + 1);
    expect(reasonOf(tooBig)).toBe('oversized');
  });

  it('oversized is decided before anything else (no key needed)', () => {
    expect(reasonOf(new Uint8Array(MAX_SEALED_RECORD_BYTES + 1), circle.circleId, new Map())).toBe(
      'oversized',
    );
    expect(reasonOf(new Uint8Array(10 * MAX_SEALED_RECORD_BYTES))).toBe('oversized');
  });
});

describe('circle binding', () => {
  it('a record for another circle, sealed with this circle’s key, is wrong-circle', () => {
    const otherCircleId = randomId();
    const msg = draftRecord(who(circle.keys, 0, otherCircleId), 'message', {
      text: 'replayed from elsewhere',
    });
    const sealed = sealRecord(msg, circle.keys.signSecretKey, circle.epoch.contentKey);
    expect(reasonOf(sealed)).toBe('wrong-circle');
    expect(reasonOf(sealed, otherCircleId)).toBe('ok');
  });

  it('the genesis of another circle is wrong-circle here', () => {
    const other = foundCircle({ name: 'Other', description: '', displayName: 'Zed' });
    const sealed = sealSigned(other.genesisSigned, 0, circle.epoch.contentKey);
    expect(reasonOf(sealed)).toBe('wrong-circle');
  });
});
