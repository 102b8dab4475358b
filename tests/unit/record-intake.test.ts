// Taking judged records into a circle: real ledger, real records and crypto, a write batcher
// over a stand-in store. Checks the write schedule, the progress line of a catch-up, that one
// failure does not stop later batches, and the retry of records held for a missing key.
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EpochKeyring } from '../../src-shared/circle/epoch-keyring';
import { foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import { BucketLog } from '../../src-shared/circle/bucket-log';
import { CircleLedger } from '../../src-shared/circle/ledger';
import {
  generateEpochKeys,
  generateMemberKeys,
  type EpochKeys,
} from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { PRIVATE_NOTE_QUOTA } from '../../src-shared/circle/author-quota';
import { draftPrivateNote } from '../../src-shared/records/private-note';
import type { RecordOf } from '../../src-shared/records/schema';
import { sealRecord } from '../../src-shared/records/seal';
import { HeadStartRecords } from '../../src-renderer/services/circles/head-start-records';
import { PresenceTracker } from '../../src-renderer/services/circles/presence-tracker';
import { RecordIntake } from '../../src-renderer/services/circles/record-intake';
import { inlineOpener } from '../../src-renderer/services/circles/record-opener';
import {
  OWN_WRITE_DELAY_MS,
  PEER_WRITE_DELAY_MS,
  WriteBatcher,
} from '../../src-renderer/services/circles/write-batcher';
import { keyOf, SimMember } from '../support/circle-sim';
import { messageIn, sealBy } from '../support/sealed-writer';

const T0 = 1_700_000_000_000;
let circle: FoundedCircle;
beforeAll(async () => {
  await loadSodium();
  circle = foundCircle({ name: 'Intake', description: '', displayName: 'Ana' }, T0 - 1_000);
});

function setUp(options: { failOnChange?: number } = {}) {
  const ledger = new CircleLedger(circle.genesis);
  const writes = new WriteBatcher(
    { appendLogs: () => Promise.resolve() },
    'c',
    new Y.Doc(),
    () => {},
  );
  const presence = new PresenceTracker(circle.keys, 'me', ledger, () => {});
  const keyring = new EpochKeyring([circle.epoch]);
  const progress: (number | null)[] = [];
  let changes = 0;
  let ingested = 0;
  const discarded: unknown[] = [];
  const strangers: string[] = [];
  const notes: RecordOf<'private-note'>[] = [];
  const intake: RecordIntake = new RecordIntake(circle.circleId, keyring, inlineOpener, {
    ledger,
    writes,
    keeper: {
      discard: (items) => discarded.push(...items),
      holdStranger: (entry) => strangers.push(entry.key),
      isKnown: (author) => ledger.people.has(author),
      dropStrangers: () => [],
      rebuildSoon: () => {},
    },
    presence,
    headStart: new HeadStartRecords(),
    erasure: {
      log: new BucketLog(new Y.Doc(), 'w'),
      store: {
        loadJudged: () => Promise.reject(new Error('no store')),
        compactJudged: () => Promise.resolve(),
      },
      localId: 'c',
    },
    notes: { take: (records) => notes.push(...records) },
    changed: () => {
      changes++;
      progress.push(intake.progress?.fraction ?? null);
      if (changes === options.failOnChange) throw new Error('a listener failed');
    },
    ingested: () => ingested++,
    viewShowsProgress: () => false,
  });
  // The peer whose records come in: the founder, writing on a device of its own.
  const ana = new SimMember(circle.keys, circle.genesis);
  const msg = (text: string, ts: number, keys: EpochKeys = circle.epoch) =>
    messageIn(ana, keys, text, ts).sealed;
  const texts = () => ledger.messages.map((m) => m.text);
  return {
    intake,
    ledger,
    writes,
    keyring,
    progress,
    texts,
    ana,
    msg,
    discarded,
    strangers,
    notes,
    ingested: () => ingested,
  };
}

describe('RecordIntake', () => {
  it("a peer's message is written within a second, an admission within 100 ms", async () => {
    const { intake, writes, ledger, texts, ana, msg, ingested } = setUp();
    intake.queue([msg('hello', T0)]);
    await intake.idle;
    expect(texts()).toEqual(['hello']);
    // The session is told, so it looks at epochs and standing again.
    expect(ingested()).toBe(1);
    // Asked for while judging, so measured from after it: due later than an own write would be.
    expect(writes.flushDue - performance.now()).toBeGreaterThan(OWN_WRITE_DELAY_MS);
    expect(writes.flushDue - performance.now()).toBeLessThanOrEqual(PEER_WRITE_DELAY_MS);
    writes.flush();
    const bo = generateMemberKeys();
    const invite = ana.invite({ approval: 'auto' });
    const admit = ana.admit(bo, invite, 'Bo');
    intake.queue([invite, admit].map((r) => sealBy(ana, r, circle.epoch.contentKey)));
    await intake.idle;
    expect(ledger.members.has(keyOf(bo))).toBe(true);
    expect(writes.flushDue - performance.now()).toBeLessThanOrEqual(OWN_WRITE_DELAY_MS);
    writes.flush();
  });

  it('a catch-up puts a progress line up and takes it down at the end', async () => {
    const { intake, progress, texts, msg } = setUp();
    intake.queue(Array.from({ length: 400 }, (_, i) => msg(`m${i}`, T0 + i)));
    await intake.idle;
    expect(texts()).toHaveLength(400);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBeNull();
    expect(intake.progress).toBeNull();
  });

  it('one failing batch does not stop the ones after it, and idle never rejects', async () => {
    const { intake, texts, msg } = setUp({ failOnChange: 1 });
    intake.queue([msg('first', T0)]);
    intake.queue([msg('second', T0 + 1)]);
    await expect(intake.idle).resolves.toBeUndefined();
    expect(texts()).toEqual(['first', 'second']);
  });

  it('records held for a missing key are judged again when retried after the key came', async () => {
    const { intake, keyring, texts, msg } = setUp();
    const epoch1 = generateEpochKeys(1);
    intake.queue([msg('later epoch', T0, epoch1)]);
    // Queued before the key is added: the retry takes what is held when its turn comes.
    intake.retryAwaitingKey();
    await intake.idle;
    expect(texts()).toEqual([]);
    expect(intake.ignored).toBe(1);
    keyring.add(epoch1);
    intake.retryAwaitingKey();
    await intake.idle;
    expect(texts()).toEqual(['later epoch']);
    expect(intake.ignored).toBe(0);
  });

  it("keeps private notes apart, from one-time keys, and a flood of them only up to a day's quota", async () => {
    const { intake, ledger, texts, notes, strangers, discarded, msg } = setUp();
    const note = (i: number) => {
      const drafted = draftPrivateNote(
        { circleId: circle.circleId, epoch: 0, ts: T0 + i },
        generateMemberKeys(),
        [circle.keys.signPublicKey],
        { type: 'outcome', report: 'r'.repeat(22), outcome: 'reviewed' },
      );
      return sealRecord(drafted.record, drafted.signSecretKey, circle.epoch.contentKey);
    };
    const flood = Array.from({ length: PRIVATE_NOTE_QUOTA.recordsPerDay + 20 }, (_, i) => note(i));
    intake.queue([msg('hello', T0), ...flood]);
    await intake.idle;
    // Each note has its own writer, never let in: not held as a stranger, never in the ledger.
    expect(strangers).toEqual([]);
    expect(texts()).toEqual(['hello']);
    expect(ledger.has(notes[0]!)).toBe(false);
    // The circle's notes share one quota: the 20 over it are refused and go out of the log.
    expect(notes).toHaveLength(PRIVATE_NOTE_QUOTA.recordsPerDay);
    expect(discarded).toHaveLength(20);
  });
});
