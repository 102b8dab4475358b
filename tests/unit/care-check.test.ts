// The on-device care check (issue 17): written as attacks from both sides. Everyday idioms
// must not make it offer crisis resources (a tool that cries wolf gets switched off), and
// disguised or misspelled crisis language must still reach it. The labelled sets measure it:
// labelled-en.tsv is the set the lexicon was tuned on, labelled-en-holdout.tsv was written at
// the same time and never looked at while tuning, so its figures are the honest ones.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  careCheck,
  careLexiconSchema,
  createCareCheck,
  explainCareCheck,
} from '../../src-shared/care/care-check';
import english from '../../src-shared/care/lexicon/en.json';

const REPO = path.resolve(__dirname, '../..');
const FIXTURES = path.join(REPO, 'tests/fixtures/care-check');

/** Shows which pattern fired, so a failing row says why. */
const why = (text: string): string => {
  const result = explainCareCheck(text);
  return result.verdict === 'concern' ? `${result.theme}: ${result.pattern}` : 'none';
};

describe('the care check, attacked', () => {
  // Everyday talk that a substring match on "kill", "die", "dead", "cut" or "suicide" would flag.
  const idioms = [
    'This homework is killing me.',
    "I'm dying to see it!",
    'I could kill for a coffee.',
    'Dead tired, going to bed.',
    'She killed it at work today.',
    'That tiramisu is to die for.',
    'They scored on a suicide squeeze in the seventh.',
    'Can someone cut the cake?',
    'I nearly died laughing.',
    'I nearly killed myself laughing at that.',
    "Don't kill yourself working so hard.",
    'Quitting now would be career suicide.',
    'Sounds like a suicide mission, count me in.',
    'Coach had us running suicides all practice.',
    'I ran 12 kms this morning.',
    'I overdosed on chocolate over the holidays.',
    'I killed myself with my own grenade lol',
    'Nobody would notice if I left the party early.',
    'I want to die my hair blue.',
    "This is the hill I'm willing to die on.",
    'I cut myself shaving this morning.',
    'Careful, you could cut yourself on that lid.',
    'I burned myself on the oven door.',
    'I slipped on the stairs and hurt myself.',
    "I'm tired of living with roommates.",
    'We ended things with that supplier.',
    'Our hours got cut again.',
    "I've been cutting back on coffee.",
    'You shot yourself in the foot there.',
    'My phone is dead and so am I after that hike.',
    'Killing time at the airport.',
    "I won't be around next week, I'm on holiday.",
  ];
  it.each(idioms)('no concern: %s', (text) => {
    expect(why(text)).toBe('none');
  });

  // Crisis language as people type it: capitals, slang, typos, look-alike characters, spacing.
  const concerns = [
    'I WANT TO DIE',
    'i want to díe',
    'I want to k1ll my5elf',
    'I want to k!ll myself',
    'su!c!dal again',
    'thinking about s*icide',
    'I want to d-i-e',
    'I want to d.i.e',
    'I want to dieeeee',
    'sui-cide',
    'sui\u200bcide',
    '\uff53\uff55\uff49\uff43\uff49\uff44\uff45',
    'suicdal thoughts',
    'i’m gonna kms',
    'I don’t want to live anymore',
    'kys',
    'go kys',
    'i want to unalive myself',
    'sewer slide',
    'killmyself',
    'my sister self-harms',
    "I'm not suicidal, I just feel empty.",
    'My friend says she wants to kill herself.',
    'Everyone would be better off without me.',
    "I won't be around much longer.",
    'no reason to live',
    'I want to end it all.',
    "I've started cutting again.",
    'i wanna die lol',
    'I took an overdose last year.',
  ];
  it.each(concerns)('concern: %s', (text) => {
    expect(careCheck(text)).toBe('concern');
  });

  it('says none for nothing, for punctuation and for the empty line', () => {
    for (const text of ['', ' ', '...', '!!!', "'", '-', '\n\n', '😊', '12 34']) {
      expect(careCheck(text)).toBe('none');
    }
  });

  it('finds a concern at the end of a long message and inside a longer one', () => {
    const filler = 'We talked about the garden and the weather, and about work. '.repeat(60);
    expect(careCheck(filler)).toBe('none');
    expect(careCheck(`${filler} I want to die.`)).toBe('concern');
    expect(careCheck(`I want to die. ${filler}`)).toBe('concern');
  });

  it('an idiom cancels only the words it covers, not a concern elsewhere in the text', () => {
    expect(careCheck('I nearly killed myself laughing.')).toBe('none');
    expect(careCheck('I nearly killed myself laughing. But honestly I want to die.')).toBe(
      'concern',
    );
  });

  it('logs nothing, anywhere, whatever it reads', () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((name) =>
      vi.spyOn(console, name),
    );
    for (const text of [...idioms, ...concerns]) careCheck(text);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the lexicon file', () => {
  it('fits its schema and compiles', () => {
    expect(() => careLexiconSchema.parse(english)).not.toThrow();
    expect(() => createCareCheck(english)).not.toThrow();
  });

  const minimal = {
    $comment: 'test',
    language: 'en',
    spellings: { wanna: 'want to' },
    fuzzy: [],
    groups: { self: ['myself'] },
    concern: { test: ['kill @self'] },
    idioms: { test: ['kill @self laughing'] },
  };

  it('a minimal lexicon works, so the rejections below are about their one change', () => {
    const check = createCareCheck(minimal);
    expect(check.check('I want to kill myself')).toBe('concern');
    expect(check.check('I killed myself laughing')).toBe('none');
  });

  it.each([
    ['an unknown field', { ...minimal, extra: [] }],
    ['no $comment', { ...minimal, $comment: '' }],
    ['a capital letter in a pattern', { ...minimal, concern: { test: ['Kill @self'] } }],
    ['a double space', { ...minimal, concern: { test: ['kill  @self'] } }],
    ['a gap over 6 words', { ...minimal, concern: { test: ['kill ~9 myself'] } }],
    ['an unknown group', { ...minimal, concern: { test: ['kill @selves'] } }],
    ['a spelling used in a pattern', { ...minimal, concern: { test: ['wanna die'] } }],
    ['an optional first word', { ...minimal, concern: { test: ['kill? @self'] } }],
    ['a gap first', { ...minimal, concern: { test: ['~2 @self'] } }],
    ['a fuzzy word under 6 letters', { ...minimal, fuzzy: ['kill'] }],
    ['an empty theme', { ...minimal, idioms: { test: [] } }],
  ])('rejects %s', (_name, lexicon) => {
    expect(() => createCareCheck(lexicon)).toThrow();
  });
});

/** The rows of a labelled set: `label<TAB>sentence`, label `concern` or `none`. */
function readLabelled(file: string): { label: 'concern' | 'none'; text: string }[] {
  return readFileSync(path.join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [label, text, ...rest] = line.split('\t');
      if ((label !== 'concern' && label !== 'none') || text === undefined || rest.length > 0) {
        throw new Error(`${file}: malformed row: ${line}`);
      }
      return { label, text };
    });
}

function measure(file: string): { recall: number; falsePositiveRate: number } {
  const rows = readLabelled(file);
  const concerns = rows.filter((row) => row.label === 'concern');
  const nones = rows.filter((row) => row.label === 'none');
  const found = concerns.filter((row) => careCheck(row.text) === 'concern').length;
  const falsePositives = nones.filter((row) => careCheck(row.text) === 'concern').length;
  const recall = found / concerns.length;
  const falsePositiveRate = falsePositives / nones.length;
  console.log(
    `care check on ${file}: recall ${found}/${concerns.length} = ${recall.toFixed(3)}, ` +
      `false positives ${falsePositives}/${nones.length} = ${falsePositiveRate.toFixed(3)}`,
  );
  return { recall, falsePositiveRate };
}

describe('the labelled sets', () => {
  it('are large enough and about 45% concern', () => {
    const tuning = readLabelled('labelled-en.tsv');
    const holdout = readLabelled('labelled-en-holdout.tsv');
    expect(tuning.length).toBeGreaterThanOrEqual(260);
    expect(holdout.length).toBeGreaterThanOrEqual(100);
    for (const rows of [tuning, holdout]) {
      const share = rows.filter((row) => row.label === 'concern').length / rows.length;
      expect(share).toBeGreaterThan(0.4);
      expect(share).toBeLessThan(0.5);
    }
    // A sentence in both sets would make the holdout figures partly tuned ones.
    const tuned = new Set(tuning.map((row) => row.text.toLowerCase()));
    expect(holdout.filter((row) => tuned.has(row.text.toLowerCase()))).toEqual([]);
  });

  it('the tuning set: recall at least 0.9, false-positive rate at most 0.05', () => {
    const { recall, falsePositiveRate } = measure('labelled-en.tsv');
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(falsePositiveRate).toBeLessThanOrEqual(0.05);
  });

  it('the holdout set: recall at least 0.8, false-positive rate at most 0.1', () => {
    const { recall, falsePositiveRate } = measure('labelled-en-holdout.tsv');
    expect(recall).toBeGreaterThanOrEqual(0.8);
    expect(falsePositiveRate).toBeLessThanOrEqual(0.1);
  });
});

describe('npm run care-check', () => {
  /** Runs the script as `npm run care-check` does (tsx), in one node process. */
  const run = (input: string): string => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/care-check.ts'], {
      cwd: REPO,
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout;
  };

  it('prints one verdict per line, in order; an empty line is none; CRLF and no final newline', () => {
    const input = [
      'I want to die',
      '',
      'this homework is killing me',
      'kms',
      "I'm dying to see it",
      'everyone would be better off without me',
    ].join('\r\n');
    expect(run(input)).toBe('concern\nnone\nnone\nconcern\nnone\nconcern\n');
  }, 60_000);

  it('streams many lines and keeps their order', () => {
    const lines = Array.from({ length: 30_000 }, (_, i) =>
      i % 3 === 0 ? `${i} I want to kill myself` : `${i} killing time at the station`,
    );
    const out = run(lines.join('\n') + '\n').split('\n');
    expect(out).toHaveLength(lines.length + 1);
    expect(out.slice(0, -1)).toEqual(lines.map((_, i) => (i % 3 === 0 ? 'concern' : 'none')));
  }, 60_000);
});

describe('speed: it runs on every received message', () => {
  /** A 4,000-character message of ordinary talk, with the words the lexicon starts from. */
  const message = (
    'Thanks for listening yesterday, it really helped to talk about the week. Work has been ' +
    "hard and my sister is visiting soon, so I'm trying to get the flat ready before she " +
    "arrives. I don't know if I'll manage, but I want to try, and it would be better if I " +
    'had a plan. Anyway, how are you all doing? '
  )
    .repeat(20)
    .slice(0, 4000);

  /**
   * Mean milliseconds of CPU time per check, over the best of many short rounds: CPU time leaves
   * out the time other processes hold the machine's two shared cores, and the best round leaves
   * out the rounds they slowed down anyway (a busy sibling core, a cache they emptied).
   */
  const cpuMsPerCheck = (text: string): number => {
    const perRound = 200;
    for (let i = 0; i < perRound * 2; i++) careCheck(text);
    let best = Infinity;
    for (let round = 0; round < 25; round++) {
      const before = process.cpuUsage();
      for (let i = 0; i < perRound; i++) careCheck(text);
      const used = process.cpuUsage(before);
      best = Math.min(best, (used.user + used.system) / 1000 / perRound);
    }
    return best;
  };

  // Alone it takes about 0.04 ms here. In the suite another test file runs on the sibling core at
  // the same moment (two workers on two cores), and CPU time per check roughly doubles (0.07 ms in
  // CI), so the bound is 0.1 ms: still a fiftieth of the 5 ms delivery target.
  it('checks a 4,000-character message in under 0.1 ms', () => {
    expect(message).toHaveLength(4000);
    const plain = cpuMsPerCheck(message);
    const withConcern = cpuMsPerCheck(message.slice(0, 3980) + ' I want to die');
    console.log(
      `care check, 4,000 characters: ${plain.toFixed(4)} ms (none), ` +
        `${withConcern.toFixed(4)} ms (a concern at the end)`,
    );
    expect(plain).toBeLessThan(0.1);
    expect(withConcern).toBeLessThan(0.1);
  });
});
