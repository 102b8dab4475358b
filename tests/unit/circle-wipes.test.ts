// "Leave and delete my copy": the copy goes only once the room was left after the leave record
// reached the others (room-exit.ts), at once when no leave record was written, and at once when
// the app locks or quits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CircleWipes } from '../../src-renderer/services/circles/circle-wipes';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A wait the test ends, as the session's roomLeft. */
function roomLeft(): { left: Promise<void>; leave: () => void } {
  let leave!: () => void;
  const left = new Promise<void>((resolve) => (leave = resolve));
  return { left, leave };
}

const never = new Promise<void>(() => {});

describe('wiping a circle after leaving it', () => {
  it('waits until the room was left after the leave record, and no longer', async () => {
    const wipes = new CircleWipes(() => {});
    const wipe = vi.fn(async () => {});
    const room = roomLeft();
    const done = wipes.start(room.left, wipe);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(wipe).not.toHaveBeenCalled();
    room.leave();
    await done;
    expect(wipe).toHaveBeenCalledOnce();
  });

  it('wipes at once when no leave record was written (the circle was left before)', async () => {
    const wipe = vi.fn(async () => {});
    const done = new CircleWipes(() => {}).start(null, wipe);
    await vi.advanceTimersByTimeAsync(0);
    await done;
    expect(wipe).toHaveBeenCalledOnce();
  });

  it('a lock or quit ends every wait at once and resolves when every copy is gone', async () => {
    const wipes = new CircleWipes(() => {});
    const gone: string[] = [];
    const room = roomLeft();
    void wipes.start(room.left, async () => void gone.push('a'));
    void wipes.start(never, async () => void gone.push('b'));
    await wipes.finishAll();
    expect(gone.sort()).toEqual(['a', 'b']);
    // Each ran once: the room going later does nothing more.
    room.leave();
    await vi.advanceTimersByTimeAsync(0);
    expect(gone).toHaveLength(2);
    await wipes.finishAll(); // nothing pending
  });

  it('a copy that cannot be deleted after a leave is kept by its id, and a lock still goes on', async () => {
    let changes = 0;
    const wipes = new CircleWipes(() => changes++);
    const relisted: string[] = [];
    wipes.afterLeave(
      'Stuck',
      never,
      () => Promise.reject(new Error('disk full')),
      async () => void relisted.push('Stuck'),
    );
    wipes.afterLeave(
      'Gone',
      never,
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
