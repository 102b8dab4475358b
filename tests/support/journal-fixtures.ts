// Fixed journal entries for tests and benchmarks: valid by the schema, the same on every machine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { localParts, type JournalEntry, type MeasureResult } from '../../src-shared/journal';

/** An entry at `at` (UTC) on a clock `utcOffset` minutes east of UTC. */
export function entry(
  id: string,
  at: string,
  fields: Partial<JournalEntry> = {},
  utcOffset = 60,
): JournalEntry {
  const { date, time } = localParts(at, utcOffset);
  return {
    id,
    kind: 'entry',
    at,
    date,
    time,
    utcOffset,
    mood: 3,
    emotions: [],
    sleep: '',
    energy: '',
    text: '',
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

/** Awkward on purpose: Markdown specials, CSV separators and quotes, newlines, emoji, empty fields. */
export const FIXTURE: JournalEntry[] = [
  entry('entry-aaaa-0001', '2026-11-20T07:30:00.000Z', {
    mood: 2,
    emotions: ['tired', '*anxious*'],
    sleep: '5h, woke at 3',
    energy: 'low',
    text: 'Rough night.\n\n- walked the dog\n- **called** mum, said "I\'m fine"',
  }),
  entry('entry-aaaa-0002', '2026-11-21T21:05:00.000Z', {
    mood: 4,
    emotions: ['calm'],
    text: 'Better day 🌱, tea with Sam & Jo <3',
    kind: 'check-in',
  }),
  entry('entry-aaaa-0003', '2026-11-22T23:30:00.000Z', { mood: null, emotions: [], text: '' }),
  entry('entry-aaaa-0004', '2026-11-24T08:00:00.000Z', {
    mood: 5,
    emotions: ['hopeful', 'grateful'],
    energy: 'good, steady',
    text: '# Not a heading?\nLine two, with "quotes", commas; and a tab\there.',
  }),
];

/** `count` entries, one a day (some days two) going back from 2026-11-24, with varied text. */
export function manyEntries(count: number): JournalEntry[] {
  const out: JournalEntry[] = [];
  const words = [
    'walked',
    'slept',
    'worried',
    'laughed',
    'rested',
    'cooked',
    'read',
    'called a friend',
  ];
  const end = Date.parse('2026-11-24T18:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const at = new Date(end - Math.floor(i * 0.8) * 86_400_000 - (i % 3) * 3_600_000).toISOString();
    out.push(
      entry(`bulk-${String(i).padStart(6, '0')}`, at, {
        mood: (((i * 7) % 5) + 1) as JournalEntry['mood'],
        emotions: i % 4 === 0 ? ['calm', 'tired'] : ['hopeful'],
        sleep: i % 2 === 0 ? '7h' : '',
        text: `Day ${i}: ${words[i % words.length]}, then ${words[(i * 3) % words.length]}. A longer line to wrap in the PDF export so that layout is exercised on every entry, with some more words.`,
      }),
    );
  }
  return out;
}

/** `count` questionnaire results, one every few days back from 24 Nov 2026, the three kinds in turn. */
export function manyMeasures(count: number): MeasureResult[] {
  const kinds = ['who5', 'phq9', 'gad7'] as const;
  const lengths = { who5: 5, phq9: 9, gad7: 7 };
  const end = Date.parse('2026-11-24T18:00:00.000Z');
  return Array.from({ length: count }, (_, i) => {
    const instrument = kinds[i % 3]!;
    const at = new Date(end - Math.floor(i / 3) * 14 * 86_400_000).toISOString();
    return {
      id: `measure-${String(i).padStart(6, '0')}`,
      instrument,
      at,
      date: at.slice(0, 10),
      answers: Array.from({ length: lengths[instrument] }, (_, k) => (i + k) % 4),
    };
  });
}

let font: Uint8Array | undefined;
/** The font the app ships for PDF export. */
export function pdfFont(): Uint8Array {
  font ??= new Uint8Array(
    readFileSync(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  );
  return font;
}
