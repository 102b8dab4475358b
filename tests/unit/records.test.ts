import { describe, it, expect, beforeAll } from 'vitest';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import {
  generateEpochKeys,
  generateMemberKeys,
  randomId,
  type MemberKeys,
} from '../../src-shared/crypto/keys';
import { toBase64Url, utf8 } from '../../src-shared/bytes';
import {
  draftRecord,
  foundCircle,
  draftInvite,
  type FoundedCircle,
} from '../../src-shared/circle/founding';
import { genesisFingerprintOf } from '../../src-shared/circle/lobby';
import {
  MAX_MESSAGE_CHARS,
  MAX_SEALED_RECORD_BYTES,
  type RecordContent,
} from '../../src-shared/records/schema';
import {
  ENVELOPE_VERSION,
  envelopeEpoch,
  envelopeKey,
  openRecord,
  sealRecord,
  sealSigned,
  signContent,
  verifySigned,
} from '../../src-shared/records/seal';

const HEADER = 5;
const NONCE = 24;
const TAG = 16;
const OVERHEAD = HEADER + NONCE + TAG;

let circle: FoundedCircle;
let keys: Map<number, Uint8Array>;

beforeAll(async () => {
  await loadSodium();
  circle = foundCircle(
    { name: 'Tuesday circle', description: 'A place to talk', displayName: 'Ana' },
    1_700_000_000_000,
  );
  keys = new Map([[0, circle.epoch.contentKey]]);
});

const who = (k: MemberKeys = circle.keys, epoch = 0, circleId = circle.circleId) => ({
  circleId,
  epoch,
  keys: k,
});

/** signature || exact bytes, signed with `secretKey` (which need not match the author field). */
function signRaw(bytes: Uint8Array, secretKey: Uint8Array): Uint8Array {
  const sig = sodium().crypto_sign_detached(bytes, secretKey);
  const out = new Uint8Array(64 + bytes.length);
  out.set(sig);
  out.set(bytes, 64);
  return out;
}

const signJson = (value: unknown, secretKey = circle.keys.signSecretKey) =>
  signRaw(utf8(JSON.stringify(value)), secretKey);

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

function reasonOf(
  sealed: unknown,
  circleId = circle.circleId,
  contentKeys: ReadonlyMap<number, Uint8Array> = keys,
) {
  const r = openRecord(sealed, circleId, contentKeys);
  return r.ok ? 'ok' : r.reason;
}

describe('sign-then-encrypt round trip', () => {
  it('opens what sealRecord sealed, with the exact content and signed bytes', () => {
    const msg = draftRecord(who(), 'message', { text: 'Hello, circle 🌱' }, 1_700_000_000_500);
    const sealed = sealRecord(msg, circle.keys.signSecretKey, circle.epoch.contentKey);
    expect(sealed[0]).toBe(ENVELOPE_VERSION);
    expect(envelopeEpoch(sealed)).toBe(0);
    const opened = openRecord(sealed, circle.circleId, keys);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.record).toEqual(msg);
    expect(opened.nonceKey).toBe(envelopeKey(sealed));
    expect(opened.nonceKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // A forged copy that reuses the real nonce with other ciphertext gets a different key,
    // so it cannot mark the real record as already judged.
    const forged = sealed.slice();
    forged[forged.length - 1]! ^= 1;
    expect(envelopeKey(forged)).not.toBe(envelopeKey(sealed));
    expect(forged.subarray(HEADER, HEADER + NONCE)).toEqual(
      sealed.subarray(HEADER, HEADER + NONCE),
    );
    // The signed bytes are signature || the JSON that was signed.
    expect(opened.signed.length).toBe(sealed.length - HEADER - NONCE - TAG);
    expect(new TextDecoder().decode(opened.signed.subarray(64))).toBe(JSON.stringify(msg));
    expect(
      sodium().crypto_sign_verify_detached(
        opened.signed.subarray(0, 64),
        opened.signed.subarray(64),
        circle.keys.signPublicKey,
      ),
    ).toBe(true);
  });

  it('uses a fresh nonce each time, so the same record seals differently', () => {
    const msg = draftRecord(who(), 'message', { text: 'same' });
    const a = sealRecord(msg, circle.keys.signSecretKey, circle.epoch.contentKey);
    const b = sealRecord(msg, circle.keys.signSecretKey, circle.epoch.contentKey);
    expect(toBase64Url(a)).not.toBe(toBase64Url(b));
    expect(envelopeKey(a)).not.toBe(envelopeKey(b));
  });

  it('round trips every record kind, including the genesis from foundCircle', () => {
    expect(circle.genesis.kind).toBe('genesis');
    expect(circle.genesis.author).toBe(toBase64Url(circle.keys.signPublicKey));
    expect(circle.genesis.body).toEqual({
      name: 'Tuesday circle',
      description: 'A place to talk',
      displayName: 'Ana',
      policy: { membersMayAdmit: true },
    });
    expect(toBase64Url(circle.fingerprint)).toBe(
      toBase64Url(genesisFingerprintOf(circle.genesisSigned)),
    );
    const v = verifySigned(circle.genesisSigned);
    expect(v.ok && v.record).toEqual(circle.genesis);

    const genesisSealed = sealSigned(circle.genesisSigned, 0, circle.epoch.contentKey);
    const g = openRecord(genesisSealed, circle.circleId, keys);
    expect(g.ok && g.record).toEqual(circle.genesis);

    const newcomer = generateMemberKeys();
    const invite = draftRecord(who(), 'invite', draftInvite({ maxUses: 3 }).body);
    const admit = draftRecord(who(), 'admit', {
      member: toBase64Url(newcomer.signPublicKey),
      displayName: 'Bo',
      inviteId: invite.body.inviteId,
    });
    for (const record of [invite, admit] as RecordContent[]) {
      const opened = openRecord(
        sealRecord(record, circle.keys.signSecretKey, circle.epoch.contentKey),
        circle.circleId,
        keys,
      );
      expect(opened.ok && opened.record).toEqual(record);
    }
  });

  it('opens records of the right epoch when several epochs are known', () => {
    const e1 = generateEpochKeys(1);
    const both = new Map([
      [0, circle.epoch.contentKey],
      [1, e1.contentKey],
    ]);
    const m0 = draftRecord(who(), 'message', { text: 'epoch zero' });
    const m1 = draftRecord(who(circle.keys, 1), 'message', { text: 'epoch one' });
    const s0 = sealRecord(m0, circle.keys.signSecretKey, circle.epoch.contentKey);
    const s1 = sealRecord(m1, circle.keys.signSecretKey, e1.contentKey);
    expect(envelopeEpoch(s1)).toBe(1);
    expect(openRecord(s0, circle.circleId, both)).toMatchObject({
      ok: true,
      record: { epoch: 0, body: { text: 'epoch zero' } },
    });
    expect(openRecord(s1, circle.circleId, both)).toMatchObject({
      ok: true,
      record: { epoch: 1, body: { text: 'epoch one' } },
    });
    // A removed member who only has epoch 0 cannot read epoch 1.
    expect(reasonOf(s1, circle.circleId, new Map([[0, circle.epoch.contentKey]]))).toBe(
      'unknown-epoch',
    );
  });
});

describe('tamper detection', () => {
  let sealed: Uint8Array;
  beforeAll(() => {
    sealed = sealRecord(
      draftRecord(who(), 'message', { text: 'do not touch' }),
      circle.keys.signSecretKey,
      circle.epoch.contentKey,
    );
  });
  const flipped = (at: number, mask = 0x01) => {
    const copy = sealed.slice();
    copy[at]! ^= mask;
    return copy;
  };

  it('the untouched envelope opens (control)', () => {
    expect(reasonOf(sealed)).toBe('ok');
  });

  it('a changed version byte is malformed', () => {
    expect(reasonOf(flipped(0))).toBe('malformed');
  });

  it('a changed epoch in the header is rejected', () => {
    // Epoch 0 -> 1, with no key for epoch 1.
    expect(reasonOf(flipped(4))).toBe('unknown-epoch');
    expect(reasonOf(flipped(1, 0x80))).toBe('unknown-epoch');
    // Even when epoch 1 has the SAME key, the header is authenticated data: the swap is detected.
    const sameKey = new Map([
      [0, circle.epoch.contentKey],
      [1, circle.epoch.contentKey],
    ]);
    expect(envelopeEpoch(flipped(4))).toBe(1);
    expect(reasonOf(flipped(4), circle.circleId, sameKey)).toBe('undecryptable');
  });

  it('a record whose signed epoch differs from its envelope epoch is refused', () => {
    // Validly sealed under epoch 1's key, but the signed content says epoch 0.
    const e1 = generateEpochKeys(1);
    const inner = signContent(
      draftRecord(who(), 'message', { text: 'moved' }),
      circle.keys.signSecretKey,
    );
    const moved = sealSigned(inner, 1, e1.contentKey);
    expect(
      reasonOf(
        moved,
        circle.circleId,
        new Map([
          [0, circle.epoch.contentKey],
          [1, e1.contentKey],
        ]),
      ),
    ).toBe('unknown-epoch');
  });

  it('every flipped bit in nonce, ciphertext and tag makes it undecryptable', () => {
    const nonceAt = [HEADER, HEADER + 11, HEADER + NONCE - 1];
    const ctAt = [HEADER + NONCE, HEADER + NONCE + 70, sealed.length - TAG - 1];
    const tagAt = [sealed.length - TAG, sealed.length - 1];
    for (const at of [...nonceAt, ...ctAt, ...tagAt]) {
      for (const mask of [0x01, 0x80])
        expect(reasonOf(flipped(at, mask)), `byte ${at} mask ${mask}`).toBe('undecryptable');
    }
  });

  it('every single byte position is protected', () => {
    for (let at = 0; at < sealed.length; at++)
      expect(reasonOf(flipped(at)), `byte ${at}`).not.toBe('ok');
  });

  it('truncated or extended envelopes are refused', () => {
    expect(reasonOf(sealed.subarray(0, sealed.length - 1))).toBe('undecryptable');
    expect(reasonOf(sealed.subarray(0, OVERHEAD - 1))).toBe('malformed');
    expect(reasonOf(sealed.subarray(0, 4))).toBe('malformed');
    expect(reasonOf(new Uint8Array(0))).toBe('malformed');
    const longer = new Uint8Array(sealed.length + 1);
    longer.set(sealed);
    expect(reasonOf(longer)).toBe('undecryptable');
  });

  it('a wrong content key is undecryptable', () => {
    expect(reasonOf(sealed, circle.circleId, new Map([[0, generateEpochKeys(0).contentKey]]))).toBe(
      'undecryptable',
    );
  });

  it('an unknown epoch is reported as such', () => {
    expect(reasonOf(sealed, circle.circleId, new Map())).toBe('unknown-epoch');
    expect(reasonOf(sealed, circle.circleId, new Map([[1, circle.epoch.contentKey]]))).toBe(
      'unknown-epoch',
    );
  });
});

describe('signatures', () => {
  it('a record signed by key A but naming key B as author is a bad signature', () => {
    const a = generateMemberKeys();
    const b = generateMemberKeys();
    const forged = draftRecord(who(b), 'message', { text: 'I am B, honest' });
    expect(forged.author).toBe(toBase64Url(b.signPublicKey));
    const sealed = sealRecord(forged, a.signSecretKey, circle.epoch.contentKey);
    expect(reasonOf(sealed)).toBe('bad-signature');
    // Control: signed by B it opens.
    expect(reasonOf(sealRecord(forged, b.signSecretKey, circle.epoch.contentKey))).toBe('ok');
  });

  it('a changed signature byte or changed signed content is a bad signature', () => {
    const msg = draftRecord(who(), 'message', { text: 'original' });
    const signed = signContent(msg, circle.keys.signSecretKey);
    const badSig = signed.slice();
    badSig[10]! ^= 1;
    expect(reasonOf(sealSigned(badSig, 0, circle.epoch.contentKey))).toBe('bad-signature');
    // Same signature on different (still valid) content.
    const altered = signRaw(
      utf8(JSON.stringify({ ...msg, body: { text: 'altered' } })),
      circle.keys.signSecretKey,
    );
    altered.set(signed.subarray(0, 64));
    expect(reasonOf(sealSigned(altered, 0, circle.epoch.contentKey))).toBe('bad-signature');
  });

  it('the signature covers the exact bytes: re-serialised JSON with the old signature fails', () => {
    const msg = draftRecord(who(), 'message', { text: 'spacing' });
    const signed = signContent(msg, circle.keys.signSecretKey);
    const pretty = utf8(JSON.stringify(msg, null, 1));
    const inner = new Uint8Array(64 + pretty.length);
    inner.set(signed.subarray(0, 64));
    inner.set(pretty, 64);
    expect(reasonOf(sealSigned(inner, 0, circle.epoch.contentKey))).toBe('bad-signature');
  });

  it('a non-canonical base64url author key is refused without throwing', () => {
    const msg = draftRecord(who(), 'message', { text: 'sneaky' });
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = msg.author[msg.author.length - 1]!;
    // 43 chars carry 258 bits for a 256-bit key: flipping a spare bit keeps the schema happy.
    const author = msg.author.slice(0, -1) + B64[B64.indexOf(last) ^ 1];
    const inner = signJson({ ...msg, author });
    let result: unknown;
    expect(
      () =>
        (result = openRecord(sealSigned(inner, 0, circle.epoch.contentKey), circle.circleId, keys)),
    ).not.toThrow();
    expect(result).toEqual({ ok: false, reason: 'invalid-content' });
    expect(verifySigned(inner)).toEqual({ ok: false, reason: 'invalid-content' });
  });
});

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
    ['too-long text', () => ({ ...base, body: { text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) } })],
    ['empty text', () => ({ ...base, body: { text: '' } })],
    ['unknown kind', () => ({ ...base, kind: 'note' })],
    ['genesis kind with a message body', () => ({ ...base, kind: 'genesis' })],
    ['bad id', () => ({ ...base, id: 'short' })],
    ['id with bad characters', () => ({ ...base, id: '+'.repeat(22) })],
    ['wrong version', () => ({ ...base, v: 2 })],
    ['fractional ts', () => ({ ...base, ts: 1.5 })],
    ['negative epoch', () => ({ ...base, epoch: -1 })],
    ['missing author', () => ({ ...base, author: undefined })],
    ['bad circle id', () => ({ ...base, circle: 'x' })],
  ])('%s is invalid-content', (_name, make) => {
    expect(reasonOf(sealedJson(make()))).toBe('invalid-content');
  });

  it('text of exactly MAX_MESSAGE_CHARS is accepted', () => {
    const long = draftRecord(who(), 'message', { text: 'y'.repeat(MAX_MESSAGE_CHARS) });
    expect(reasonOf(sealRecord(long, circle.keys.signSecretKey, circle.epoch.contentKey))).toBe(
      'ok',
    );
  });

  it('admit with a malformed member key is invalid-content', () => {
    const admit = draftRecord(who(), 'admit', {
      member: 'abc',
      displayName: 'Bo',
      inviteId: 'A'.repeat(16),
    });
    expect(reasonOf(sealedJson(admit))).toBe('invalid-content');
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
