// Reactions (issue 19) as attacks: a forged author, a reaction to something that is not a message,
// junk emoji, a flood of distinct emoji, a removed member's reactions after the cut, and on/off
// races that must end the same on every peer whatever the arrival order (seeded: a failure names
// its seed).
import { beforeAll, describe, expect, it } from 'vitest';
import type { CircleLedger } from '../../src-shared/circle/ledger';
import { messageKey } from '../../src-shared/circle/moderation';
import { MAX_REACTIONS_PER_AUTHOR } from '../../src-shared/circle/reaction-book';
import { openRecord, sealRecord } from '../../src-shared/records/seal';
import { ReactBody, RecordContent, type RecordOf } from '../../src-shared/records/schema';
import { newKeys, SimMember } from '../support/circle-sim';
import { circle, founder, setUpCircle } from '../support/ledger-fixtures';
import { mulberry32, shuffle } from '../support/seeded-random';

beforeAll(setUpCircle);

/** The founder (Ana) and two members, Bo and Cy, who know the whole history. */
function setUp() {
  const ana = founder();
  const [bo, cy] = ['Bo', 'Cy'].map(() => new SimMember(newKeys(), circle.genesis));
  const inv = ana.invite({ maxUses: 3 });
  const history: RecordContent[] = [
    inv,
    ana.admit(bo!.keys, inv, 'Bo'),
    ana.admit(cy!.keys, inv, 'Cy'),
  ];
  bo!.receive(history);
  cy!.receive(history);
  return { ana, bo: bo!, cy: cy!, history };
}

/** `by` reacts to `message`, named (as the app does) by its author and id. */
const react = (by: SimMember, message: RecordContent, emoji: string, on = true) =>
  by.write('react', { target: { author: message.author, id: message.id }, emoji, on });

/** The reactions a ledger shows under `message` (the chat view's lookup). */
const shownOn = (l: CircleLedger, message: RecordContent) =>
  l.reactionsByMessage.get(messageKey(message.author, message.id));

/** A peer that knew nothing, given `records` in one batch. */
const peer = (records: RecordContent[]) =>
  new SimMember(newKeys(), circle.genesis).receive(records);

/** The reactions a ledger shows, in a form two peers can be compared by. */
const chips = (l: CircleLedger) =>
  [...l.reactionsByMessage]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, list]) => [id, list.map((r) => `${r.emoji}:${r.authors.join(',')}`)]);

describe('reactions', () => {
  it('show under the message with who reacted, and a later "off" takes one back', () => {
    const { ana, bo, cy, history } = setUp();
    const m = bo.message('A hard day');
    const records = [...history, m, react(ana, m, '🙏')];
    cy.receive(records);
    records.push(react(cy, m, '🙏'), react(cy, m, '💪'), react(cy, m, '💪', false));
    const shown = shownOn(peer(records).ledger, m)!;
    expect(shown.map((r) => r.emoji)).toEqual(['🙏']);
    expect([...shown[0]!.authors].sort()).toEqual([ana.key, cy.key].sort());
  });

  it('a reaction signed by someone else than its author is refused when opened', () => {
    const { bo } = setUp();
    const m = bo.message('hello');
    const mallory = newKeys();
    // Mallory signs a reaction that claims Bo wrote it.
    const forged = { ...react(new SimMember(mallory, circle.genesis), m, '👍'), author: bo.key };
    const sealed = sealRecord(
      RecordContent.parse(forged),
      mallory.signSecretKey,
      circle.epoch.contentKey,
    );
    const opened = openRecord(sealed, circle.circleId, new Map([[0, [circle.epoch.contentKey]]]));
    expect(opened.ok).toBe(false);
  });

  it('a reaction to a record that is not a message counts nowhere', () => {
    const { ana, bo, history } = setUp();
    const admit = history[1] as RecordOf<'admit'>;
    const records = [...history, react(bo, admit, '👍'), react(bo, history[0]!, '❤️')];
    const l = peer(records).ledger;
    expect(l.reactionsByMessage.size).toBe(0);
    // Nor does one to a message that never comes, until it comes.
    const later = ana.message('late');
    const early = peer([...records, react(bo, later, '🤗')]).ledger;
    expect(early.reactionsByMessage.size).toBe(0);
    early.ingest([later]);
    expect(shownOn(early, later)).toEqual([{ emoji: '🤗', authors: [bo.key] }]);
  });

  it('junk emoji are refused by the schema', () => {
    const target = { author: 'k'.repeat(43), id: 'A'.repeat(22) };
    const ok = (emoji: string) => ReactBody.safeParse({ target, emoji, on: true }).success;
    for (const emoji of ['👍', '❤️', '🙏', '🤗', '😢', '💪', '👍🏽', '👨‍👩‍👧', '🏳️‍🌈'])
      expect(ok(emoji), emoji).toBe(true);
    const junk = [
      '',
      'a',
      'lol',
      '👍👍',
      '👍 ',
      '\u200b👍',
      '<img src=x>',
      '👍\u202e',
      '❤', // a text-style heart without its emoji selector
      '👨‍👩‍👧‍👦'.repeat(3),
    ];
    for (const emoji of junk) expect(ok(emoji), JSON.stringify(emoji)).toBe(false);
  });

  it(`a flood of distinct emoji counts at most ${MAX_REACTIONS_PER_AUTHOR} per author per message`, () => {
    const { bo, cy, history } = setUp();
    const m = bo.message('hi');
    const emoji = [
      '👍',
      '❤️',
      '🙏',
      '🤗',
      '😢',
      '💪',
      '😀',
      '😃',
      '😄',
      '😁',
      '😆',
      '😅',
      '🤣',
      '😂',
      '🙂',
    ];
    const flood = emoji.map((e) => react(cy, m, e));
    const l = peer([...history, m, ...shuffle(flood, mulberry32(7))]).ledger;
    const shown = shownOn(l, m)!;
    expect(shown).toHaveLength(MAX_REACTIONS_PER_AUTHOR);
    // The first twelve Cy signed, on every peer.
    expect(shown.map((r) => r.emoji)).toEqual(emoji.slice(0, MAX_REACTIONS_PER_AUTHOR));
  });

  it('a removed member’s reactions after the cut are void; those before it stay', () => {
    const { ana, bo, cy, history } = setUp();
    const m = ana.message('welcome');
    cy.receive([m]);
    const before = react(cy, m, '🤗');
    ana.receive([before]);
    const removal = ana.remove(cy);
    // Cy, not knowing, reacts again after the cut.
    const after = react(cy, m, '👍');
    const off = react(cy, m, '🤗', false);
    const records = [...history, m, before, removal, after, off];
    const l = peer(shuffle(records, mulberry32(3))).ledger;
    expect(shownOn(l, m)).toEqual([{ emoji: '🤗', authors: [cy.key] }]);
    expect(bo.key).not.toBe(cy.key);
  });

  it('on/off races converge on every peer in any arrival order', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = mulberry32(seed);
      const { ana, bo, cy, history } = setUp();
      const members = [ana, bo, cy];
      const msgs = [ana.message('one'), bo.message('two')];
      for (const m of members) m.receive(msgs);
      const acts: RecordContent[] = [];
      for (let i = 0; i < 40; i++) {
        const who = members[Math.floor(rand() * 3)]!;
        const target = msgs[Math.floor(rand() * 2)]!;
        const emoji = ['👍', '🙏', '💪'][Math.floor(rand() * 3)]!;
        acts.push(react(who, target, emoji, rand() < 0.6));
        // Sometimes a member hears of the others' reactions, sometimes not (a race).
        if (rand() < 0.3) for (const m of members) m.receive(acts);
      }
      const all = [...history, ...msgs, ...acts];
      const expected = chips(peer(all).ledger);
      for (let run = 0; run < 4; run++) {
        const order = shuffle(all, rand);
        const p = new SimMember(newKeys(), circle.genesis);
        for (let i = 0; i < order.length;) {
          const n = 1 + Math.floor(rand() * 5);
          p.receive(order.slice(i, i + n));
          i += n;
        }
        expect(chips(p.ledger), `seed ${seed}`).toEqual(expected);
      }
    }
  });

  it('a message of Mallory under the id of Ana’s does not take the reactions to Ana’s', () => {
    const { ana, bo, cy: mallory, history } = setUp();
    const m = ana.message('I got the job');
    bo.receive([m]);
    const cheer = react(bo, m, '🤗');
    // Mallory signs a message of her own under the same id: not a fork (the id is hers).
    const copy = mallory.write('message', { text: 'I got fired' }, undefined, m.id);
    const l = peer([...history, m, cheer, copy]).ledger;
    const onAna = shownOn(l, m);
    const onMallory = shownOn(l, copy);
    expect(onAna).toEqual([{ emoji: '🤗', authors: [bo.key] }]);
    expect(onMallory).toBeUndefined();
  });

  it('a reaction to a record that is not a message does not count on Mallory’s message under its id', () => {
    const { bo, cy: mallory, history } = setUp();
    const admit = history[1] as RecordOf<'admit'>;
    const r = react(bo, admit, '👍');
    const copy = mallory.write('message', { text: 'mine now' }, undefined, admit.id);
    const l = peer([...history, r, copy]).ledger;
    expect(l.reactionsByMessage.size).toBe(0);
    // What the app asks before it writes a reaction: the pair, not the id alone.
    expect(l.hasMessage({ author: mallory.key, id: admit.id })).toBe(true);
    expect(l.hasMessage({ author: admit.author, id: admit.id })).toBe(false);
  });
});
