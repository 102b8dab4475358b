// Documents that are maps of bytes, for fuzzing (issue 16): a lobby (knocks and answers, which
// anyone holding a share code can write to) and a handover room (membership records). Honest
// contents, updates a hostile peer makes with Yjs, and what such a document may hold.
import * as Y from 'yjs';
import type { DocShape } from '../../src-shared/sync/update-guard';
import { docWithClient } from './fuzz-docs';
import { below, pick, randomBytes } from './fuzz-mutate';
import { mulberry32 } from './seeded-random';

/** An honest document of `shape`: a few values under valid keys, and the updates that made it. */
export function honestByteMaps(shape: DocShape, seed: number) {
  const rand = mulberry32(seed);
  const doc = docWithClient(200);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const root of Object.keys(shape.roots))
    for (let i = 0; i < 3; i++)
      doc
        .getMap<Uint8Array>(root)
        .set(validKey(rand, shape), randomBytes(rand, 40 + below(rand, 200)));
  return { state: Y.encodeStateAsUpdate(doc), updates };
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const id = (rand: () => number, n: number) =>
  Array.from({ length: n }, () => ID_CHARS[below(rand, ID_CHARS.length)]).join('');

/** A key the shape takes: an id, or for a lobby's answers `${requestId}/${responderId}`. */
function validKey(rand: () => number, shape: DocShape): string {
  const key = id(rand, 22);
  const answer = `${key}/${id(rand, 22)}`;
  return shape.keyPattern.test(answer) && rand() < 0.5 ? answer : key;
}

const BAD_KEYS = ['', 'a'.repeat(65), '../x', 'a/b/c', '__proto__/', 'ä', ' ', 'a/'];

/** Values a hostile peer may put where bytes belong; `max` is the shape's largest value. */
function junkValue(rand: () => number, max: number): unknown {
  return pick<() => unknown>(rand, [
    () => randomBytes(rand, below(rand, 64)),
    () => new Uint8Array(max + 1),
    () => new Uint8Array(max),
    () => 'a string',
    () => 42,
    () => null,
    () => ({ knock: true }),
    () => new Y.Array(),
    () => new Y.Map(),
    () => new Y.Text('t'),
  ])();
}

/** An update a hostile peer makes with Yjs against an honest document of `shape`. */
export function hostileByteMapUpdate(
  rand: () => number,
  shape: DocShape,
  honestState: Uint8Array,
): Uint8Array {
  const doc = docWithClient(1000 + below(rand, 1 << 30));
  if (rand() < 0.8) Y.applyUpdate(doc, honestState);
  const before = Y.encodeStateVector(doc);
  const roots = Object.keys(shape.roots);
  doc.transact(() => {
    for (let n = 1 + below(rand, 3); n > 0; n--) {
      const map = doc.getMap<unknown>(pick(rand, roots));
      const key = () =>
        rand() < 0.3 && map.size > 0
          ? pick(rand, [...map.keys()])
          : rand() < 0.5
            ? validKey(rand, shape)
            : pick(rand, BAD_KEYS);
      switch (below(rand, 6)) {
        case 0:
          map.set(key(), randomBytes(rand, below(rand, 300)));
          break;
        case 1:
          map.set(key(), junkValue(rand, shape.maxValueBytes));
          break;
        case 2:
          if (map.size > 0) map.delete(pick(rand, [...map.keys()]));
          break;
        case 3:
          doc.getMap('other').set(validKey(rand, shape), Uint8Array.of(1));
          break;
        case 4:
          doc.getText(pick(rand, ['text', ...roots.map((r) => `${r}-text`)])).insert(0, 'hi');
          break;
        default:
          map.set(key(), Uint8Array.of(1, 2, 3));
      }
    }
  });
  return Y.encodeStateAsUpdate(doc, before);
}

/** What breaks a map-of-bytes shape in `doc`. */
export function byteMapProblems(doc: Y.Doc, shape: DocShape): string[] {
  const problems: string[] = [];
  for (const name of doc.share.keys()) if (!(name in shape.roots)) problems.push(`root ${name}`);
  for (const root of Object.keys(shape.roots)) {
    const map = doc.getMap<unknown>(root);
    if (map._start !== null) problems.push(`list items in ${root}`);
    map.forEach((value, key) => {
      if (!shape.keyPattern.test(key)) problems.push(`key ${JSON.stringify(key)} in ${root}`);
      if (!(value instanceof Uint8Array) || value.length > shape.maxValueBytes)
        problems.push(`value under ${key} in ${root}`);
    });
  }
  return problems;
}
