// The judging pipeline on its own: real records sealed with real keys, opened on this thread
// (inlineOpener: the same chunks a worker pool gets). Attacks: tampered envelopes, items that are
// not bytes, a flood of envelopes of a made-up epoch.
import { beforeAll, describe, expect, it } from 'vitest';
import { EpochKeyring } from '../../src-shared/circle/epoch-keyring';
import { foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import {
  generateEpochKeys,
  generateMemberKeys,
  type EpochKeys,
} from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { envelopeKey } from '../../src-shared/records/seal';
import {
  BIG_BATCH,
  JudgingPipeline,
  type JudgedSlice,
} from '../../src-renderer/services/circles/judging-pipeline';
import { inlineOpener } from '../../src-renderer/services/circles/record-opener';
import { SimMember } from '../support/circle-sim';
import { messageIn, sealBy } from '../support/sealed-writer';

const T0 = 1_700_000_000_000;
let circle: FoundedCircle;
/** The founder, writing each record at its next position. */
let ana: SimMember;
beforeAll(async () => {
  await loadSodium();
  circle = foundCircle({ name: 'Judged', description: '', displayName: 'Ana' }, T0 - 1_000);
  ana = new SimMember(circle.keys, circle.genesis);
});

/** A message of Ana's sealed under `keys` (epoch 0's unless told). */
const sealedMessage = (text: string, ts: number, keys: EpochKeys = circle.epoch) =>
  messageIn(ana, keys, text, ts).sealed;

/** A pipeline with a listener that writes down everything it is told. */
function pipelineWith(keyring = new EpochKeyring([circle.epoch])) {
  const heard = {
    logKeys: [] as (string | null)[][],
    judgedBefore: [] as string[],
    catchingUp: 0,
    slices: [] as { slice: JudgedSlice; done: number; total: number; slices: number }[],
    discarded: [] as unknown[],
  };
  const pipeline = new JudgingPipeline(circle.circleId, keyring, inlineOpener, {
    logKeys: (keys) => heard.logKeys.push([...keys]),
    judgedBefore: (key) => heard.judgedBefore.push(key),
    catchingUp: () => heard.catchingUp++,
    slice: (slice, done, total, slices) => heard.slices.push({ slice, done, total, slices }),
    discard: (items) => heard.discarded.push(...items),
  });
  const texts = () =>
    heard.slices.flatMap(({ slice }) =>
      slice.records.flatMap(({ record }) => (record.kind === 'message' ? [record.body.text] : [])),
    );
  return { pipeline, heard, keyring, texts };
}

describe('JudgingPipeline', () => {
  it('opens a few items here in one slice; junk and tampered items are ignored, each judged once', async () => {
    const { pipeline, heard, texts } = pipelineWith();
    const good = [sealedMessage('one', T0), sealedMessage('two', T0 + 1)];
    const tampered = good[0]!.slice();
    tampered[40]! ^= 1;
    const items = [...good, tampered, new Uint8Array([1, 2, 3]), { not: 'bytes' }];
    expect(await pipeline.judge(items, true)).toEqual({ fresh: 3, notEnvelopes: 2 });
    expect(heard.slices).toHaveLength(1);
    expect(texts()).toEqual(['one', 'two']);
    const { slice } = heard.slices[0]!;
    expect(slice.records.map((r) => r.key)).toEqual(good.map((g) => envelopeKey(g)));
    expect(slice.sealed).toEqual(good);
    expect(slice.rejected).toEqual([envelopeKey(tampered)]);
    expect(slice.awaitingKey).toEqual([]);
    expect(pipeline.ignored).toBe(3);
    expect(heard.logKeys).toHaveLength(1);
    expect(heard.catchingUp).toBe(0);

    // The same items again (a reconnect): nothing is opened twice, junk is counted again.
    expect(await pipeline.judge(items, false)).toEqual({ fresh: 0, notEnvelopes: 2 });
    expect(heard.judgedBefore.sort()).toEqual(
      [...good, tampered].map((g) => envelopeKey(g)!).sort(),
    );
    expect(heard.logKeys).toHaveLength(1); // not from the log this time
    expect(texts()).toEqual(['one', 'two']);
  });

  it('skips what was judged or rejected on an earlier run', async () => {
    const { pipeline, heard } = pipelineWith();
    const stored = sealedMessage('stored', T0);
    const rejected = sealedMessage('rejected before', T0);
    pipeline.markJudged(envelopeKey(stored)!);
    pipeline.markRejected([envelopeKey(rejected)!]);
    expect(pipeline.ignored).toBe(1);
    expect(await pipeline.judge([stored, rejected], true)).toEqual({ fresh: 0, notEnvelopes: 0 });
    expect(heard.judgedBefore).toEqual([envelopeKey(stored)]);
    // What failed before is not kept: the log takes it out.
    expect(heard.discarded).toEqual([rejected]);
  });

  it('attack: copies of a record already in the log, junk and forged items are handed back to be taken out', async () => {
    const { pipeline, heard } = pipelineWith();
    const real = sealedMessage('real', T0);
    const copy = real.slice();
    const forged = sealedMessage('forged', T0, generateEpochKeys(0));
    const junk = new Uint8Array([1, 2, 3]);
    await pipeline.judge([real, junk, forged], true);
    await pipeline.judge([copy], true);
    expect(heard.discarded).toEqual([junk, copy]);
    // Forged items come back with their slice, for the intake to hand back in turn.
    expect(heard.slices[0]!.slice.rejectedSealed).toEqual([forged]);
    // The same envelope from a welcome's head start, then from the log, is the log's first copy.
    const welcomed = sealedMessage('welcomed', T0 + 1);
    await pipeline.judge([welcomed], false);
    await pipeline.judge([welcomed.slice()], true);
    expect(heard.discarded).toHaveLength(2);
    // An item the log lost (its bucket was replaced) may come back once.
    pipeline.forgetInLog([envelopeKey(real)!]);
    await pipeline.judge([real.slice()], true);
    expect(heard.discarded).toHaveLength(2);
  });

  it('a catch-up is verified in slices: membership first, then the newest messages', async () => {
    const { pipeline, heard } = pipelineWith();
    const invite = ana.invite({ approval: 'auto' });
    const admit = ana.admit(generateMemberKeys(), invite, 'Bo');
    const messages = Array.from({ length: BIG_BATCH + 100 }, (_, i) =>
      sealedMessage(`m${i}`, T0 + i),
    );
    const membership = [invite, admit].map((r) => sealBy(ana, r, circle.epoch.contentKey));
    const items = [...messages, ...membership];
    await pipeline.judge(items, true);
    expect(heard.catchingUp).toBeGreaterThan(0);
    expect(heard.slices.length).toBeGreaterThan(1);
    const first = heard.slices[0]!;
    expect(first.slices).toBe(heard.slices.length);
    expect(first.total).toBe(items.length);
    expect(first.slice.records.slice(0, 2).map((r) => r.record.kind)).toEqual(['invite', 'admit']);
    const firstMessages = first.slice.records.slice(2).map((r) => r.record.ts);
    expect(firstMessages[0]).toBe(T0 + messages.length - 1);
    expect(firstMessages).toEqual([...firstMessages].sort((a, b) => b - a));
    expect(heard.slices.at(-1)!.done).toBe(items.length);
    // Each slice's sealed bytes are its records' envelopes.
    for (const { slice } of heard.slices)
      slice.records.forEach((r, i) => expect(envelopeKey(slice.sealed[i]!)).toBe(r.key));
  });

  it('holds records of an epoch it has no key for apart from forged ones, and opens them once the key comes', async () => {
    const { pipeline, heard, keyring, texts } = pipelineWith();
    const epoch1 = generateEpochKeys(1);
    const later = sealedMessage('in epoch 1', T0 + 5, epoch1);
    const forged = sealedMessage('under a key nobody has', T0 + 6, generateEpochKeys(0));
    await pipeline.judge([later, forged], true);
    expect(heard.slices[0]!.slice.awaitingKey).toEqual([envelopeKey(later)]);
    expect(heard.slices[0]!.slice.rejected).toEqual([envelopeKey(forged)]);
    expect(pipeline.awaitingKey).toBe(1);
    expect(pipeline.ignored).toBe(2);

    // Seen again before the key: still skipped, not held twice.
    await pipeline.judge([later], true);
    expect(pipeline.awaitingKey).toBe(1);

    keyring.add(epoch1);
    const retry = pipeline.takeAwaitingKey();
    expect(retry).toEqual([later]);
    expect(pipeline.ignored).toBe(1);
    await pipeline.judge(retry, false);
    expect(texts()).toEqual(['in epoch 1']);
    expect(pipeline.awaitingKey).toBe(0);
    expect(pipeline.ignored).toBe(1);
    expect(pipeline.takeAwaitingKey()).toEqual([]);
  });

  it('holds a record whose key arrives while its batch is being opened, so the retry opens it', async () => {
    const { pipeline, heard, keyring, texts } = pipelineWith();
    const epoch1 = generateEpochKeys(1);
    const later = sealedMessage('in epoch 1', T0 + 5, epoch1);
    // The batch is opened with the keys it started with; the key lands before its verdict.
    const judging = pipeline.judge([later], true);
    keyring.add(epoch1);
    await judging;
    expect(heard.slices[0]!.slice.rejected).toEqual([]);
    expect(heard.slices[0]!.slice.awaitingKey).toEqual([envelopeKey(later)]);
    await pipeline.judge(pipeline.takeAwaitingKey(), false);
    expect(texts()).toEqual(['in epoch 1']);
  });

  it('attack: a flood of envelopes of a made-up epoch is held only up to a bound, and crowds nothing out', async () => {
    const { pipeline, heard, keyring: pipelineKeyring, texts } = pipelineWith();
    // Well-formed envelope headers (version 1, epoch 7) with random bodies.
    const fake = (i: number) => {
      const bytes = new Uint8Array(80);
      bytes[0] = 1;
      new DataView(bytes.buffer).setUint32(1, 7);
      new DataView(bytes.buffer).setUint32(40, i);
      return bytes;
    };
    await pipeline.judge(
      Array.from({ length: 10_005 }, (_, i) => fake(i)),
      true,
    );
    const rejected = heard.slices.reduce((n, { slice }) => n + slice.rejected.length, 0);
    // Nothing is stored as rejected: the oldest fakes are let go, to be judged again next open.
    expect(rejected).toBe(0);
    expect(pipeline.awaitingKey).toBe(10_000);
    expect(pipeline.ignored).toBe(10_005);

    // A real record of an epoch whose key is on its way still waits for it, and opens.
    const epoch1 = generateEpochKeys(1);
    const real = sealedMessage('real, in epoch 1', T0 + 7, epoch1);
    await pipeline.judge([real], true);
    expect(heard.slices.at(-1)!.slice.awaitingKey).toEqual([envelopeKey(real)]);
    pipelineKeyring.add(epoch1);
    await pipeline.judge(pipeline.takeAwaitingKey(), false);
    expect(texts()).toEqual(['real, in epoch 1']);
  });
});
