// What a welcome must prove beyond its keys (docs/ARCHITECTURE.md "Joining"), tried as attacks:
// a removed member hands over only keys he still reads, a welcome reaches some other rekey than
// the one the share code pins, or lets the newcomer in with no admission, someone else's, or one
// by a plain member; and, as controls, every honest way a welcome is made still opens.
import { beforeAll, describe, expect, it } from 'vitest';
import { draftRecord, foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import {
  genesisFingerprintOf,
  makeKnock,
  openAnswer,
  openKnock,
  sealWelcome,
} from '../../src-shared/circle/lobby';
import { randomId, type EpochKeys, type MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { RecordContent, RecordOf } from '../../src-shared/records/schema';
import { sealRecord, signContent } from '../../src-shared/records/seal';
import type { EpochPin } from '../../src-shared/share-code';
import { newKeys, SimMember } from '../support/circle-sim';

beforeAll(loadSodium);

/** `r` as its author seals it, under the keys of its epoch among `keys`. */
const sealAs = (by: SimMember, r: RecordContent, keys: readonly EpochKeys[]) =>
  sealRecord(r, by.keys.signSecretKey, keys.find((k) => k.epoch === r.epoch)!.contentKey);

/** The pin a share code made now by `by` carries (circle-facilitation.ts). */
const pinNow = (by: SimMember): EpochPin => {
  const newest = by.ledger.epochs.at(-1);
  return newest
    ? { epoch: newest.epoch, hash: newest.hash }
    : { epoch: 0, hash: by.ledger.genesisHash };
};

/**
 * Founder F, co-facilitator Bo, plain members Pat and Xan; F removes Xan and starts epoch 1 (its
 * keys `e1`, its sealed rekey `rekey1`), then makes the invite Nia knocks on.
 */
function afterRemoval(
  c: FoundedCircle = foundCircle({ name: 'C', description: '', displayName: 'F' }),
) {
  const f = new SimMember(c.keys, c.genesis);
  const first = f.invite();
  const [bo, pat, xan] = [newKeys(), newKeys(), newKeys()].map((k) => new SimMember(k, c.genesis));
  const earlier = [first, f.admit(bo!.keys, first, 'Bo'), f.setRole(bo!, 'facilitator')];
  earlier.push(f.admit(pat!.keys, first, 'Pat'), f.admit(xan!.keys, first, 'Xan'));
  for (const m of [bo!, pat!, xan!]) m.receive(earlier);
  const promotion = sealAs(f, earlier[2]!, [c.epoch]);
  const removal = f.remove(xan!);
  const rekey = f.rekey();
  const keys = [c.epoch, f.madeKeys.get(rekey.id)!];
  const rekey1 = sealAs(f, rekey, keys);
  const invite = f.invite({ maxUses: 1 });
  // Bo and Pat follow to epoch 1, and write there; Xan does not.
  for (const m of [bo!, pat!]) m.receive([removal, rekey, invite]);
  const nia = newKeys();
  const { requestId, bytes } = makeKnock(nia, 'Nia', invite.body.inviteId);
  const knock = openKnock(bytes, invite.body.inviteId)!;
  const code = { genesisFingerprint: c.fingerprint, pin: pinNow(f) };
  const open = (answer: Uint8Array, pin: EpochPin | null = code.pin) =>
    openAnswer(answer, nia, requestId, { ...code, pin });
  const e1 = keys[1]!;
  return { c, f, bo: bo!, pat: pat!, keys, e1, rekey1, promotion, invite, nia, knock, open };
}

/** `by`'s admission of `who` on `invite`, sealed as `by` writes it now. */
function admissionBy(
  by: SimMember,
  who: MemberKeys,
  invite: RecordOf<'invite'>,
  keys: readonly EpochKeys[],
) {
  return sealAs(by, by.admit(who, invite, 'Nia'), keys);
}

const refused = (problem: string) => ({ ok: false, problem });

describe('the share code pins the newest rekey', () => {
  it('a removed member with a genuine admission but only the keys he reads is refused; honest welcomes open', () => {
    const { c, f, e1, rekey1, invite, nia, knock, open } = afterRemoval();
    // Suppose Xan even had F's admission of Nia, sealed under epoch 0: his welcome stops there.
    const admitted0 = sealAs(f, { ...f.admit(nia, invite, 'Nia'), epoch: 0 }, [c.epoch]);
    const stale = sealWelcome(knock, c.genesisSigned, [c.epoch], [admitted0]);
    expect(open(stale)).toEqual(refused('unproven-keys'));
    // What the pin closes: against a version-1 code (no pin: the genesis) the same welcome opens.
    expect(open(stale, null).ok).toBe(true);
    // F's own welcome reaches the pinned rekey and opens with both epochs.
    const honest = sealWelcome(knock, c.genesisSigned, [c.epoch, e1], [rekey1, admitted0]);
    const opened = open(honest);
    expect(opened.ok && opened.kind === 'welcome' && opened.welcome.epochs.length).toBe(2);
  });

  it('a chain that proves some other rekey than the pinned one is refused', () => {
    const { c, f, keys, rekey1, invite, nia, knock, open } = afterRemoval();
    const admitted = admissionBy(f, nia, invite, keys);
    const welcome = sealWelcome(knock, c.genesisSigned, keys, [rekey1, admitted]);
    expect(open(welcome).ok).toBe(true);
    const unknown = { epoch: 1, hash: randomId().slice(0, 22) };
    for (const pin of [unknown, { epoch: 2, hash: pinNow(f).hash }])
      expect(open(welcome, pin), JSON.stringify(pin)).toEqual(refused('unproven-keys'));
  });

  it('keys of a later epoch than the pin still open: the circle may have moved on since the invite', () => {
    const { c, f, keys, rekey1, invite, nia, knock, open } = afterRemoval();
    const rekey = f.rekey();
    const all = [...keys, f.madeKeys.get(rekey.id)!];
    const chain = [rekey1, sealAs(f, rekey, all), admissionBy(f, nia, invite, all)];
    const opened = open(sealWelcome(knock, c.genesisSigned, all, chain));
    expect(opened.ok && opened.kind === 'welcome' && opened.welcome.epochs.length).toBe(3);
  });
});

describe('the welcome carries the newcomer’s admission by a facilitator', () => {
  it('with no admission, or only someone else’s, a welcome with every key is refused', () => {
    const { c, f, keys, rekey1, invite, knock, open } = afterRemoval();
    expect(open(sealWelcome(knock, c.genesisSigned, keys, [rekey1]))).toEqual(
      refused('not-admitted'),
    );
    const other = admissionBy(f, newKeys(), invite, keys);
    expect(open(sealWelcome(knock, c.genesisSigned, keys, [rekey1], [other]))).toEqual(
      refused('not-admitted'),
    );
  });

  it('an admission by a plain member is refused where only facilitators let people in', () => {
    const { c, pat, keys, rekey1, invite, nia, knock, open } = afterRemoval();
    const byPat = admissionBy(pat, nia, invite, keys);
    expect(open(sealWelcome(knock, c.genesisSigned, keys, [rekey1, byPat]))).toEqual(
      refused('not-admitted'),
    );
  });

  it('an admission by a promoted co-facilitator opens, from the chain or from the head start', () => {
    const { c, bo, keys, rekey1, promotion, invite, nia, knock, open } = afterRemoval();
    const byBo = admissionBy(bo, nia, invite, keys);
    expect(open(sealWelcome(knock, c.genesisSigned, keys, [rekey1, promotion, byBo])).ok).toBe(
      true,
    );
    expect(open(sealWelcome(knock, c.genesisSigned, keys, [rekey1, promotion], [byBo])).ok).toBe(
      true,
    );
    // Without the promotion Bo is nobody the welcome proves.
    expect(open(sealWelcome(knock, c.genesisSigned, keys, [rekey1, byBo]))).toEqual(
      refused('not-admitted'),
    );
  });

  it('where members may invite, a plain member’s admission on an auto invite opens, on an approval invite not', () => {
    const founded = foundCircle({ name: 'Open', description: '', displayName: 'F' });
    const body = { ...founded.genesis.body, policy: { membersMayInvite: true } };
    const who = { circleId: founded.circleId, epoch: 0, keys: founded.keys, seq: 1, prev: [] };
    const genesis = draftRecord(who, 'genesis', body, founded.genesis.ts);
    const genesisSigned = signContent(genesis, founded.keys.signSecretKey);
    const c = {
      ...founded,
      genesis,
      genesisSigned,
      fingerprint: genesisFingerprintOf(genesisSigned),
    };
    const { f, pat, keys, rekey1, nia } = afterRemoval(c);
    const code = { genesisFingerprint: c.fingerprint, pin: pinNow(f) };
    for (const approval of ['auto', 'facilitator'] as const) {
      const inv = pat.invite({ approval });
      const { requestId, bytes } = makeKnock(nia, 'Nia', inv.body.inviteId);
      const knock = openKnock(bytes, inv.body.inviteId)!;
      const chain = [rekey1, sealAs(pat, inv, keys), admissionBy(pat, nia, inv, keys)];
      const welcome = sealWelcome(knock, genesisSigned, keys, chain);
      expect(openAnswer(welcome, nia, requestId, code), approval).toEqual(
        approval === 'auto' ? expect.objectContaining({ ok: true }) : refused('not-admitted'),
      );
    }
  });
});
