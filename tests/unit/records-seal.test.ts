// Sealing records: the sign-then-encrypt round trip, and the attacks on an envelope (flipped
// bits, moved epochs, wrong keys) and on its signature (another signer, altered or re-serialised
// content). What a well-sealed record may contain is in records-content.test.ts.
import { describe, it, expect, beforeAll } from 'vitest';
import { sodium } from '../../src-shared/crypto/sodium';
import { generateEpochKeys, generateMemberKeys } from '../../src-shared/crypto/keys';
import { toBase64Url, utf8 } from '../../src-shared/bytes';
import { draftInvite, draftRecord, draftRekeyBody } from '../../src-shared/circle/founding';
import { epochKeyCommitment } from '../../src-shared/crypto/lockbox';
import { genesisFingerprintOf } from '../../src-shared/circle/lobby';
import type { RecordContent } from '../../src-shared/records/schema';
import { admitBodyFor } from '../support/circle-sim';
import {
  contentKeyMap,
  ENVELOPE_VERSION,
  envelopeEpoch,
  envelopeKey,
  openRecord,
  sealRecord,
  sealSigned,
  signContent,
  verifySigned,
} from '../../src-shared/records/seal';
import {
  circle,
  HEADER,
  keys,
  NONCE,
  OVERHEAD,
  reasonOf,
  setUpRecordCircle,
  signJson,
  signRaw,
  TAG,
  who,
} from '../support/sealed-records';

beforeAll(setUpRecordCircle);

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
      policy: { membersMayInvite: false },
      keyCommitment: epochKeyCommitment(circle.epoch),
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
    const invite = draftRecord(
      who(),
      'invite',
      draftInvite({ expiresAt: null, maxUses: 3, approval: 'facilitator' }).body,
    );
    const admit = draftRecord(who(), 'admit', admitBodyFor(newcomer, 'Bo', invite.body.inviteId));
    const others: RecordContent[] = [
      draftRecord(who(), 'revoke', { inviteId: invite.body.inviteId }),
      draftRecord(who(), 'role', { member: admit.body.member, role: 'facilitator', upTo: 0 }),
      draftRecord(who(), 'remove', { member: admit.body.member, reason: 'Spam', upTo: 3 }),
      draftRecord(who(), 'leave', {}),
      draftRecord(who(), 'rename', { displayName: 'Ana M.' }),
      draftRecord(
        who(),
        'rekey',
        draftRekeyBody(circle.circleId, 'R'.repeat(22), generateEpochKeys(1), 'H'.repeat(22), [
          circle.genesis.author,
        ]),
        Date.now(),
        'R'.repeat(22),
      ),
    ];
    for (const record of [invite, admit, ...others]) {
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
      [0, [circle.epoch.contentKey]],
      [1, [e1.contentKey]],
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
    expect(reasonOf(s1, circle.circleId, new Map([[0, [circle.epoch.contentKey]]]))).toBe(
      'unknown-epoch',
    );
  });
  it('an epoch with two keys (concurrent rekeys) opens records sealed under either', () => {
    const [a, b] = [generateEpochKeys(1), generateEpochKeys(1)];
    const both = contentKeyMap([
      [0, circle.epoch.contentKey],
      [1, a.contentKey],
      [1, b.contentKey],
    ]);
    for (const k of [a, b]) {
      const m = draftRecord(who(circle.keys, 1), 'message', { text: 'either' });
      expect(
        reasonOf(sealRecord(m, circle.keys.signSecretKey, k.contentKey), circle.circleId, both),
      ).toBe('ok');
    }
    const third = generateEpochKeys(1);
    const m = draftRecord(who(circle.keys, 1), 'message', { text: 'neither' });
    expect(
      reasonOf(sealRecord(m, circle.keys.signSecretKey, third.contentKey), circle.circleId, both),
    ).toBe('undecryptable');
  });

  it("attack: an admission whose name or invite is not the newcomer's own knock is a bad signature", () => {
    const newcomer = generateMemberKeys();
    const inviteId = draftInvite({ expiresAt: null, maxUses: 1, approval: 'auto' }).body.inviteId;
    const body = admitBodyFor(newcomer, 'Bo', inviteId);
    const seal = (b: typeof body) =>
      sealRecord(
        draftRecord(who(), 'admit', b),
        circle.keys.signSecretKey,
        circle.epoch.contentKey,
      );
    expect(reasonOf(seal(body))).toBe('ok');
    expect(reasonOf(seal({ ...body, displayName: 'Mallory' }))).toBe('bad-signature');
    expect(reasonOf(seal({ ...body, inviteId: 'A'.repeat(16) }))).toBe('bad-signature');
    expect(reasonOf(seal({ ...body, knock: { ...body.knock, ts: body.knock.ts + 1 } }))).toBe(
      'bad-signature',
    );
    const other = generateMemberKeys();
    expect(reasonOf(seal({ ...body, member: toBase64Url(other.signPublicKey) }))).toBe(
      'bad-signature',
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
      [0, [circle.epoch.contentKey]],
      [1, [circle.epoch.contentKey]],
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
          [0, [circle.epoch.contentKey]],
          [1, [e1.contentKey]],
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
    expect(
      reasonOf(sealed, circle.circleId, new Map([[0, [generateEpochKeys(0).contentKey]]])),
    ).toBe('undecryptable');
  });

  it('an unknown epoch is reported as such', () => {
    expect(reasonOf(sealed, circle.circleId, new Map())).toBe('unknown-epoch');
    expect(reasonOf(sealed, circle.circleId, new Map([[1, [circle.epoch.contentKey]]]))).toBe(
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
