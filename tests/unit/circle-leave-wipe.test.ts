// Leaving a circle and deleting this device's copy, through the circle services (real libsodium,
// IndexedDB): after a leave the copy goes once another device holds the leave record, at once when
// nobody else is in the circle, or at once on lock; a circle left
// before is deleted before the call returns, so its dialog can say if that failed; a copy the disk
// will not delete never stops the lock, is named for the person, and is listed again as left.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Circles } from '../../src-renderer/services/circles/circles';
import {
  circleWithBob,
  forget,
  newCircles,
  store,
  useCircleServices,
} from '../support/circle-services';

useCircleServices();

/**
 * Leaves `id` with "delete my copy" and runs `next` while the disk refuses every delete (full, or
 * taken away), as it may at any moment.
 */
async function leaveWhileDeletesFail(
  circles: Circles,
  id: string,
  successor: string,
  next: () => Promise<void>,
) {
  const refuse = vi
    .spyOn(store, 'deleteCircle')
    .mockRejectedValue(new DOMException('The disk is full', 'QuotaExceededError'));
  try {
    await circles.leaveCircle(id, { wipe: true, successor });
    expect(circles.circles()).toEqual([]);
    expect(circles.unwipedCircles()).toEqual([]);
    await next();
  } finally {
    refuse.mockRestore();
  }
}

const storedIds = async () => (await store.loadCircles()).map((c) => c.localId);

describe('leaving and deleting this device’s copy', () => {
  it('a circle left before is gone from the store when the call returns', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Left', description: '', displayName: 'Ana' });
    await circles.leaveCircle(id, { wipe: false });
    expect(await storedIds()).toContain(id);
    await circles.leaveCircle(id, { wipe: true });
    expect(circles.circles()).toEqual([]);
    expect(await storedIds()).not.toContain(id);
  });

  it('after a leave, the circle leaves the screen at once and the store at the lock', async () => {
    const circles = newCircles();
    const { id, bob } = await circleWithBob('Wipe', circles);
    await circles.leaveCircle(id, { wipe: true, successor: bob.key });
    expect(circles.circles()).toEqual([]);
    // Bob has not said he holds the leave record: the room stays open so it can reach him.
    await new Promise((r) => setTimeout(r, 100));
    expect(await storedIds()).toContain(id);
    await circles.closeAll();
    forget(circles);
    expect(await storedIds()).not.toContain(id);
  });

  it('alone in the circle, the copy goes at once after a leave: nobody is left to tell', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Alone', description: '', displayName: 'Ana' });
    await circles.leaveCircle(id, { wipe: true });
    expect(circles.circles()).toEqual([]);
    await vi.waitFor(async () => expect(await storedIds()).not.toContain(id));
  });

  it('a copy that cannot be deleted after a leave never keeps the app from locking, and is told', async () => {
    const circles = newCircles();
    const { id, bob } = await circleWithBob('Stuck', circles);
    await leaveWhileDeletesFail(circles, id, bob.key, async () => {
      // Quick exit or lock during the grace: the wipe runs now, fails, and the lock goes on.
      await circles.closeAll();
      forget(circles);
    });
    // Nothing of it is named while locked. After the unlock it is listed again, left, and the
    // person is told its copy is still here, until they have read it.
    expect(circles.unwipedCircles()).toEqual([]);
    expect(await storedIds()).toContain(id);
    await circles.openAll();
    expect(circles.circles().map((c) => c.localId)).toEqual([id]);
    expect(circles.unwipedCircles()).toEqual(['Stuck']);
    circles.dismissUnwipedCircles();
    expect(circles.unwipedCircles()).toEqual([]);
    await circles.closeAll();
  });

  it('a copy that cannot be deleted while the app stays open is listed again at once, as left', async () => {
    const circles = newCircles();
    const { id, bob } = await circleWithBob('Kept', circles);
    // Ends the grace now, as quitting does.
    await leaveWhileDeletesFail(circles, id, bob.key, () => circles.persistAll());
    await vi.waitFor(() => expect(circles.circles().map((c) => c.localId)).toEqual([id]));
    expect(circles.unwipedCircles()).toEqual(['Kept']);
    expect(circles.circleView(id)?.standing).toBe('left');
  });

  it('a circle that cannot even be read again is not listed, rather than listed as joined', async () => {
    const circles = newCircles();
    const { id, bob } = await circleWithBob('Gone', circles);
    const unreadable = vi
      .spyOn(store, 'loadJudged')
      .mockRejectedValue(new DOMException('The disk went away', 'UnknownError'));
    try {
      await leaveWhileDeletesFail(circles, id, bob.key, () => circles.persistAll());
      await vi.waitFor(() => expect(unreadable).toHaveBeenCalled());
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      unreadable.mockRestore();
    }
    expect(circles.circles()).toEqual([]);
    expect(circles.circleView(id)).toBeNull();
  });
});
