// "Leave and delete my copy": the copy goes only after the leave record had LEAVE_GRACE_MS in
// the room, at once when no leave record was written, and at once when the app locks or quits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CircleWipes } from '../../src-renderer/services/circles/circle-wipes';
import { LEAVE_GRACE_MS } from '../../src-renderer/services/circles/room-connection';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('wiping a circle after leaving it', () => {
  it('waits the leave grace after a leave record, and no longer', async () => {
    const wipes = new CircleWipes(() => {});
    const wipe = vi.fn(async () => {});
    const done = wipes.start(true, wipe);
    await vi.advanceTimersByTimeAsync(LEAVE_GRACE_MS - 1);
    expect(wipe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(wipe).toHaveBeenCalledOnce();
  });

  it('wipes at once when no leave record was written (the circle was left before)', async () => {
    const wipe = vi.fn(async () => {});
    const done = new CircleWipes(() => {}).start(false, wipe);
    await vi.advanceTimersByTimeAsync(0);
    await done;
    expect(wipe).toHaveBeenCalledOnce();
  });

  it('a lock or quit ends every wait at once and resolves when every copy is gone', async () => {
    const wipes = new CircleWipes(() => {});
    const gone: string[] = [];
    void wipes.start(true, async () => void gone.push('a'));
    void wipes.start(true, async () => void gone.push('b'));
    await wipes.finishAll();
    expect(gone.sort()).toEqual(['a', 'b']);
    // Each ran once: the grace ending later does nothing more.
    await vi.advanceTimersByTimeAsync(LEAVE_GRACE_MS);
    expect(gone).toHaveLength(2);
    await wipes.finishAll(); // nothing pending
  });

  it('a copy that cannot be deleted after a leave is kept by its id, and a lock still goes on', async () => {
    let changes = 0;
    const wipes = new CircleWipes(() => changes++);
    const relisted: string[] = [];
    wipes.afterLeave(
      'Stuck',
      () => Promise.reject(new Error('disk full')),
      async () => void relisted.push('Stuck'),
    );
    wipes.afterLeave(
      'Gone',
      async () => {},
      async () => void relisted.push('Gone'),
    );
    await wipes.finishAll(); // never fails: the lock goes on
    await vi.advanceTimersByTimeAsync(0);
    expect(wipes.unwiped).toEqual(['Stuck']);
    expect(relisted).toEqual(['Stuck']);
    expect(changes).toBe(1);
    wipes.dismissUnwiped();
    expect(wipes.unwiped).toEqual([]);
    wipes.dismissUnwiped();
    expect(changes).toBe(2);
  });
});
