// A delete means gone on this device (issue 19): after a member deletes a message, nothing this
// device holds has its text or its sealed record: not the ledger or view in memory, not the
// circle's Y.Doc (its state as a peer or the disk would get it), not a single value of any
// IndexedDB table (opened with the vault key), also after a lock and reopen. A sealed record
// cannot be searched for its plaintext, so the sealed record's own bytes are searched for too.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { utf8 } from '../../src-shared/bytes';
import { contentKeyMap, openRecord } from '../../src-shared/records/seal';
import type { Circles } from '../../src-renderer/services/circles/circles';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { deleteMessage, editMessage } from '../../src-renderer/services/circles/own-messages';
import { SimMember } from '../support/circle-sim';
import {
  db,
  includesBytes,
  newCircles,
  reopenAfterLock,
  recordsIn,
  remotePeer,
  sessionOf,
  settle,
  useCircleServices,
  vault,
  waitFor,
} from '../support/circle-services';
import { sealBy } from '../support/sealed-writer';

useCircleServices();

/** The sealed item of the log holding record `id`. */
function sealedOf(s: CircleSession, id: string): Uint8Array {
  const keys = contentKeyMap(s.secrets.epochs.map((e) => [e.epoch, e.contentKey] as const));
  const item = s.log.all().find((i) => {
    const r = openRecord(i, s.secrets.circleId, keys);
    return r.ok && r.record.id === id;
  });
  if (!(item instanceof Uint8Array)) throw new Error('record not in the log');
  return item.slice();
}

/** Every value of every table, opened with the vault key where it is sealed. */
async function everythingStored(localId: string): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const row of await db.updates.where('circle').equals(localId).toArray())
    out.push(row.enc, vault.open(row.enc, `updates:${localId}`));
  for (const row of await db.records.where('circle').equals(localId).toArray())
    out.push(row.enc, utf8(JSON.stringify(vault.openJson(row.enc, `records:${localId}`))));
  for (const row of await db.circles.toArray()) out.push(row.enc);
  return out;
}

/** Checks that neither the text nor the sealed record is anywhere on this device. */
async function goneEverywhere(circles: Circles, localId: string, text: string, sealed: Uint8Array) {
  const s = sessionOf(circles, localId);
  await s.persist();
  // The ciphertext's middle: no prefix shared with other records (header, epoch) can match it.
  const needle = sealed.subarray(40, 104);
  const plain = utf8(text);
  const docState = Y.encodeStateAsUpdate(s.doc);
  expect(includesBytes(docState, needle), 'sealed record in the Y.Doc').toBe(false);
  expect(includesBytes(docState, plain)).toBe(false);
  for (const value of await everythingStored(localId)) {
    expect(includesBytes(value, needle), 'sealed record in IndexedDB').toBe(false);
    expect(includesBytes(value, plain), 'text in IndexedDB').toBe(false);
  }
  expect(JSON.stringify(s.view().messages.slice())).not.toContain(text);
  expect(JSON.stringify(recordsIn(s))).not.toContain(text);
  expect(
    JSON.stringify([
      ...(s.ledger as unknown as { taken: { byKey: Map<string, unknown> } }).taken.byKey,
    ]),
  ).not.toContain(text);
}

describe('Deleting a message', () => {
  it('leaves neither its text nor its sealed record in memory, the Y.Doc or IndexedDB, also after a reopen', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Purge', description: '', displayName: 'Ana' });
    const s = sessionOf(circles, id);
    const text = 'I-SHOULD-NOT-HAVE-SAID-THIS-7f3a';
    await circles.sendMessage(id, 'before');
    await circles.sendMessage(id, text);
    await circles.sendMessage(id, 'after');
    const msg = s
      .view()
      .messages.slice()
      .find((m) => m.text === text)!;
    await circles.act(id, (x) => editMessage(x, msg.id, `${text} (edited)`));
    await s.persist();
    const sealed = sealedOf(s, msg.id);
    const editId = recordsIn(s).find((r) => r.kind === 'edit')!.id;
    const sealedEdit = sealedOf(s, editId);
    // Before the delete the stored document does hold it: the check below can fail.
    expect(
      (await everythingStored(id)).some((v) => includesBytes(v, sealed.subarray(40, 104))),
    ).toBe(true);

    await circles.act(id, (x) => deleteMessage(x, msg.id));
    await waitFor(
      () =>
        !s.log
          .all()
          .some((i) => i instanceof Uint8Array && includesBytes(i, sealed.subarray(40, 104))),
    );
    await s.persist();
    expect(s.view().messages.map((m) => (m.deleted ? '(deleted)' : m.text))).toEqual([
      'before',
      '(deleted)',
      'after',
    ]);
    await goneEverywhere(circles, id, text, sealed);
    await goneEverywhere(circles, id, text, sealedEdit);

    const again = await reopenAfterLock(circles);
    const view = again.circleView(id)!;
    expect(view.messages.map((m) => (m.deleted ? '(deleted)' : m.text))).toEqual([
      'before',
      '(deleted)',
      'after',
    ]);
    await goneEverywhere(again, id, text, sealed);
    // The tombstone keeps the sequence: the next record of ours takes the next number.
    const after = sessionOf(again, id);
    expect(after.ledger.seenUpTo(after.myKey)).toBe(after.ledger.nextSeq(after.myKey) - 1);
  });

  it('drops a deleted message that a peer sends again, and one whose delete came first', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Again', description: '', displayName: 'Ana' });
    const s = sessionOf(circles, id);
    // Ana's other device writes a message and deletes it; a hostile peer holds on to the message.
    const other = new SimMember(s.secrets.keys, s.ledger.genesis).receive(recordsIn(s));
    const key = s.currentEpoch().contentKey;
    const text = 'HELD-BY-A-HOSTILE-PEER-91c2';
    const m = other.message(text, Date.now());
    const d = other.write('delete', { target: m.id, at: m.ts });
    const sealedM = sealBy(other, m, key);
    const peer = remotePeer(s, 'peer');
    peer.log.append([sealBy(other, d, key)]); // the delete first
    await settle(s);
    peer.log.append([sealedM]);
    await settle(s);
    await waitFor(() => s.view().messages.length === 1);
    expect(s.view().messages.at(0)).toMatchObject({ id: m.id, deleted: true, text: '' });
    await goneEverywhere(circles, id, text, sealedM);
    // The same sealed record once more, under a new item: taken out again, never stored.
    const hostile = remotePeer(s, 'hostile');
    hostile.log.append([sealedM]);
    await settle(s);
    await waitFor(
      () =>
        !s.log
          .all()
          .some((i) => i instanceof Uint8Array && includesBytes(i, sealedM.subarray(40, 104))),
    );
    await goneEverywhere(circles, id, text, sealedM);
    expect(s.ledger.forkedAuthors.size).toBe(0);
  });
});
