// Moderation bodies as a hostile member would write them (issue 17): the schema every peer holds
// a record to refuses anything but the exact shapes, so junk never reaches the fold.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GUIDELINES } from '../../src-shared/circle/moderation';
import { foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { GuidelinesBody, RecordContent } from '../../src-shared/records/schema';
import { newKeys, SimMember } from '../support/circle-sim';

let c: FoundedCircle;
let ana: SimMember;
let key: string;
let messageId: string;

beforeAll(async () => {
  await loadSodium();
  c = foundCircle({ name: 'Circle', description: '', displayName: 'Ana' }, 1_700_000_000_000);
  ana = new SimMember(c.keys, c.genesis);
  key = new SimMember(newKeys(), c.genesis).key;
  messageId = ana.message('hi').id;
});

/** A well-formed record of `kind` by Ana, with its body replaced by `body`. */
function withBody(kind: 'hide' | 'mute' | 'guidelines', body: unknown): unknown {
  const good = {
    hide: { author: key, id: messageId, hidden: true, reason: 'r' },
    mute: { member: key, until: 1, reason: 'r' },
    guidelines: { text: 'Be kind.' },
  }[kind];
  const record = ana.write(kind, good);
  return { ...record, body };
}

const accepts = (kind: 'hide' | 'mute' | 'guidelines', body: unknown) =>
  RecordContent.safeParse(withBody(kind, body)).success;

describe('moderation bodies', () => {
  it('take the exact shapes', () => {
    expect(accepts('hide', { author: key, id: messageId, hidden: false, reason: 'ok now' })).toBe(
      true,
    );
    expect(accepts('mute', { member: key, until: 1_800_000_000_000, reason: 'pause' })).toBe(true);
    expect(accepts('guidelines', { text: 'x'.repeat(4000) })).toBe(true);
  });

  it('refuse extra keys, missing keys and wrong types', () => {
    const hide = { author: key, id: messageId, hidden: true, reason: 'r' };
    expect(accepts('hide', { ...hide, html: '<b>' })).toBe(false);
    expect(accepts('hide', { author: key, id: messageId, reason: 'r' })).toBe(false);
    expect(accepts('hide', { ...hide, hidden: 'yes' })).toBe(false);
    expect(accepts('mute', { member: key, until: 1, reason: 'r', by: key })).toBe(false);
    expect(accepts('mute', { member: key, until: 1.5, reason: 'r' })).toBe(false);
    expect(accepts('mute', { member: key, until: -1, reason: 'r' })).toBe(false);
    expect(accepts('mute', { member: key, until: '1', reason: 'r' })).toBe(false);
    expect(accepts('guidelines', { text: 'Be kind.', pinned: true })).toBe(false);
    expect(accepts('guidelines', { text: 42 })).toBe(false);
  });

  it('refuse bad ids and keys', () => {
    const hide = { author: key, id: messageId, hidden: true, reason: 'r' };
    for (const id of ['', 'short', messageId + 'x', messageId.slice(1) + '/', '../' + messageId])
      expect(accepts('hide', { ...hide, id }), id).toBe(false);
    for (const author of ['', key.slice(1), key + 'A', key.slice(1) + '='])
      expect(accepts('hide', { ...hide, author }), author).toBe(false);
    expect(accepts('mute', { member: 'everyone', until: 1, reason: 'r' })).toBe(false);
  });

  it('refuse empty or overlong reasons and guidelines', () => {
    const hide = { author: key, id: messageId, hidden: true };
    expect(accepts('hide', { ...hide, reason: '' })).toBe(false);
    expect(accepts('hide', { ...hide, reason: '   ' })).toBe(false);
    expect(accepts('hide', { ...hide, reason: 'r'.repeat(501) })).toBe(false);
    expect(accepts('mute', { member: key, until: 1, reason: '\n\t' })).toBe(false);
    expect(accepts('guidelines', { text: 'x'.repeat(4001) })).toBe(false);
    expect(accepts('guidelines', { text: '' })).toBe(false);
    expect(accepts('guidelines', { text: ' \n ' })).toBe(false);
  });

  it('the default guidelines fit a guidelines record and say where to find help', () => {
    expect(GuidelinesBody.safeParse({ text: DEFAULT_GUIDELINES }).success).toBe(true);
    expect(DEFAULT_GUIDELINES).toMatch(/not crisis care/);
    expect(DEFAULT_GUIDELINES).toMatch(/Get help now/);
    expect(DEFAULT_GUIDELINES).toMatch(/content warning/);
  });
});
