// Lockboxes as attacks: who can open a box (only its recipient), where it opens (only under the
// circle, epoch, recipient and rekey it was sealed for), what it may hold (only the committed
// keys) and what junk does to it (null, never a throw).
import { describe, it, expect, beforeAll } from 'vitest';
import { loadSodium } from '../../src-shared/crypto/sodium';
import {
  generateEpochKeys,
  generateMemberKeys,
  type EpochKeys,
  type MemberKeys,
} from '../../src-shared/crypto/keys';
import { fromBase64Url, toBase64Url } from '../../src-shared/bytes';
import {
  epochKeyCommitment,
  openLockbox,
  sealLockboxes,
  type LockboxBinding,
  type SealedLockboxes,
} from '../../src-shared/crypto/lockbox';

const pk = (m: MemberKeys): string => toBase64Url(m.signPublicKey);

let members: MemberKeys[];
let outsider: MemberKeys;
let keys: EpochKeys;
let commitment: string;
let sealed: SealedLockboxes;
const binding: LockboxBinding = { circleId: 'circle-A', epoch: 3, rekeyId: 'rekey-1' };
const { epoch: _epoch, ...sealBinding } = binding;

/** Member i's own box from `sealed`, as a rekey record would carry it. */
function boxOf(from: SealedLockboxes, m: MemberKeys): { ephemeral: string; box: string } {
  const entry = from.boxes.find((b) => b.to === pk(m));
  if (!entry) throw new Error('no box for this member');
  return { ephemeral: from.ephemeral, box: entry.box };
}

function flipByte(text: string, index: number): string {
  const bytes = fromBase64Url(text)!;
  bytes[index]! ^= 0x01;
  return toBase64Url(bytes);
}

beforeAll(async () => {
  await loadSodium();
  members = [generateMemberKeys(), generateMemberKeys(), generateMemberKeys()];
  outsider = generateMemberKeys();
  keys = generateEpochKeys(binding.epoch);
  commitment = epochKeyCommitment(keys);
  sealed = sealLockboxes(keys, members.map(pk), sealBinding);
});

describe('round trip', () => {
  it('every recipient opens its own box and gets exactly the committed keys', () => {
    expect(sealed.boxes.map((b) => b.to)).toEqual(members.map(pk));
    for (const m of members) {
      const opened = openLockbox(boxOf(sealed, m), m, binding, commitment);
      expect(opened).toEqual(keys);
    }
  });

  it('uses a fresh ephemeral key and fresh nonces on every call', () => {
    const again = sealLockboxes(keys, members.map(pk), sealBinding);
    expect(again.ephemeral).not.toBe(sealed.ephemeral);
    const nonces = [...sealed.boxes, ...again.boxes].map((b) => b.box.slice(0, 32));
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe('who can open a box', () => {
  it('a non-recipient cannot open anyone’s box, under its own name or the recipient’s', () => {
    for (const m of members) {
      expect(openLockbox(boxOf(sealed, m), outsider, binding, commitment)).toBeNull();
      const posing = { signPublicKey: m.signPublicKey, signSecretKey: outsider.signSecretKey };
      expect(openLockbox(boxOf(sealed, m), posing, binding, commitment)).toBeNull();
    }
  });

  it('a recipient cannot open another recipient’s box', () => {
    const [a, b] = members as [MemberKeys, MemberKeys];
    expect(openLockbox(boxOf(sealed, a), b, binding, commitment)).toBeNull();
  });
});

describe('a box moved elsewhere does not open', () => {
  const moved = [
    ['another circle', { ...binding, circleId: 'circle-B' }],
    ['another epoch', { ...binding, epoch: binding.epoch + 1 }],
    ['another rekey', { ...binding, rekeyId: 'rekey-2' }],
    ['a circle id that shifts the separator', { ...binding, circleId: 'circle-A|3' }],
  ] as const;
  it.each(moved)('to %s', (_name, elsewhere) => {
    const m = members[0]!;
    // The commitment is recomputed for the moved epoch, so only the binding can stop it.
    const c = epochKeyCommitment({ ...keys, epoch: elsewhere.epoch });
    expect(openLockbox(boxOf(sealed, m), m, elsewhere, c)).toBeNull();
  });

  it('to another recipient: a’s box relabelled as b’s entry', () => {
    const [a, b] = members as [MemberKeys, MemberKeys];
    const relabelled = sealed.boxes.map((e) => (e.to === pk(a) ? { ...e, to: pk(b) } : e));
    const entry = relabelled.find((e) => e.to === pk(b))!;
    expect(entry.box).toBe(boxOf(sealed, a).box);
    expect(
      openLockbox({ ephemeral: sealed.ephemeral, box: entry.box }, b, binding, commitment),
    ).toBeNull();
  });
});

describe('a facilitator cannot hand one member different keys', () => {
  it('the member whose box holds keys that do not match the commitment gets null', () => {
    const [a, b, c] = members as [MemberKeys, MemberKeys, MemberKeys];
    const honest = sealLockboxes(keys, [pk(a), pk(b)], sealBinding);
    const forked = sealLockboxes(generateEpochKeys(binding.epoch), [pk(c)], sealBinding);
    expect(openLockbox(boxOf(honest, a), a, binding, commitment)).toEqual(keys);
    expect(openLockbox(boxOf(forked, c), c, binding, commitment)).toBeNull();
    // Same room secret, other content key: still caught.
    const half = sealLockboxes(
      { ...keys, contentKey: generateEpochKeys(0).contentKey },
      [pk(c)],
      sealBinding,
    );
    expect(openLockbox(boxOf(half, c), c, binding, commitment)).toBeNull();
  });
});

describe('tampering', () => {
  it('a tampered ephemeral key gives null', () => {
    const m = members[1]!;
    const box = boxOf(sealed, m);
    for (const i of [0, 15, 31]) {
      expect(
        openLockbox({ ...box, ephemeral: flipByte(box.ephemeral, i) }, m, binding, commitment),
      ).toBeNull();
    }
    // Another member's ephemeral key, and a low-order point (all zeros) libsodium refuses.
    const other = sealLockboxes(keys, [pk(m)], sealBinding);
    expect(openLockbox({ ...box, ephemeral: other.ephemeral }, m, binding, commitment)).toBeNull();
    const zero = toBase64Url(new Uint8Array(32));
    expect(openLockbox({ ...box, ephemeral: zero }, m, binding, commitment)).toBeNull();
  });

  it('a flipped bit anywhere in the box (nonce, ciphertext, tag) gives null', () => {
    const m = members[2]!;
    const box = boxOf(sealed, m);
    const length = fromBase64Url(box.box)!.length;
    for (let i = 0; i < length; i++) {
      expect(openLockbox({ ...box, box: flipByte(box.box, i) }, m, binding, commitment)).toBeNull();
    }
  });

  it('a truncated or extended box gives null', () => {
    const m = members[0]!;
    const box = boxOf(sealed, m);
    const bytes = fromBase64Url(box.box)!;
    for (const cut of [bytes.subarray(0, bytes.length - 1), new Uint8Array([...bytes, 0])]) {
      expect(openLockbox({ ...box, box: toBase64Url(cut) }, m, binding, commitment)).toBeNull();
    }
  });
});

describe('garbage gives null and never throws', () => {
  const m = (): MemberKeys => members[0]!;
  const good = (): { ephemeral: string; box: string } => boxOf(sealed, m());
  const junk: unknown[] = [
    '',
    'not base64!',
    '====',
    'A',
    'x'.repeat(5_000_000),
    null,
    undefined,
    42,
    {},
    [],
  ];

  it('in the box, the ephemeral key and the commitment', () => {
    for (const j of junk) {
      const s = j as string;
      expect(openLockbox({ ...good(), box: s }, m(), binding, commitment)).toBeNull();
      expect(openLockbox({ ...good(), ephemeral: s }, m(), binding, commitment)).toBeNull();
      expect(openLockbox(good(), m(), binding, s)).toBeNull();
    }
    for (const j of [null, undefined, 'box', 7]) {
      expect(openLockbox(j as never, m(), binding, commitment)).toBeNull();
    }
  });

  it('in my own keys and in the binding', () => {
    const badKeys = [
      null,
      {},
      { signPublicKey: new Uint8Array(32), signSecretKey: new Uint8Array(3) },
      { signPublicKey: 'x', signSecretKey: 'y' },
    ];
    for (const k of badKeys)
      expect(openLockbox(good(), k as never, binding, commitment)).toBeNull();
    const badBindings = [
      null,
      { ...binding, epoch: -1 },
      { ...binding, epoch: 1.5 },
      { ...binding, epoch: 2 ** 32 },
      { ...binding, epoch: '3' },
      { ...binding, circleId: 3 },
    ];
    for (const b of badBindings)
      expect(openLockbox(good(), m(), b as never, commitment)).toBeNull();
  });
});

describe('sealing refuses bad recipients', () => {
  it('throws RangeError on a key that is not a valid 32-byte Ed25519 public key', () => {
    const bad = [
      '',
      'not base64!',
      toBase64Url(new Uint8Array(31)),
      toBase64Url(new Uint8Array(33)),
      // 32 bytes of 0xff: the y-coordinate is not below the field prime, so not a point.
      toBase64Url(new Uint8Array(32).fill(0xff)),
    ];
    for (const r of bad) {
      expect(() => sealLockboxes(keys, [pk(members[0]!), r], sealBinding)).toThrow(RangeError);
    }
  });

  it('throws RangeError on a repeated recipient or malformed epoch keys', () => {
    expect(() => sealLockboxes(keys, [pk(members[0]!), pk(members[0]!)], sealBinding)).toThrow(
      RangeError,
    );
    expect(() => sealLockboxes({ ...keys, epoch: -1 }, [pk(members[0]!)], sealBinding)).toThrow(
      RangeError,
    );
    expect(() =>
      sealLockboxes({ ...keys, contentKey: new Uint8Array(16) }, [pk(members[0]!)], sealBinding),
    ).toThrow(RangeError);
  });
});

describe('epochKeyCommitment', () => {
  it('is 32 bytes, deterministic, and changes when any of epoch, room secret or content key changes', () => {
    expect(fromBase64Url(commitment)!.length).toBe(32);
    expect(epochKeyCommitment({ ...keys, roomSecret: keys.roomSecret.slice() })).toBe(commitment);
    const flipped = (b: Uint8Array, i: number): Uint8Array => {
      const out = b.slice();
      out[i]! ^= 0x80;
      return out;
    };
    const variants: EpochKeys[] = [
      { ...keys, epoch: keys.epoch + 1 },
      { ...keys, epoch: 0 },
      { ...keys, roomSecret: flipped(keys.roomSecret, 0) },
      { ...keys, roomSecret: flipped(keys.roomSecret, 31) },
      { ...keys, contentKey: flipped(keys.contentKey, 0) },
      { ...keys, contentKey: flipped(keys.contentKey, 31) },
      // Swapping the two secrets must not give the same commitment.
      { ...keys, roomSecret: keys.contentKey, contentKey: keys.roomSecret },
    ];
    const all = variants.map(epochKeyCommitment);
    expect(new Set([commitment, ...all]).size).toBe(all.length + 1);
  });
});

describe('cost', () => {
  it('seals 20 boxes and opens one (times printed, not asserted)', () => {
    const twenty = Array.from({ length: 20 }, generateMemberKeys);
    const runs = 5;
    const seal: number[] = [];
    const open: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const s = sealLockboxes(keys, twenty.map(pk), sealBinding);
      const t1 = performance.now();
      const opened = openLockbox(boxOf(s, twenty[7]!), twenty[7]!, binding, commitment);
      const t2 = performance.now();
      expect(opened).toEqual(keys);
      seal.push(t1 - t0);
      open.push(t2 - t1);
    }
    const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
    console.log(`sealLockboxes x20 ms: ${fmt(seal)}; openLockbox ms: ${fmt(open)}`);
  });
});
