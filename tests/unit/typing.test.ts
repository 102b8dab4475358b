// "Ann is typing…" through real y-protocols awareness states carrying real signed claims. Attacks:
// a claim by a key that is not the state's member, a claim copied onto another client, a stale
// claim, a replayed one, a claim from a member who was removed; junk in the field.
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { toBase64Url } from '../../src-shared/bytes';
import { signPresence } from '../../src-shared/circle/presence';
import {
  signTyping,
  TYPING_RENEW_MS,
  TYPING_VALID_MS,
  TypingBook,
  verifyTyping,
} from '../../src-shared/circle/typing';
import { generateMemberKeys, type MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { PresenceTracker } from '../../src-renderer/services/circles/presence-tracker';

const ROOM = 'room-a';
const keyOf = (k: MemberKeys) => toBase64Url(k.signPublicKey);

beforeAll(loadSodium);
beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Our tracker, a member list we can change, and peers whose whole state reaches us. */
function setUp() {
  const me = generateMemberKeys();
  const ann = generateMemberKeys();
  const members = new Map<string, unknown>([keyOf(me), keyOf(ann)].map((k) => [k, {}]));
  const source = { members, membersVersion: 0 };
  const awareness = new Awareness(new Y.Doc());
  let changes = 0;
  const tracker = new PresenceTracker(me, keyOf(me), source, () => changes++);
  tracker.attach(awareness, ROOM);
  /** A peer's client; `send` puts a state on it (a fresh presence claim by `by`) and delivers it. */
  const client = (by: MemberKeys) => {
    const theirs = new Awareness(new Y.Doc());
    const send = (typing: (clientId: number) => unknown) => {
      theirs.setLocalState({
        presence: signPresence(by, ROOM, theirs.clientID, Date.now()),
        typing: typing(theirs.clientID),
      });
      applyAwarenessUpdate(awareness, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'peer');
    };
    return { clientID: theirs.clientID, send };
  };
  const remove = (k: MemberKeys) => {
    members.delete(keyOf(k));
    source.membersVersion++;
    tracker.refreshIfMembersChanged();
  };
  const admit = (k: MemberKeys) => {
    members.set(keyOf(k), {});
    source.membersVersion++;
  };
  return { me, ann, tracker, awareness, client, admit, remove, changes: () => changes };
}

describe('typing claims', () => {
  it('a member typing shows, and stops showing when their state says they stopped', () => {
    const { ann, tracker, client } = setUp();
    const annClient = client(ann);
    annClient.send((id) => signTyping(ann, ROOM, id));
    expect([...tracker.typing]).toEqual([keyOf(ann)]);
    vi.advanceTimersByTime(1);
    annClient.send(() => undefined);
    expect(tracker.typing.size).toBe(0);
  });

  it('attack: a claim signed by another key (a forged member) in a member’s state never shows', () => {
    const { ann, tracker, client, admit } = setUp();
    const mallory = generateMemberKeys();
    admit(mallory);
    client(ann).send((id) => ({ ...signTyping(mallory, ROOM, id), member: keyOf(ann) }));
    expect(tracker.typing.size).toBe(0);
    // Mallory's own valid claim (she is a member), carried in Ann's state, is not Ann's: not shown.
    client(ann).send((id) => signTyping(mallory, ROOM, id));
    expect(tracker.typing.size).toBe(0);
  });

  it("attack: a member's claim copied onto another client id does not show", () => {
    const { ann, tracker, client } = setUp();
    const copied = signTyping(ann, ROOM, 4242);
    client(ann).send(() => copied);
    expect(tracker.typing.size).toBe(0);
    expect(verifyTyping(copied, ROOM, 4242)).not.toBeNull();
    expect(verifyTyping(copied, 'other-room', 4242)).toBeNull();
  });

  it('attack: a stale claim does not show, and a shown one clears by itself once stale', () => {
    const { ann, tracker, client } = setUp();
    const annClient = client(ann);
    annClient.send((id) => signTyping(ann, ROOM, id, Date.now() - TYPING_VALID_MS - 1));
    expect(tracker.typing.size).toBe(0);
    vi.advanceTimersByTime(1);
    annClient.send((id) => signTyping(ann, ROOM, id));
    expect(tracker.typing.size).toBe(1);
    vi.advanceTimersByTime(TYPING_VALID_MS + 2);
    expect(tracker.typing.size).toBe(0);
  });

  it('attack: a replayed older claim does not bring back typing that was renewed', () => {
    const book = new TypingBook(ROOM);
    const ann = generateMemberKeys();
    const older = signTyping(ann, ROOM, 7, Date.now() - 1_000);
    const newer = signTyping(ann, ROOM, 7);
    expect(book.take(7, keyOf(ann), newer)).toBe(true);
    book.take(7, keyOf(ann), older);
    expect(book.nextExpiry()).toBe(newer.at + TYPING_VALID_MS);
  });

  it('attack: a removed member’s typing stops showing and never shows again', () => {
    const { ann, tracker, client, remove } = setUp();
    const annClient = client(ann);
    annClient.send((id) => signTyping(ann, ROOM, id));
    expect(tracker.typing.size).toBe(1);
    remove(ann);
    expect(tracker.typing.size).toBe(0);
    vi.advanceTimersByTime(1);
    annClient.send((id) => signTyping(ann, ROOM, id));
    expect(tracker.typing.size).toBe(0);
  });

  it('junk in the typing field means not typing, and never throws', () => {
    const { ann, tracker, client } = setUp();
    for (const junk of [null, 1, 'typing', [], { member: 1 }, { member: keyOf(ann), at: 'x' }])
      client(ann).send(() => junk);
    expect(tracker.typing.size).toBe(0);
  });
});

describe('our own typing', () => {
  it('is signed for our client, renewed at most every TYPING_RENEW_MS, and cleared', () => {
    const { me, tracker, awareness } = setUp();
    const claimNow = () => awareness.getLocalState()?.typing as { at: number } | undefined;
    tracker.setTyping(true);
    const first = claimNow();
    expect(verifyTyping(first, ROOM, awareness.clientID)?.member).toBe(keyOf(me));
    vi.advanceTimersByTime(TYPING_RENEW_MS - 1);
    tracker.setTyping(true);
    expect(claimNow()).toBe(first);
    vi.advanceTimersByTime(1);
    tracker.setTyping(true);
    expect(claimNow()!.at).toBeGreaterThan(first!.at);
    tracker.setTyping(false);
    expect(claimNow()).toBeUndefined();
  });

  it('is never sent once we left the room', () => {
    const { tracker, awareness } = setUp();
    tracker.detach();
    tracker.setTyping(true);
    expect(awareness.getLocalState()?.typing).toBeUndefined();
  });

  it('does not show ourselves as typing', () => {
    const { me, tracker, client } = setUp();
    client(me).send((id) => signTyping(me, ROOM, id));
    expect(tracker.typing.size).toBe(0);
  });
});
