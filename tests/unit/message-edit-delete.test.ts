// Edits and deletes of one's own messages (issue 19) as attacks: only a message's author can
// change it, a delete wins over every edit, the latest edit (the author's higher seq) wins the
// same way on every peer whatever the arrival order, a hide stays over an edit, removal and mute
// void edits as they void messages, and a deleted message's text is in no record the ledger holds.
import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import type { CircleLedger } from '../../src-shared/circle/ledger';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { RecordContent, RecordOf } from '../../src-shared/records/schema';
import { convergesEverywhere as convergesAll } from '../support/arrival-orders';
import { admittedMembers, newKeys, SimMember } from '../support/circle-sim';

const T0 = 1_700_000_000_000;
let c: FoundedCircle;

beforeAll(async () => {
  await loadSodium();
  c = foundCircle({ name: 'Circle', description: '', displayName: 'Ann' }, T0);
});

/** Ann founds; Ben and Cal are members. */
function setUp() {
  const ann = new SimMember(c.keys, c.genesis);
  const { members, history } = admittedMembers(ann, ['Ben', 'Cal']);
  return { ann, ben: members[0]!, cal: members[1]!, history };
}

const edit = (by: SimMember, m: RecordOf<'message'>, text: string, ts?: number) =>
  by.write('edit', { target: m.id, text }, ts);
const del = (by: SimMember, m: { id: string; ts: number }) =>
  by.write('delete', { target: m.id, at: m.ts });

/** A peer that knew nothing, given `records` in one batch. */
const peer = (records: RecordContent[]) => new SimMember(newKeys(), c.genesis).receive(records);

const shown = (l: CircleLedger) =>
  l.messages.map(
    (m) =>
      `${m.author.slice(0, 4)}:${m.text}${m.edited ? '|edited' : ''}${m.deleted ? '|deleted' : ''}${m.hidden ? '|hidden' : ''}`,
  );

/** Every arrival order shows every peer the same (arrival-orders.ts). */
const convergesEverywhere = (records: RecordContent[]) => convergesAll(c.genesis, records, shown);

describe('editing one’s own message', () => {
  it('shows the latest edit, marked edited, on every peer in any order', () => {
    const { ann, history } = setUp();
    const m = ann.message('I feel awful today');
    const e1 = edit(ann, m, 'I feel low today');
    const e2 = edit(ann, m, 'I feel a bit low today');
    expect(shown(ann.ledger)).toEqual([`${ann.key.slice(0, 4)}:I feel a bit low today|edited`]);
    expect(convergesEverywhere([...history, m, e1, e2])).toEqual(shown(ann.ledger));
  });

  it('two concurrent edits: the author’s higher seq wins everywhere, whatever the times say', () => {
    const { ann, history } = setUp();
    const m = ann.message('first');
    const later = edit(ann, m, 'written second, stamped earlier', T0 + 10);
    const earlier = edit(ann, m, 'written third', T0 + 5);
    expect(later.seq).toBeLessThan(earlier.seq);
    const out = convergesEverywhere([...history, m, later, earlier]);
    expect(out).toEqual([`${ann.key.slice(0, 4)}:written third|edited`]);
  });

  it('an edit arriving before its message waits for it', () => {
    const { ann, history } = setUp();
    const m = ann.message('before');
    const e = edit(ann, m, 'after');
    const p = peer(history).receive([e]);
    expect(p.ledger.messages).toHaveLength(0);
    p.receive([m]);
    expect(shown(p.ledger)).toEqual([`${ann.key.slice(0, 4)}:after|edited`]);
  });

  it('Ben cannot edit Ann’s message: his edit names only his own records', () => {
    const { ann, ben, history } = setUp();
    const m = ann.message('mine');
    ben.receive([m]);
    const forged = edit(ben, m, 'Ben’s words in Ann’s mouth');
    const p = peer([...history, m, forged]);
    expect(shown(p.ledger)).toEqual([`${ann.key.slice(0, 4)}:mine`]);
  });

  it('an edit naming a record that is not a message changes nothing', () => {
    const { ann, history } = setUp();
    const inv = history[0] as RecordOf<'invite'>;
    const e = ann.write('edit', { target: inv.id, text: 'not a message' });
    const m = ann.message('real');
    const p = peer([...history, e, m]);
    expect(shown(p.ledger)).toEqual([`${ann.key.slice(0, 4)}:real`]);
  });

  it('a facilitator’s hide stays in force over a later edit', () => {
    const { ann, ben, history } = setUp();
    const m = ben.message('a method');
    ann.receive([m]);
    const hide = ann.write('hide', { author: ben.key, id: m.id, hidden: true, reason: 'Unsafe' });
    ben.receive([hide]);
    const e = edit(ben, m, 'edited to slip past the hide');
    const out = convergesEverywhere([...history, m, hide, e]);
    expect(out).toEqual([`${ben.key.slice(0, 4)}:edited to slip past the hide|edited|hidden`]);
  });

  it('a removed member’s edit after the cut is void; a muted member’s edit does not show', () => {
    const { ann, ben, cal, history } = setUp();
    const mb = ben.message('Ben before');
    const mc = cal.message('Cal before');
    ann.receive([mb, mc]);
    const removal = ann.remove(ben);
    const mute = ann.write('mute', { member: cal.key, until: T0 + 10 ** 9, reason: 'Pause' });
    const eb = edit(ben, mb, 'Ben after his removal');
    cal.receive([mute]);
    const ec = edit(cal, mc, 'Cal while muted', mute.ts + 1);
    const out = convergesEverywhere([...history, mb, mc, removal, mute, eb, ec]);
    expect(out.sort()).toEqual(
      [`${ben.key.slice(0, 4)}:Ben before`, `${cal.key.slice(0, 4)}:Cal before`].sort(),
    );
  });
});

describe('deleting one’s own message', () => {
  it('shows “deleted” in place, everywhere, in any order, and beats every edit', () => {
    const { ann, history } = setUp();
    const m = ann.message('I said too much');
    const e = edit(ann, m, 'still too much');
    const d = del(ann, m);
    const late = edit(ann, m, 'an edit after the delete');
    const out = convergesEverywhere([...history, m, e, d, late]);
    expect(out).toEqual([`${ann.key.slice(0, 4)}:|deleted`]);
  });

  it('Ben cannot delete Ann’s message: his delete names only his own (none: a bare mark under his name)', () => {
    const { ann, ben, history } = setUp();
    const m = ann.message('stays');
    ben.receive([m]);
    const forged = del(ben, m);
    expect(shown(peer([...history, m, forged]).ledger).sort()).toEqual(
      [`${ann.key.slice(0, 4)}:stays`, `${ben.key.slice(0, 4)}:|deleted`].sort(),
    );
  });

  it('a newcomer who never gets the message shows “deleted” in its place all the same', () => {
    const { ann, history } = setUp();
    const before = ann.message('before', T0 + 100);
    const m = ann.message('gone before the newcomer came', T0 + 200);
    const after = ann.message('after', T0 + 300);
    const d = del(ann, m);
    const withIt = shown(peer([...history, before, m, after, d]).ledger);
    const without = convergesEverywhere([...history, before, after, d]);
    expect(without).toEqual(withIt);
    expect(without[1]).toBe(`${ann.key.slice(0, 4)}:|deleted`);
  });

  it('keeps no text of the message or its edits, only a tombstone that still counts its seq', () => {
    const { ann, history } = setUp();
    const m = ann.message('SECRET-ONE');
    const e = edit(ann, m, 'SECRET-TWO');
    const d = del(ann, m);
    const p = peer([...history, m, e]);
    p.receive([d]);
    const erased = p.ledger.takeErased().map((r) => `${r.kind}:${r.id}`);
    expect(erased.sort()).toEqual([`edit:${e.id}`, `message:${m.id}`].sort());
    const held = JSON.stringify([
      ...(p.ledger as unknown as { taken: { byKey: Map<string, unknown> } }).taken.byKey,
    ]);
    expect(held).not.toContain('SECRET');
    const book = (p.ledger as unknown as { book: { posts: Map<string, unknown>; changes: object } })
      .book;
    expect(JSON.stringify([...book.posts, book.changes])).not.toContain('SECRET');
    expect(JSON.stringify(p.ledger.messages)).not.toContain('SECRET');
    expect(p.ledger.seenUpTo(ann.key)).toBe(d.seq);
  });

  it('attack: a delete forked with another record under its id deletes the message on every peer, in any order', () => {
    const { ann, history } = setUp();
    const m = ann.message('said in a hard moment');
    const d = del(ann, m);
    // Ann's app, turned hostile, signs a second record under the delete's id and seq.
    const x = { ...d, kind: 'message' as const, body: { text: 'something else' } };
    const deletedFirst = peer([...history, m, d, x]);
    const otherFirst = peer([...history, m, x, d]);
    // Once a peer erased the text it cannot come back: the peer that met the other record first
    // must erase it too, or the two would show different conversations for good.
    expect(shown(deletedFirst.ledger)).toEqual([`${ann.key.slice(0, 4)}:|deleted`]);
    expect(shown(otherFirst.ledger)).toEqual(shown(deletedFirst.ledger));
    expect(convergesEverywhere([...history, m, d, x])).toEqual(shown(deletedFirst.ledger));
  });

  it('the same record coming back after a delete is erased again, not taken as a fork', () => {
    const { ann, history } = setUp();
    const m = ann.message('gone for good');
    const d = del(ann, m);
    const p = peer([...history, m, d]);
    p.ledger.takeErased();
    p.receive([m]);
    expect(p.ledger.takeErased().map((r) => r.id)).toEqual([m.id]);
    expect(p.ledger.forkedAuthors.size).toBe(0);
    expect(shown(p.ledger)).toEqual([`${ann.key.slice(0, 4)}:|deleted`]);
  });
});
