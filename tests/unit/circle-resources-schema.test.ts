// A circle's own support resources (issue 17) as a hostile facilitator or member would write
// them: the schema every peer holds a `resources` record to refuses links that are not plain
// https, over-long fields, entries nobody could reach and anything beyond the exact shape; the
// editor's check (circle-resource-drafts.ts) never lets through what the schema refuses, and
// says what is wrong next to the field it is about.
import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle } from '../../src-shared/circle/founding';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { ResourcesBody } from '../../src-shared/records/resources-body';
import { RecordContent } from '../../src-shared/records/schema';
import {
  checkResourceDrafts,
  draftOf,
  emptyResourceDraft,
  type ResourceDraft,
} from '../../src-shared/safety/circle-resource-drafts';
import { SimMember } from '../support/circle-sim';

let ana: SimMember;

beforeAll(async () => {
  await loadSodium();
  const c = foundCircle({ name: 'Circle', description: '', displayName: 'Ana' }, 1_700_000_000_000);
  ana = new SimMember(c.keys, c.genesis);
});

const GOOD = {
  name: 'Riverside peer line',
  phone: '+44 (0)20 7946-0000',
  text: 'Text RIVER to 60000',
  web: 'https://riverside.example.org/help',
  hours: 'Evenings, 6pm to midnight',
  note: 'Run by volunteers who have been there.',
};

/** Whether a whole record carrying `entries` passes the schema every peer applies. */
const recordAccepts = (entries: unknown[]): boolean =>
  RecordContent.safeParse({ ...ana.write('resources', { entries: [] }), body: { entries } })
    .success;
const accepts = (entry: Record<string, unknown>) => recordAccepts([entry]);

describe('a resources record', () => {
  it('takes the exact shape, from one way to reach up to every field, and an empty list', () => {
    expect(accepts(GOOD)).toBe(true);
    expect(accepts({ name: 'Line', phone: '116 123' })).toBe(true);
    expect(accepts({ name: 'Chat', text: 'Chat at the website' })).toBe(true);
    expect(accepts({ name: 'Site', web: 'https://xn--bcher-kva.example/' })).toBe(true);
    expect(recordAccepts([])).toBe(true);
    expect(recordAccepts(Array.from({ length: 12 }, () => GOOD))).toBe(true);
  });

  it('refuses web links that are not plain https: javascript:, http:, data:, credentials, odd hosts', () => {
    for (const web of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'http://riverside.example.org/',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'hearth://join/abc',
      'https://bank.example@evil.example/',
      'https://user:pw@riverside.example.org/',
      'https://riverside.example.org', // not canonical: URL writes it with a trailing slash
      'https://riverside.example.org/\nhelp',
      ' https://riverside.example.org/',
      'https://localhost/',
      'https://[::1]/',
      '//riverside.example.org/',
      'riverside.example.org',
      `https://riverside.example.org/${'a'.repeat(200)}`,
    ])
      expect(accepts({ ...GOOD, web }), web).toBe(false);
  });

  it('refuses phone numbers with anything but digits, spaces, +, - and brackets', () => {
    for (const phone of [
      'call me',
      '+44 20 7946 0000 ext. 2',
      '<b>116</b>',
      '+()',
      '',
      ' 116',
      'x',
    ])
      expect(accepts({ ...GOOD, phone }), phone).toBe(false);
    expect(accepts({ ...GOOD, phone: '1'.repeat(33) })).toBe(false);
    expect(accepts({ ...GOOD, phone: '1'.repeat(32) })).toBe(true);
  });

  it('refuses over-long and empty fields', () => {
    const over = { name: 81, text: 65, hours: 81, note: 301 } as const;
    for (const [field, n] of Object.entries(over)) {
      expect(accepts({ ...GOOD, [field]: 'x'.repeat(n) }), field).toBe(false);
      expect(accepts({ ...GOOD, [field]: 'x'.repeat(n - 1) }), field).toBe(true);
      expect(accepts({ ...GOOD, [field]: '  ' }), field).toBe(false);
    }
  });

  it('refuses an entry with no way to reach the service, extra keys, and more than 12 entries', () => {
    expect(accepts({ name: 'Nowhere', hours: '24/7', note: 'Just a name' })).toBe(false);
    expect(accepts({ name: 'Nowhere' })).toBe(false);
    expect(accepts({ phone: '116 123' })).toBe(false);
    expect(accepts({ ...GOOD, html: '<a href="javascript:x">' })).toBe(false);
    expect(accepts({ ...GOOD, languages: ['en'] })).toBe(false);
    expect(recordAccepts(Array.from({ length: 13 }, () => GOOD))).toBe(false);
    expect(recordAccepts(['116 123'])).toBe(false);
    expect(ResourcesBody.safeParse({ entries: [GOOD], pinned: true }).success).toBe(false);
    expect(ResourcesBody.safeParse({}).success).toBe(false);
  });
});

const draft = (fields: Partial<ResourceDraft>): ResourceDraft => ({
  ...emptyResourceDraft(),
  ...fields,
});

describe("the editor's check", () => {
  it('tidies what was typed into entries the schema takes', () => {
    const got = checkResourceDrafts([
      draft({ name: '  Riverside ', phone: ' 0800 123 ', web: 'riverside.example.org/help' }),
      draft({ name: 'Chat', text: 'Chat online', hours: '' }),
    ]);
    expect(got).toEqual({
      ok: true,
      entries: [
        { name: 'Riverside', phone: '0800 123', web: 'https://riverside.example.org/help' },
        { name: 'Chat', text: 'Chat online' },
      ],
    });
    if (got.ok) expect(ResourcesBody.safeParse({ entries: got.entries }).success).toBe(true);
    expect(checkResourceDrafts([draftOf(GOOD)])).toEqual({ ok: true, entries: [GOOD] });
    expect(checkResourceDrafts([])).toEqual({ ok: true, entries: [] });
  });

  it('refuses what the schema refuses, with a calm message on the field concerned', () => {
    const got = checkResourceDrafts([
      draft({ name: 'Fine', phone: '116 123' }),
      draft({ name: 'Sneaky', web: 'javascript:alert(1)' }),
      draft({ name: 'Plain', web: 'http://riverside.example.org/' }),
      draft({ name: 'Creds', web: 'https://bank.example@evil.example/' }),
      draft({ name: 'Letters', phone: 'call me' }),
      draft({ name: 'Nowhere', hours: '24/7' }),
      draft({ phone: '116 123', note: 'x'.repeat(301) }),
    ]);
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.message).toMatch(/^Resource 2 needs a change: Please give a web address/);
    expect(got.problems[0]).toEqual({});
    expect(got.problems[1]).toEqual({ web: expect.stringMatching(/https:\/\//) });
    expect(got.problems[2]).toEqual({ web: expect.stringMatching(/https:\/\//) });
    expect(got.problems[3]).toEqual({ web: expect.stringMatching(/name or password/) });
    expect(got.problems[4]).toEqual({ phone: expect.stringMatching(/digits, spaces/) });
    expect(got.problems[5]).toEqual({ reach: expect.stringMatching(/at least one way/) });
    expect(got.problems[6]).toEqual({
      name: 'Please give the service a name.',
      note: expect.stringMatching(/up to 300 characters \(this one has 301\)/),
    });
  });

  it('refuses a thirteenth entry', () => {
    const got = checkResourceDrafts(Array.from({ length: 13 }, () => draftOf(GOOD)));
    expect(got).toMatchObject({ ok: false, message: expect.stringMatching(/up to 12/) });
  });

  it('never passes an entry the schema refuses (seeded junk: the seed is in the failure)', () => {
    const pieces = [
      '',
      ' ',
      'x',
      '116',
      '+()',
      'https://a.example/',
      'http://a.example/',
      'javascript:1',
      'y'.repeat(90),
    ];
    for (let seed = 1; seed <= 300; seed++) {
      let s = seed;
      const pick = () => pieces[(s = (s * 1_103_515_245 + 12_345) % 2 ** 31) % pieces.length]!;
      const d = draft({ name: pick(), phone: pick(), text: pick(), web: pick(), hours: pick() });
      const got = checkResourceDrafts([d]);
      if (got.ok)
        expect(ResourcesBody.safeParse({ entries: got.entries }).success, `seed ${seed}`).toBe(
          true,
        );
      else expect(Object.keys(got.problems[0]!).length, `seed ${seed}`).toBeGreaterThan(0);
    }
  });
});
