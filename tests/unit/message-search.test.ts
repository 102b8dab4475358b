import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src-shared/circle/timeline';
import { ListSnapshot } from '../../src-shared/list-snapshot';
import { foldText, matchRanges, queryWords } from '../../src-shared/search/fold-text';
import { messageKey } from '../../src-shared/circle/moderation';
import { MessageSearch, type SearchReader } from '../../src-shared/search/message-search';

const reader: SearchReader = {
  myKey: 'me',
  facilitator: false,
  blocked: new Set(),
  uncoveredTopics: new Set(),
  openedWarnings: new Set(),
};

let n = 0;
const message = (text: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${++n}`,
  author: 'ann',
  ts: n,
  text,
  ...extra,
});

const texts = (list: readonly ChatMessage[]) => list.map((m) => m.text);

describe('foldText', () => {
  it('sets case, accents and compatibility forms aside', () => {
    expect(foldText('Café ÉCOLE naïve')).toBe('cafe ecole naive');
    expect(foldText('ﬁne Straße Øre')).toBe('fine strasse ore');
    // The same letter typed precomposed or as a letter and a combining accent.
    expect(foldText('e\u0301')).toBe(foldText('é'));
    expect(foldText('ΟΔΥΣΣΕΥΣ')).toBe(foldText('οδυσσευς'));
  });

  it('takes a query apart into folded words without repeats', () => {
    expect(queryWords('  Tea  TEA  Café ')).toEqual(['tea', 'cafe']);
    expect(queryWords('   ')).toEqual([]);
  });
});

describe('matchRanges', () => {
  it('marks matches in the original text, accents included', () => {
    const text = 'A cafe\u0301 and a Café';
    const ranges = matchRanges(text, ['cafe']);
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['cafe\u0301', 'Café']);
  });

  it('merges overlapping matches of several words and keeps surrogate pairs whole', () => {
    const text = '😀 hello there';
    const ranges = matchRanges(text, ['hell', 'llo th']);
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['hello th']);
  });
});

describe('MessageSearch', () => {
  it('finds every word anywhere in the text, newest first', () => {
    const list = [
      message('Tea in the garden'),
      message('the GARDEN was quiet'),
      message('no match'),
      message('Gardening and tea'),
    ];
    const results = new MessageSearch().search(ListSnapshot.of(list), 'garden TEA', reader);
    expect(texts(results.shown)).toEqual(['Gardening and tea', 'Tea in the garden']);
    expect(new MessageSearch().search(ListSnapshot.of(list), '  ', reader).shown).toEqual([]);
  });

  it('never finds a blocked member’s words, nor a hidden message for a member', () => {
    const list = [
      message('secret plans', { author: 'blocked' }),
      message('secret hidden', { hidden: { by: 'fac', reason: 'unkind' } }),
      message('secret mine hidden', { author: 'me', hidden: { by: 'fac', reason: 'unkind' } }),
      message('secret open'),
    ];
    const search = new MessageSearch();
    const member = { ...reader, blocked: new Set(['blocked']) };
    const asMember = search.search(ListSnapshot.of(list), 'secret', member);
    expect(texts(asMember.shown)).toEqual(['secret open', 'secret mine hidden']);
    expect(asMember.hiddenByFacilitator).toEqual([]);
    expect(asMember.behindWarning).toEqual([]);
    const asFacilitator = search.search(ListSnapshot.of(list), 'secret', {
      ...member,
      facilitator: true,
    });
    expect(texts(asFacilitator.hiddenByFacilitator)).toEqual(['secret hidden']);
    expect(texts(asFacilitator.shown)).not.toContain('secret plans');
  });

  it('keeps text behind a content warning apart until the person uncovered it', () => {
    const warned = message('hard day', { warning: 'grief' });
    const mineWarned = message('hard too', { author: 'me', warning: 'grief' });
    const list = ListSnapshot.of([warned, mineWarned]);
    const search = new MessageSearch();
    const covered = search.search(list, 'hard', reader);
    expect(texts(covered.shown)).toEqual(['hard too']);
    expect(covered.behindWarning).toEqual([warned]);
    const opened = search.search(list, 'hard', {
      ...reader,
      openedWarnings: new Set([messageKey(warned.author, warned.id)]),
    });
    expect(opened.shown).toHaveLength(2);
    // Another member's warned message under the same id stays covered: the pair names a record.
    const copy = message('hard copy', { author: 'mallory', warning: 'grief' });
    const reused = { ...copy, id: warned.id };
    const withCopy = search.search(ListSnapshot.of([warned, reused]), 'hard', {
      ...reader,
      openedWarnings: new Set([messageKey(warned.author, warned.id)]),
    });
    expect(withCopy.behindWarning).toEqual([reused]);
    const topic = search.search(list, 'hard', { ...reader, uncoveredTopics: new Set(['grief']) });
    expect(topic.behindWarning).toEqual([]);
  });

  it('follows the timeline: an edited text is searched as it is now, a removed message is gone', () => {
    const first = message('old words');
    const second = message('other words');
    const search = new MessageSearch();
    const items = [first, second];
    search.prepare(ListSnapshot.of(items));
    first.text = 'new words';
    expect(texts(search.search(ListSnapshot.of(items), 'old', reader).shown)).toEqual([]);
    expect(texts(search.search(ListSnapshot.of(items), 'new', reader).shown)).toEqual([
      'new words',
    ]);
    expect(texts(search.search(ListSnapshot.of([second]), 'words', reader).shown)).toEqual([
      'other words',
    ]);
  });

  it('keeps up with a timeline that grows, gets history merged in, and is prepared in slices', () => {
    const search = new MessageSearch();
    const a = message('apple one');
    const b = message('apple two');
    const items = [a, b];
    expect(search.prepare(ListSnapshot.of(items), 1)).toBe(false);
    expect(search.prepare(ListSnapshot.of(items), 1)).toBe(true);
    items.push(message('apple three'));
    expect(texts(search.search(ListSnapshot.of(items), 'apple', reader).shown)).toEqual([
      'apple three',
      'apple two',
      'apple one',
    ]);
    // An older message merged in the middle: a new array, as the timeline makes on a reorder.
    const merged = [a, message('apple older'), b, items[2]!];
    expect(texts(search.search(ListSnapshot.of(merged), 'apple', reader).shown)).toEqual([
      'apple three',
      'apple two',
      'apple older',
      'apple one',
    ]);
    expect(texts(search.search(ListSnapshot.of([b]), 'apple', reader).shown)).toEqual([
      'apple two',
    ]);
  });
});
