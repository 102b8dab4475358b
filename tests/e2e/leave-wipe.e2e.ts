// Leaving a circle with "also delete its history from this device", in real Chromium peers: the
// others still learn that the member left (the room stays until another device holds the leave
// record, as after a plain leave), and the leaver's device keeps nothing of the circle.
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { HearthApp } from '../../src-renderer/services/types';
import { peerPool } from './harness';

const pool = peerPool(inject('webUrl'));
afterAll(() => pool.disposeAll());

const SECRET = 'Something Bob wrote and wants off this laptop';

describe('leaving and deleting my copy', () => {
  it('the others see that Bob left, and his device keeps nothing of the circle', async () => {
    const [alice, bob] = await Promise.all([pool.launch('alice'), pool.launch('bob')]);
    await Promise.all([alice.createVault(), bob.createVault()]);
    await alice.createCircle('Morning circle', 'Alice');
    await bob.join(await alice.invite({ approval: 'auto' }), 'Bob');
    await bob.send(SECRET);
    await alice.waitForMessage(SECRET);
    expect((await bob.rawDatabaseContains([], [], true)).rows.records).toBeGreaterThan(0);

    await bob.page.getByTestId('online-count').click();
    await bob.page.getByTestId('leave-circle').click();
    await bob.page.getByTestId('leave-wipe').check();
    await bob.expectAccessible('leave dialog, deleting the history');
    await bob.page.getByTestId('leave-confirm').click();

    // The circle is gone from Bob's screen at once.
    await expect
      .poll(() =>
        bob.page.evaluate(() =>
          (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi.circles(),
        ),
      )
      .toEqual([]);
    // Alice learns he left.
    await alice.page.getByRole('log').focus();
    await alice.page.keyboard.press('End');
    await expect
      .poll(
        () =>
          alice.page
            .getByTestId('member-line')
            .filter({ hasText: /^Bob\S* left the circle/ })
            .count(),
        { timeout: 30_000, message: 'Alice sees “Bob left the circle”' },
      )
      .toBe(1);
    // And nothing of the circle stays on Bob's device: no row in a circle's stores, and his
    // words are in none.
    await expect
      .poll(async () => {
        const { found, rows } = await bob.rawDatabaseContains([SECRET], [], true);
        return { found, records: rows.records ?? 0, updates: rows.updates ?? 0 };
      })
      .toEqual({ found: [], records: 0, updates: 0 });
    expect(await bob.page.content()).not.toContain(SECRET);
  });

  it('a copy the disk will not delete never stops the lock, and is named after the unlock', async () => {
    const [ann, ben] = await Promise.all([pool.launch('ann'), pool.launch('ben')]);
    await Promise.all([ann.createVault(), ben.createVault()]);
    await ann.createCircle('Evening circle', 'Ann');
    await ben.join(await ann.invite({ approval: 'auto' }), 'Ben');
    // Ben is away: nobody can say they hold Ann's leave record, so her room (and copy) waits.
    await ben.lock();
    await ann.page.getByTestId('online-count').click();
    await ann.page.getByTestId('leave-circle').click();
    await ann.page.getByTestId('leave-successor').selectOption({ index: 1 });
    await ann.page.getByTestId('leave-wipe').check();
    // From now on the disk refuses every delete (full, or taken away), as it may at any moment.
    await ann.page.evaluate(() => {
      const store = IDBObjectStore.prototype;
      const original = store.delete;
      (window as unknown as { restoreDeletes: () => void }).restoreDeletes = () =>
        void (store.delete = original);
      store.delete = () => {
        throw new DOMException('The disk is full', 'QuotaExceededError');
      };
    });
    await ann.page.getByTestId('leave-confirm').click();
    await expect.poll(() => ann.page.getByTestId('circle-item').count()).toBe(0);

    // Locked while the room waits for Ben: the delete runs at once and fails, and the lock goes on.
    await ann.lock();
    await ann.page.evaluate(() =>
      (window as unknown as { restoreDeletes: () => void }).restoreDeletes(),
    );
    await ann.unlock();
    const notice = ann.page.getByTestId('unwiped-notice');
    await expect.poll(() => notice.textContent()).toContain('could not delete “Evening circle”');
    // It is back, as a circle she left, where its history can be deleted.
    await expect
      .poll(() => ann.page.getByTestId('circle-item').textContent())
      .toBe('Evening circle');
    await ann.expectAccessible('the sidebar saying a copy is still here');
    await notice.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => notice.count()).toBe(0);
  });
});
