// Private reports (issue 17), as attacks: a report opens only with a current facilitator's key
// (never the subject's, a demoted facilitator's or a plain member's), nothing in the log says who
// wrote it or whom it is for, a note cannot be moved or forged, and only a facilitator the report
// went to can tell the reporter what became of it.
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src-shared/bytes';
import { BucketLog } from '../../src-shared/circle/bucket-log';
import { generateMemberKeys, inviteIdOf, type MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import {
  draftPrivateNote,
  openPrivateNote,
  type NoteDraft,
} from '../../src-shared/records/private-note';
import type { RecordOf } from '../../src-shared/records/schema';
import { sealRecord } from '../../src-shared/records/seal';
import { decodeShareCode } from '../../src-shared/share-code';
import { answerReport, sendReport } from '../../src-renderer/services/circles/circle-reports';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import {
  newCircles,
  recordsIn,
  remotePeer,
  sessionOf,
  settle,
  useCircleServices,
} from '../support/circle-services';
import { admitBodyFor, SimMember } from '../support/circle-sim';
import { sealBy } from '../support/sealed-writer';

useCircleServices();
beforeAll(loadSodium);

const notesIn = (s: CircleSession) =>
  recordsIn(s).filter((r): r is RecordOf<'private-note'> => r.kind === 'private-note');

/**
 * Ana's circle (her app is the session): Bo a member, Cy a facilitator, Dee a facilitator whose
 * role was taken back. Their records reach Ana's app as a peer's would.
 */
async function circleOfFour() {
  const circles = newCircles();
  const id = await circles.createCircle({ name: 'Reports', description: '', displayName: 'Ana' });
  const s = sessionOf(circles, id);
  const { token } = await circles.createInvite(id, {
    expiresIn: '1d',
    maxUses: 5,
    approval: 'facilitator',
  });
  const decoded = decodeShareCode(token);
  if (!decoded.ok) throw new Error('invite code does not decode');
  const inviteId = inviteIdOf(decoded.code.inviteSecret);
  const keys = { bo: generateMemberKeys(), cy: generateMemberKeys(), dee: generateMemberKeys() };
  for (const [name, k] of Object.entries(keys))
    s.append(s.draft('admit', admitBodyFor(k, name, inviteId)));
  const key = (k: MemberKeys) => toBase64Url(k.signPublicKey);
  s.append(s.draft('role', { member: key(keys.cy), role: 'facilitator', upTo: 0 }));
  s.append(s.draft('role', { member: key(keys.dee), role: 'facilitator', upTo: 0 }));
  s.append(s.draft('role', { member: key(keys.dee), role: 'member', upTo: 0 }));
  const bo = new SimMember(keys.bo, s.ledger.genesis).receive(recordsIn(s));
  const peer = remotePeer(s, 'peer');
  const fromPeer = async (sealed: Uint8Array) => {
    peer.log.append([sealed]);
    await settle(s);
  };
  const boSays = async (text: string) => {
    const record = bo.message(text);
    await fromPeer(sealBy(bo, record, s.currentEpoch().contentKey));
    return record;
  };
  const note = (writer: MemberKeys, to: MemberKeys[], draft: NoteDraft) => {
    const { circleId, epoch } = s.authoring();
    const d = draftPrivateNote(
      { circleId, epoch, ts: Date.now() },
      writer,
      to.map((k) => k.signPublicKey),
      draft,
    );
    return sealRecord(d.record, d.signSecretKey, s.currentEpoch().contentKey);
  };
  return { circles, id, s, keys, key, bo, boSays, fromPeer, note };
}

describe('a report', () => {
  it('opens only for the current facilitators and its writer, never the subject, a demoted facilitator or a member', async () => {
    const { s, keys, key, bo, boSays } = await circleOfFour();
    const m = await boSays('something unkind');
    await sendReport(s, { member: bo.key, message: m.id }, 'unkind', ' It hurt. ');
    const [carrier] = notesIn(s);
    expect(carrier).toBeDefined();
    const opened = (k: MemberKeys) => openPrivateNote(carrier!, k);
    const report = opened(keys.cy);
    expect(report).toMatchObject({
      type: 'report',
      author: s.myKey,
      to: [key(keys.cy)],
      about: { member: bo.key, message: m.id },
      concern: 'unkind',
      details: 'It hurt.',
    });
    expect(opened(s.secrets.keys)).toEqual(report);
    expect(opened(keys.bo)).toBeNull();
    expect(opened(keys.dee)).toBeNull();
    expect(opened(generateMemberKeys())).toBeNull();
    expect(s.view().reports.mine.map((r) => r.id)).toEqual([carrier!.id]);
    expect(s.view().reports.inbox).toEqual([]);
  });

  it('says nothing in the log about who wrote it or whom it is for', async () => {
    const { s, keys, key, bo, boSays } = await circleOfFour();
    await boSays('hello');
    const before = s.doc.store.clients.size;
    await sendReport(s, { member: bo.key, message: null }, 'other', 'A worry');
    const [carrier] = notesIn(s);
    const text = JSON.stringify(carrier);
    for (const k of [s.myKey, key(keys.cy), bo.key]) expect(text).not.toContain(k);
    expect(carrier).toMatchObject({ seq: 1, prev: [] });
    // Written by a Yjs client of its own, in a bucket of its own: not this device's.
    expect(s.doc.store.clients.size).toBe(before + 1);
    const buckets = s.doc.getMap<Y.Array<Uint8Array>>('buckets');
    const own = s.secrets.writerId;
    const noteBucket = [...buckets.keys()].find(
      (k) => !k.startsWith(`${own}:`) && !k.startsWith('peer:'),
    );
    expect(noteBucket).toBeDefined();
    const item = (buckets.get(noteBucket!) as Y.Array<Uint8Array>)._start!;
    expect(item.id.client).not.toBe(s.doc.clientID);
  });

  it('about a facilitator goes to the others, and is refused calmly when there are none', async () => {
    const { s, keys, key } = await circleOfFour();
    await expect(
      sendReport(s, { member: key(keys.cy), message: null }, 'unkind', ''),
    ).rejects.toThrow(/no other facilitator/);
    expect(notesIn(s)).toEqual([]);
    await expect(sendReport(s, { member: s.myKey, message: null }, 'other', '')).rejects.toThrow(
      /yourself/,
    );
    await expect(
      sendReport(s, { member: key(keys.bo), message: 'x'.repeat(22) }, 'other', ''),
    ).rejects.toThrow(/not in the circle/);
    // With Bo a facilitator too, a report about Cy goes to Bo, and Cy cannot read it.
    s.append(s.draft('role', { member: key(keys.bo), role: 'facilitator', upTo: 0 }));
    await sendReport(s, { member: key(keys.cy), message: null }, 'unkind', 'About Cy');
    const [carrier] = notesIn(s);
    expect(openPrivateNote(carrier!, keys.bo)).toMatchObject({ details: 'About Cy' });
    expect(openPrivateNote(carrier!, keys.cy)).toBeNull();
  });

  it("cannot be moved into another record, nor forged in a member's name", async () => {
    const { s, keys } = await circleOfFour();
    const { circleId, epoch } = s.authoring();
    const draft: NoteDraft = {
      type: 'report',
      to: [toBase64Url(keys.cy.signPublicKey)],
      about: { member: toBase64Url(keys.dee.signPublicKey), message: null },
      concern: 'other',
      details: '',
    };
    const real = draftPrivateNote(
      { circleId, epoch, ts: Date.now() },
      keys.bo,
      [keys.cy.signPublicKey],
      draft,
    );
    const other = draftPrivateNote(
      { circleId, epoch, ts: Date.now() },
      keys.bo,
      [keys.cy.signPublicKey],
      draft,
    );
    // The payload moved into another carrier, with that carrier's boxes: its binding fails.
    const moved = {
      ...other.record,
      body: { ...other.record.body, payload: real.record.body.payload },
    };
    expect(openPrivateNote(moved, keys.cy)).toBeNull();
    expect(openPrivateNote(real.record, keys.cy)).not.toBeNull();
    // Dee writes a report in Bo's name, signed with her own key: the signature fails.
    const forged = forgedNote(
      real.record,
      {
        ...draft,
        v: 1,
        circle: circleId,
        note: real.record.id,
        author: toBase64Url(keys.bo.signPublicKey),
        ts: Date.now(),
      },
      keys.dee,
      keys.cy,
    );
    expect(openPrivateNote(forged, keys.cy)).toBeNull();
    // The same note signed by its real writer opens: the test fails for the signature alone.
    const honest = forgedNote(
      real.record,
      {
        ...draft,
        v: 1,
        circle: circleId,
        note: real.record.id,
        author: toBase64Url(keys.dee.signPublicKey),
        ts: Date.now(),
      },
      keys.dee,
      keys.cy,
    );
    expect(openPrivateNote(honest, keys.cy)?.author).toBe(toBase64Url(keys.dee.signPublicKey));
  });
});

/** A carrier like `like` whose payload is `content` signed by `signer`, boxed to `to` (what a forger can build). */
function forgedNote(
  like: RecordOf<'private-note'>,
  content: object,
  signer: MemberKeys,
  to: MemberKeys,
): RecordOf<'private-note'> {
  const s = sodium();
  const bytes = new TextEncoder().encode(JSON.stringify(content));
  const signed = new Uint8Array([...s.crypto_sign_detached(bytes, signer.signSecretKey), ...bytes]);
  const key = s.randombytes_buf(32);
  const nonce = s.randombytes_buf(24);
  const ad = new TextEncoder().encode(`hearth/private-note/v1|${like.circle}|${like.id}`);
  const ct = s.crypto_aead_xchacha20poly1305_ietf_encrypt(signed, ad, null, nonce, key);
  const box = s.crypto_box_seal(key, s.crypto_sign_ed25519_pk_to_curve25519(to.signPublicKey));
  return {
    ...like,
    body: { payload: toBase64Url(new Uint8Array([...nonce, ...ct])), boxes: [toBase64Url(box)] },
  };
}

describe('the outcome', () => {
  it('reaches the reporter only from a facilitator the report went to, the latest one shown', async () => {
    const { s, keys, bo, boSays, fromPeer, note } = await circleOfFour();
    const m = await boSays('spam spam');
    await sendReport(s, { member: bo.key, message: m.id }, 'unwanted', '');
    const report = s.view().reports.mine[0]!;
    expect(report.outcome).toBeNull();
    // Bo (the subject, a member) and Dee (no longer a facilitator) try to close it.
    await fromPeer(
      note(keys.bo, [s.secrets.keys], { type: 'outcome', report: report.id, outcome: 'reviewed' }),
    );
    await fromPeer(
      note(keys.dee, [s.secrets.keys], { type: 'outcome', report: report.id, outcome: 'reviewed' }),
    );
    expect(s.view().reports.mine[0]!.outcome).toBeNull();
    await fromPeer(
      note(keys.cy, [s.secrets.keys], { type: 'outcome', report: report.id, outcome: 'acted' }),
    );
    expect(s.view().reports.mine[0]!.outcome).toMatchObject({ outcome: 'acted' });
  });

  it('is answered by a facilitator in the app, and a member cannot answer', async () => {
    const { s, keys, key, fromPeer, note } = await circleOfFour();
    // Cy reports Bo to the facilitators (Ana and Cy's own box); Ana's app answers it.
    await fromPeer(
      note(keys.cy, [s.secrets.keys], {
        type: 'report',
        to: [s.myKey],
        about: { member: key(keys.bo), message: null },
        concern: 'at-risk',
        details: 'Said goodbye in a worrying way',
      }),
    );
    const [inbox] = s.view().reports.inbox;
    expect(inbox).toMatchObject({ reporter: key(keys.cy), concern: 'at-risk' });
    await answerReport(s, inbox!.id, 'reviewed');
    expect(s.view().reports.inbox[0]!.outcome).toMatchObject({ outcome: 'reviewed', by: s.myKey });
    const answer = notesIn(s).find((n) => openPrivateNote(n, keys.cy)?.type === 'outcome');
    expect(answer).toBeDefined();
    expect(openPrivateNote(answer!, keys.bo)).toBeNull();
    await expect(answerReport(s, 'y'.repeat(22), 'acted')).rejects.toThrow(
      /not one you can answer/,
    );
  });
});

describe('a report from someone removed', () => {
  it('is not shown to the facilitators, though it opens', async () => {
    const { s, keys, key, fromPeer, note } = await circleOfFour();
    const draft: NoteDraft = {
      type: 'report',
      to: [s.myKey],
      about: { member: key(keys.cy), message: null },
      concern: 'unkind',
      details: 'Written after being removed',
    };
    s.append(s.draft('remove', { member: key(keys.bo), reason: 'Harassment', upTo: 0 }));
    await fromPeer(note(keys.bo, [s.secrets.keys], draft));
    const [carrier] = notesIn(s);
    expect(openPrivateNote(carrier!, s.secrets.keys)?.author).toBe(key(keys.bo));
    expect(s.view().reports.inbox).toEqual([]);
    // The same report from a member is shown: the test fails for the removal alone.
    await fromPeer(note(keys.dee, [s.secrets.keys], draft));
    expect(s.view().reports.inbox.map((r) => r.reporter)).toEqual([key(keys.dee)]);
  });
});

describe('BucketLog.appendUnlinked', () => {
  it('writes under a one-time client that a peer cannot tie to the writer', () => {
    const doc = new Y.Doc();
    const log = new BucketLog(doc, 'mine');
    log.append([new Uint8Array([1])]);
    log.appendUnlinked(new Uint8Array([2]));
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const clients = [...peer.store.clients.keys()];
    expect(clients).toHaveLength(2);
    const buckets = peer.getMap<Y.Array<Uint8Array>>('buckets');
    const keys = [...buckets.keys()];
    expect(keys).toContain('mine:0');
    const other = keys.find((k) => k !== 'mine:0')!;
    expect(other).toMatch(/^[A-Za-z0-9_-]{11}:0$/);
    expect((buckets.get(other) as Y.Array<Uint8Array>)._start!.id.client).not.toBe(doc.clientID);
  });
});
