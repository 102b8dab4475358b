// Leaving a circle and deleting this device's copy, through the circle services (real libsodium,
// IndexedDB): after a leave the copy goes once the grace is over or at once on lock; a circle left
// before is deleted before the call returns, so its dialog can say if that failed.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { forget, newCircles, store, useCircleServices } from '../support/circle-services';

useCircleServices();

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
    const id = await circles.createCircle({ name: 'Wipe', description: '', displayName: 'Ana' });
    await circles.leaveCircle(id, { wipe: true });
    expect(circles.circles()).toEqual([]);
    // Still in its grace: the room is open so the leave record can reach the others.
    expect(await storedIds()).toContain(id);
    await circles.closeAll();
    forget(circles);
    expect(await storedIds()).not.toContain(id);
  });
});
