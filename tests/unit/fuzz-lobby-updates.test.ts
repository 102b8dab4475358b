// Fuzzing Yjs updates for the documents that are maps of bytes (issue 16): a lobby, which anyone
// holding a share code can write to, and a handover room. Random bytes, honest updates changed,
// and updates a hostile peer makes with Yjs (junk values, types where bytes belong, values over
// the limit, bad keys, other roots, deletes) go through the update guard with the document's
// shape: screening never throws, and what it passes applies without a throw and leaves only that
// shape. Seeded: a failure names its seed; HEARTH_SEED=<n> replays that case alone.
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HANDOVER_SHAPE, LOBBY_SHAPE } from '../../src-shared/circle/doc-shapes';
import { screenUpdate, type DocShape } from '../../src-shared/sync/update-guard';
import { byteMapProblems, honestByteMaps, hostileByteMapUpdate } from '../support/fuzz-byte-maps';
import { expectEveryKind, FUZZ_TIMEOUT_MS, fuzzTitle, runCases } from '../support/fuzz-cases';
import { docWithClient } from '../support/fuzz-docs';
import { below, mutate, pick, randomBytes, skewedLength } from '../support/fuzz-mutate';

const SHAPES: readonly [string, DocShape][] = [
  ['lobby', LOBBY_SHAPE],
  ['handover', HANDOVER_SHAPE],
];
let honest: Map<string, ReturnType<typeof honestByteMaps>>;

beforeAll(() => {
  honest = new Map(SHAPES.map(([name, shape], i) => [name, honestByteMaps(shape, 16 + i)]));
});

function runCase(rand: () => number): string {
  const [name, shape] = pick(rand, SHAPES);
  const { state, updates } = honest.get(name)!;
  let update: Uint8Array;
  let kind: string;
  switch (below(rand, 3)) {
    case 0:
      update = randomBytes(rand, skewedLength(rand, 2000));
      kind = 'random';
      break;
    case 1:
      update = mutate(rand, pick(rand, [state, ...updates]), updates).bytes;
      kind = 'mutated';
      break;
    default:
      update = hostileByteMapUpdate(rand, shape, state);
      kind = 'hostile';
  }
  const doc = docWithClient(7);
  Y.applyUpdate(doc, state);
  const screened = screenUpdate(update, shape, doc);
  if (!screened.ok) return `${name}-${kind}-refused-${screened.problem}`;
  Y.applyUpdate(doc, screened.update, 'peer');
  expect(byteMapProblems(doc, shape)).toEqual([]);
  return `${name}-${kind}-passed`;
}

describe('fuzzing updates to lobbies and handover rooms', () => {
  it(
    fuzzTitle('what the update guard passes applies and leaves only the document’s shape'),
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      const tally = runCases('lobby and handover updates', runCase);
      const count = (part: string) =>
        Object.entries(tally).reduce((n, [k, v]) => (k.includes(part) ? n + v : n), 0);
      const kinds = ['lobby-', 'handover-', '-random-', '-mutated-', '-hostile-', '-passed'];
      const refusals = ['malformed', 'foreign-root', 'foreign-content', 'bad-key', 'oversized'];
      const counts = Object.fromEntries([...kinds, ...refusals].map((k) => [k, count(k)]));
      expectEveryKind(counts, kinds);
      expectEveryKind(counts, refusals, 10);
    },
  );
});
