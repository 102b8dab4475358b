// A reply's quote comes from the reader's own timeline: a reply cannot carry words of its own for
// it, and an original that is hidden, by someone the reader blocked, or not there, is not quoted.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  findOriginal,
  OriginalLookups,
} from '../../src-renderer/features/chat/actions/original-lookup';
import { quoteLine } from '../../src-renderer/features/chat/actions/reaction-text';
import type { ChatMessage } from '../../src-shared/circle/timeline';
import { ListSnapshot } from '../../src-shared/list-snapshot';
import { MessageBody } from '../../src-shared/records/schema';
import { newKeys, SimMember } from '../support/circle-sim';
import { circle, founder, setUpCircle } from '../support/ledger-fixtures';

beforeAll(setUpCircle);

const id = (n: number) => String(n).padStart(22, 'A');
const KEY = 'k'.repeat(43);
const msg = (n: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: id(n),
  author: n % 2 ? 'ann' : 'ben',
  ts: 1_000 + n,
  text: `message ${n}`,
  ...extra,
});
/** How a reply names message `n`: its author and id. */
const ref = (n: number) => ({ author: msg(n).author, id: id(n) });
const NOBODY: ReadonlySet<string> = new Set();

describe('reply quotes', () => {
  it('a reply record carries only the author and id it answers, never a quote', () => {
    const replyTo = { author: KEY, id: id(1) };
    expect(MessageBody.safeParse({ text: 'yes', replyTo }).success).toBe(true);
    expect(
      MessageBody.safeParse({ text: 'yes', replyTo, quote: 'Ann said I am stupid' }).success,
    ).toBe(false);
    const bad = [
      id(1), // a bare id names no author
      { author: KEY, id: 'not an id' },
      { author: 'not a key', id: id(1) },
      { id: id(1) },
      { ...replyTo, text: 'Ann said I am stupid' },
    ];
    for (const b of bad)
      expect(MessageBody.safeParse({ text: 'yes', replyTo: b }).success, JSON.stringify(b)).toBe(
        false,
      );
  });

  it('quotes the original from the timeline, and nothing that is not there for this reader', () => {
    const list = ListSnapshot.of([
      msg(1),
      msg(2, { hidden: { by: 'facilitator', reason: 'method' } }),
      msg(3),
      msg(4),
      msg(5, { text: '', deleted: true }),
    ]);
    expect(findOriginal(list, ref(1), NOBODY)?.text).toBe('message 1');
    expect(findOriginal(list, ref(2), NOBODY)).toBeNull(); // hidden by a facilitator
    expect(findOriginal(list, ref(3), new Set(['ann']))).toBeNull(); // by someone blocked
    expect(findOriginal(list, ref(5), NOBODY)).toBeNull(); // deleted by its author
    expect(findOriginal(list, ref(9), NOBODY)).toBeNull(); // never arrived or void
    expect(findOriginal(list, { author: 'ben', id: id(1) }, NOBODY)).toBeNull(); // not Ben's
  });

  it('a quote of a covered message does not uncover it', () => {
    expect(quoteLine(msg(1, { warning: 'self-harm', text: 'the covered words' }))).toBe(
      'a message with a content warning',
    );
    expect(quoteLine(msg(1, { text: 'first line\nsecond' }))).toBe('first line');
  });

  it('a message of Mallory under the id of Ann’s is not quoted above a reply to Ann', () => {
    const ann = founder();
    const [ben, mallory] = [newKeys(), newKeys()].map((k) => new SimMember(k, circle.genesis));
    const inv = ann.invite({ maxUses: 2 });
    const history = [inv, ann.admit(ben!.keys, inv, 'Ben'), ann.admit(mallory!.keys, inv, 'Mal')];
    ben!.receive(history);
    mallory!.receive(history);
    const original = ann.message('I had a hard week');
    ben!.receive([original]);
    const reply = ben!.write('message', {
      text: 'I am here for you',
      replyTo: { author: original.author, id: original.id },
    });
    // Later, Mallory signs a message of her own under the same id: not a fork (the id is hers).
    const lie = mallory!.write(
      'message',
      { text: 'I want everyone to hate me' },
      original.ts + 60_000,
      original.id,
    );
    const reader = new SimMember(newKeys(), circle.genesis).receive([
      ...history,
      original,
      reply,
      lie,
    ]);
    const list = reader.ledger.messageSnapshot();
    const shownReply = reader.ledger.messages.find((m) => m.text === 'I am here for you')!;
    const quoted = findOriginal(list, shownReply.replyTo!, NOBODY);
    expect(quoted?.author).toBe(ann.key);
    expect(quoted?.text).toBe('I had a hard week');
  });

  it('a reply on screen to the first of 100k messages costs no search of the history per message that arrives', () => {
    const history = Array.from({ length: 100_000 }, (_, n) => msg(n));
    const lookups = new OriginalLookups();
    expect(lookups.for(ListSnapshot.of(history), NOBODY)(ref(0))?.text).toBe('message 0');
    // Not there yet: a reply to a message still on its way.
    expect(lookups.for(ListSnapshot.of(history), NOBODY)(ref(100_010))).toBeNull();
    const reads = vi.spyOn(ListSnapshot.prototype, 'at');
    try {
      for (let n = 100_000; n < 100_050; n++) {
        history.push(msg(n));
        // The list renders twice per message.
        for (const _ of [1, 2]) {
          const lookup = lookups.for(ListSnapshot.of(history), NOBODY);
          expect(lookup(ref(0))?.text).toBe('message 0');
          expect(lookup(ref(100_010))?.text).toBe(n >= 100_010 ? 'message 100010' : undefined);
        }
      }
      // A search per lookup read 10 million messages; now each new one is read once.
      expect(reads.mock.calls.length).toBeLessThan(200);
    } finally {
      reads.mockRestore();
    }
    // A hide makes a new array: what was found is looked for again, and is not quoted.
    const hidden = history.map((m, n) =>
      n === 0 ? { ...m, hidden: { by: 'f', reason: 'r' } } : m,
    );
    expect(lookups.for(ListSnapshot.of(hidden), NOBODY)(ref(0))).toBeNull();
    // So is a newly blocked author's message, and a newer message under the key takes its place.
    expect(lookups.for(ListSnapshot.of(history), new Set(['ben']))(ref(0))).toBeNull();
    const again = lookups.for(ListSnapshot.of(history), NOBODY);
    expect(again(ref(0))?.text).toBe('message 0');
    history.push(msg(0, { text: '', deleted: true }));
    expect(lookups.for(ListSnapshot.of(history), NOBODY)(ref(0))).toBeNull();
  });
});
