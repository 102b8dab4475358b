// The members this device's person blocked, per circle (issue 17: "block and mute, locally";
// docs/ARCHITECTURE.md "Safety"). Only this device knows: the keys are kept in the circle's sealed
// row (circle-store.ts) and in memory while unlocked, and nothing is written to the circle,
// announced in presence or sent. A block changes only what this device shows: the view's
// `blocked`, which the message list, unread counts and notifications read.
import type { CircleStore } from '../storage/circle-store';
import type { CircleView, SessionView } from '../types';

const NONE: ReadonlySet<string> = new Set();

/** What a person is told when the block (or unblock) took effect but could not be saved. */
export const BLOCK_NOT_SAVED =
  'This is done for now, but Hearth could not save it on this device, so it lasts until Hearth ' +
  'locks. You can try again later.';

/** Refuses, with a user-facing message, a block of oneself or of someone never in the circle. */
export function checkBlockable(view: SessionView | null, key: string): void {
  if (!view) throw new Error('This circle is not open.');
  if (key === view.myKey) throw new Error('You cannot block yourself.');
  if (!view.people.has(key)) throw new Error('This person is not in this circle.');
}

export class BlockedMembers {
  private readonly sets = new Map<string, ReadonlySet<string>>();
  /** Each session view with `blocked` added, so an unchanged circle keeps its view's identity. */
  private readonly composed = new WeakMap<SessionView, CircleView>();
  /** Saves run one after another, each with the whole set, so the last change is what stays. */
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<CircleStore, 'loadBlocked' | 'saveBlocked'>,
    private readonly onChange: () => void,
  ) {}

  /** At unlock, before any circle is shown. */
  async load(): Promise<void> {
    for (const [localId, keys] of await this.store.loadBlocked())
      if (keys.length > 0) this.sets.set(localId, new Set(keys));
  }

  /** The member keys blocked in a circle; a new set whenever it changes. */
  of(localId: string): ReadonlySet<string> {
    return this.sets.get(localId) ?? NONE;
  }

  /** The session's view with what this device blocked there; the same object while neither changes. */
  compose(localId: string, view: SessionView | null | undefined): CircleView | null {
    if (!view) return null;
    const blocked = this.of(localId);
    const made = this.composed.get(view);
    if (made?.blocked === blocked) return made;
    const next: CircleView = { ...view, blocked };
    this.composed.set(view, next);
    return next;
  }

  /**
   * Blocks at once, then saves. A save that fails keeps the block for this session and rejects
   * with BLOCK_NOT_SAVED.
   */
  block(localId: string, key: string): Promise<void> {
    return this.change(localId, key, true);
  }

  /** Unblocks at once, then saves (as block does). */
  unblock(localId: string, key: string): Promise<void> {
    return this.change(localId, key, false);
  }

  /** At lock: nothing of it stays in memory. */
  forget(): void {
    this.sets.clear();
  }

  private async change(localId: string, key: string, on: boolean): Promise<void> {
    const before = this.of(localId);
    if (before.has(key) === on) return;
    const next = new Set(before);
    if (on) next.add(key);
    else next.delete(key);
    this.sets.set(localId, next);
    this.onChange();
    const keys = [...next];
    const saved = this.saving.then(() => this.store.saveBlocked(localId, keys));
    this.saving = saved.catch(() => {});
    try {
      await saved;
    } catch {
      throw new Error(BLOCK_NOT_SAVED);
    }
  }
}
