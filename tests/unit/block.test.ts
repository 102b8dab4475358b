// Blocking a member on this device only (issue 17, "block and mute, locally"). Written as the
// attacks it must withstand: someone with the laptop reading the database for who was blocked,
// a stored circle from before blocking, a disk that refuses the write, a block that leaks to
// the circle (a record, a change to the shared document), and a blocked member's messages
// pulling the person back through unread counts or notifications.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64Url, toBase64Url, utf8 } from '../../src-shared/bytes';
import { ListSnapshot } from '../../src-shared/list-snapshot';
import {
  BLOCK_NOT_SAVED,
  BlockedMembers,
  checkBlockable,
} from '../../src-renderer/services/circles/blocked-members';
import { unreadCount } from '../../src-renderer/services/circles/unread';
import { MessageWatch } from '../../src-renderer/services/desktop/message-watch';
import type { ChatMessage } from '../../src-renderer/services/types';
import {
  db,
  forget,
  includesBytes,
  newCircles,
  PASSPHRASE,
  store,
  useCircleServices,
  vault,
  circleWithBob,
} from '../support/circle-services';

useCircleServices();

/** The key in standard base64 (the app writes base64url): a stored copy in either form is found. */
const base64Of = (key: string) => btoa(String.fromCharCode(...fromBase64Url(key)!));

describe('blocking is sealed on this device', () => {
  it('the raw row holds no blocked key in any form, and the block survives lock and unlock', async () => {
    const { circles, id, s, bob } = await circleWithBob('Sealed');
    await circles.blocked.block(id, bob.key);
    const raw = (await db.circles.get(id))!.enc;
    for (const needle of [utf8(bob.key), fromBase64Url(bob.key)!, utf8(base64Of(bob.key))])
      expect(includesBytes(raw, needle)).toBe(false);
    // Nor anywhere else in the database, nor in a row of its own.
    for (const table of [db.meta, db.updates, db.records, db.joins, db.journalPrefs])
      for (const row of await table.toArray())
        expect(includesBytes(utf8(JSON.stringify(row)), utf8(bob.key))).toBe(false);

    // An epoch change writes the circle's row again: the block stays in it.
    await store.saveCircle(s.secrets);
    await circles.closeAll();
    forget(circles);
    expect(circles.blocked.of(id).size).toBe(0); // nothing of it stays in memory at lock
    vault.lock();
    await vault.unlock(PASSPHRASE, () => {});
    const again = newCircles();
    await again.openAll();
    expect([...again.circleView(id)!.blocked]).toEqual([bob.key]);
  });

  it('a circle stored before blocking existed opens, with nobody blocked', async () => {
    const { circles, id, s } = await circleWithBob('Old row');
    const secrets = s.secrets;
    await circles.closeAll();
    forget(circles);
    // The row exactly as saveCircle wrote it before: no `blocked` field at all.
    const json = {
      ...secrets,
      keys: {
        pk: toBase64Url(secrets.keys.signPublicKey),
        sk: toBase64Url(secrets.keys.signSecretKey),
      },
      epochs: secrets.epochs.map((e) => ({
        epoch: e.epoch,
        roomSecret: toBase64Url(e.roomSecret),
        contentKey: toBase64Url(e.contentKey),
      })),
      genesisSigned: toBase64Url(secrets.genesisSigned),
    };
    await db.circles.put({ id, enc: vault.sealJson(json, `circles:${id}`) });
    const again = newCircles();
    await again.openAll();
    expect(again.circleView(id)?.name).toBe('Old row');
    expect(again.circleView(id)!.blocked.size).toBe(0);
    expect((await store.loadCircles()).find((c) => c.localId === id)).not.toHaveProperty('blocked');
  });

  it('a save the disk refuses keeps the block for this session and says so calmly', async () => {
    let refuse = true;
    const changes: number[] = [];
    const blocked = new BlockedMembers(
      {
        loadBlocked: async () => new Map(),
        saveBlocked: async () => {
          if (refuse) throw new Error('QuotaExceededError');
        },
      },
      () => changes.push(1),
    );
    await expect(blocked.block('c1', 'bob')).rejects.toThrow(BLOCK_NOT_SAVED);
    expect(BLOCK_NOT_SAVED).toMatch(/until Hearth locks/);
    expect(blocked.of('c1').has('bob')).toBe(true);
    expect(changes).toHaveLength(1);
    refuse = false;
    await blocked.unblock('c1', 'bob');
    expect(blocked.of('c1').has('bob')).toBe(false);
    // Blocking twice changes nothing and writes nothing.
    await blocked.block('c1', 'cal');
    await blocked.block('c1', 'cal');
    expect(changes).toHaveLength(3);
  });
});

describe('blocking changes only what this device shows', () => {
  it('writes nothing to the circle: no record, no change to the shared document', async () => {
    const { circles, id, s, bob, fromBob } = await circleWithBob('Nothing sent');
    await fromBob('before the block');
    await s.persist();
    const stateBefore = Y.encodeStateVector(s.doc);
    const logBefore = s.log.all().length;
    const viewBefore = s.view();
    await circles.blocked.block(id, bob.key);
    expect(Y.encodeStateVector(s.doc)).toEqual(stateBefore);
    expect(s.log.all()).toHaveLength(logBefore);
    // The session's own view (what presence and every record come from) did not change either.
    expect(s.view()).toBe(viewBefore);
    expect(circles.circleView(id)!.blocked.has(bob.key)).toBe(true);
    // Bob's messages, old and new, are still there for the list to cover, not dropped.
    await fromBob('after the block');
    expect([...circles.circleView(id)!.messages].map((m) => m.text)).toEqual([
      'before the block',
      'after the block',
    ]);
  });

  it('the view keeps its identity until something changes, and a block makes a new one', async () => {
    const { circles, id, bob } = await circleWithBob('Identity');
    const first = circles.circleView(id)!;
    expect(circles.circleView(id)).toBe(first);
    await circles.blocked.block(id, bob.key);
    const blocked = circles.circleView(id)!;
    expect(blocked).not.toBe(first);
    expect(blocked.version).toBe(first.version);
    expect(circles.circleView(id)).toBe(blocked);
  });

  it("a blocked member's messages are not unread, and count again once unblocked", async () => {
    const { circles, id, bob, fromBob } = await circleWithBob('Unread');
    await fromBob('one');
    await fromBob('two');
    const unread = () => circles.circles().find((c) => c.localId === id)!.unread;
    expect(unread()).toBe(2);
    await circles.blocked.block(id, bob.key);
    expect(unread()).toBe(0);
    await circles.blocked.unblock(id, bob.key);
    expect(unread()).toBe(2);
  });

  it('unreadCount skips blocked authors only', () => {
    const m = (id: string, author: string, ts: number) =>
      ({ id, author, ts, text: id }) as ChatMessage;
    const list = ListSnapshot.of([m('a', 'ann', 10), m('b', 'bob', 20), m('c', 'ann', 30)]);
    expect(unreadCount(list, 0, 'me', 100)).toBe(3);
    expect(unreadCount(list, 0, 'me', 100, new Set(['bob']))).toBe(2);
    expect(unreadCount(list, 0, 'me', 100, new Set(['ann', 'bob']))).toBe(0);
  });

  it("a blocked member's new message makes no notification; others' still do", () => {
    const watch = new MessageWatch();
    const circle = (id: string, author: string) => [
      {
        localId: 'c1',
        circleName: 'Grief circle',
        myKey: 'me',
        blocked: new Set(['bob']),
        last: { id, author, text: `${author} wrote` },
        knocks: 0,
      },
    ];
    expect(watch.update(circle('m1', 'ann'), 0)).toEqual([]);
    expect(watch.update(circle('m2', 'bob'), 10_000)).toEqual([]);
    expect(watch.update(circle('m3', 'ann'), 20_000)).toEqual([
      { circleName: 'Grief circle', text: 'ann wrote' },
    ]);
  });

  it('refuses to block oneself or someone never in the circle', async () => {
    const { circles, id, s, bob } = await circleWithBob('Who');
    const view = circles.circleView(id);
    expect(() => checkBlockable(view, s.myKey)).toThrow(/cannot block yourself/);
    expect(() => checkBlockable(view, 'not-a-member')).toThrow(/not in this circle/);
    expect(() => checkBlockable(null, bob.key)).toThrow(/not open/);
    expect(() => checkBlockable(view, bob.key)).not.toThrow();
  });
});
