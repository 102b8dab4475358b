// Reading a JSON export back: a bad or altered file is refused with a message and changes
// nothing; identity is the entry id, and of two versions the one edited last wins.
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src-shared/bytes';
import {
  jsonBytes,
  parseJournalFile,
  planImport,
  type JournalEntry,
} from '../../src-shared/journal';
import { FIXTURE } from '../support/journal-fixtures';

const exported = () =>
  JSON.parse(
    new TextDecoder().decode(
      jsonBytes({ entries: FIXTURE, range: null, exportedAt: '2026-11-24T12:00:00.000Z' }),
    ),
  );
const bytesOf = (value: unknown) => utf8(JSON.stringify(value));
const refused = (bytes: Uint8Array) => {
  const r = parseJournalFile(bytes);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.message;
};

describe('parseJournalFile', () => {
  it('refuses what is not JSON, not a journal, or another version', () => {
    expect(refused(utf8('not json {'))).toMatch(/not valid JSON/);
    expect(refused(new Uint8Array([0xff, 0xfe, 0x00]))).toMatch(/not valid JSON/);
    expect(refused(bytesOf({ hello: 1 }))).toBe('This file is not a Hearth journal export.');
    expect(refused(bytesOf(null))).toBe('This file is not a Hearth journal export.');
    expect(refused(bytesOf({ ...exported(), version: 3 }))).toMatch(/format version 3/);
  });

  it('refuses a file changed by hand: any bad entry fails the whole file and names it', () => {
    const cases: [string, (f: ReturnType<typeof exported>) => void][] = [
      ['mood out of range', (f) => (f.entries[1].mood = 9)],
      ['text not a string', (f) => (f.entries[0].text = 42)],
      ['unknown field', (f) => (f.entries[2].secret = 'x')],
      ['local date moved without the instant', (f) => (f.entries[3].date = '2026-11-25')],
      ['impossible date', (f) => (f.entries[3].date = '2026-02-30')],
      ['instant in another form', (f) => (f.entries[0].updatedAt = '2026-11-20T07:30:00Z')],
      ['bad id', (f) => (f.entries[0].id = 'x')],
      ['entries not a list', (f) => (f.entries = {})],
      ['unknown top-level field', (f) => (f.extra = true)],
    ];
    for (const [name, tamper] of cases) {
      const file = exported();
      tamper(file);
      const message = refused(bytesOf(file));
      expect(message, name).toMatch(/damaged or was changed by hand|not a Hearth journal/);
    }
    const file = exported();
    file.entries[1].mood = 9;
    expect(refused(bytesOf(file))).toMatch(/entry 2: mood is not valid/);
  });

  it('refuses a file that lists one entry twice', () => {
    const file = exported();
    file.entries.push(file.entries[0]);
    expect(refused(bytesOf(file))).toMatch(/lists the entry entry-aaaa-0001 twice/);
  });

  it('accepts a byte order mark (a file saved again by an editor)', () => {
    const r = parseJournalFile(utf8('\uFEFF' + JSON.stringify(exported())));
    expect(r.ok).toBe(true);
  });
});

describe('planImport', () => {
  const here = (entries: JournalEntry[]) => new Map(entries.map((e) => [e.id, e]));

  it('adds new ids and does nothing for a second import of the same file', () => {
    expect(planImport(here([]), FIXTURE)).toEqual({
      add: FIXTURE,
      replace: [],
      unchanged: 0,
      keptNewer: 0,
    });
    expect(planImport(here(FIXTURE), FIXTURE)).toEqual({
      add: [],
      replace: [],
      unchanged: 4,
      keptNewer: 0,
    });
  });

  it('keeps whichever version was edited last', () => {
    const [a, b] = FIXTURE as [JournalEntry, JournalEntry];
    const newerInFile = {
      ...a,
      text: 'edited later elsewhere',
      updatedAt: '2026-11-25T09:00:00.000Z',
    };
    const newerHere = {
      ...b,
      text: 'edited here since the backup',
      updatedAt: '2026-11-26T09:00:00.000Z',
    };
    const plan = planImport(here([a, newerHere]), [newerInFile, b]);
    expect(plan).toEqual({ add: [], replace: [newerInFile], unchanged: 0, keptNewer: 1 });
  });
});
