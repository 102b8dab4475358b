// What a peer's Yjs update may contain before it touches a document. A Yjs update is whatever
// its sender made it: any type, any key, any size, and a delete set that erases anything. Each
// of Hearth's documents has one shape (a log of sealed records, a lobby's knocks and answers, a
// handover room's records), so anything outside that shape is hostile, and the connection that
// carried it is closed (channel-guard.ts).
//
// A circle's log is append-only: honest members never delete an item in it. So its updates are
// passed on without their delete set, and no peer can erase another writer's records by deleting
// them. Nor can it overwrite a bucket: a map entry is replaced by an item placed next to it (its
// origin), and an honest writer only ever adds keys nobody used, so an item whose neighbour is a
// bucket is refused, whether that bucket is in the update or already in the document.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  readDeleteSet,
  REF_BINARY,
  REF_GC,
  REF_SKIP,
  REF_TYPE,
  TYPE_ARRAY,
  UnreadContent,
  walkUpdate,
  type WalkedStruct,
} from './update-walk';

/** The shape of one kind of Hearth document, as its updates must respect it. */
export interface DocShape {
  /** Root types and what each holds. */
  roots: Readonly<Record<string, 'map-of-arrays' | 'map-of-bytes'>>;
  /** What a map key must look like. */
  keyPattern: RegExp;
  /** Largest byte value (a sealed record, a knock, a welcome). */
  maxValueBytes: number;
  /**
   * A smaller largest value for the entries of some roots (a lobby's knocks). Checked where an
   * update names the root, as every new entry does; an entry written over another names only its
   * neighbour, and its reader takes out what it cannot read (lobby-responder.ts).
   */
  maxValueBytesIn?: Readonly<Record<string, number>>;
  /** Whether peers may delete: false for an append-only log, whose deletes are dropped. */
  keepDeletes: boolean;
}

export type UpdateProblem =
  | 'malformed'
  | 'foreign-root'
  | 'foreign-content'
  | 'bad-key'
  | 'oversized-value'
  | 'misplaced-value'
  | 'rewrite';

export type ScreenedUpdate =
  | { ok: true; update: Uint8Array; items: number; bytes: number }
  | { ok: false; problem: UpdateProblem };

/**
 * Checks every struct of a V1 update against `shape` (and, given the document it is for, that it
 * replaces no array-holding map entry there). Returns the update to apply (the same bytes, or
 * without its delete set when the shape keeps none), or the first problem. Never throws.
 */
export function screenUpdate(update: Uint8Array, shape: DocShape, doc?: Y.Doc): ScreenedUpdate {
  const typeIds = new Set<string>();
  const newKeys = new Set<string>();
  let items = 0;
  let bytes = 0;
  let problem: UpdateProblem | null = null;
  let structsEnd: number;
  let deletesEmpty: boolean;
  // A struct the receiver holds already is one Yjs skips: it replaces nothing, whatever its
  // neighbours. Honest peers send such copies all the time (a newcomer forwards the catch-up it got
  // from one member to the others), so they are never taken for a rewrite. (A run the receiver
  // holds in part integrates only its tail, whose neighbour is its own writer's previous item.)
  const held = (s: WalkedStruct) => doc !== undefined && s.clock < Y.getState(doc.store, s.client);
  try {
    structsEnd = walkUpdate(update, (s) => {
      problem ??= checkStruct(s, shape, held(s) ? undefined : doc, newKeys);
      if (s.ref === REF_TYPE) typeIds.add(`${s.client}:${s.clock}`);
      if (s.ref === REF_BINARY) {
        items++;
        bytes += s.binaryLength;
      }
    });
    deletesEmpty = readDeleteSet(update, structsEnd).empty;
  } catch (e) {
    return { ok: false, problem: e instanceof UnreadContent ? 'foreign-content' : 'malformed' };
  }
  if (problem !== null) return { ok: false, problem };
  // An item whose neighbour is a bucket replaces that bucket: in this update or in the document.
  if (Object.values(shape.roots).includes('map-of-arrays')) {
    const isArrayEntry = arrayEntries(typeIds, doc);
    walkUpdate(update, (s) => {
      if (held(s)) return;
      if (isArrayEntry(s.origin) || isArrayEntry(s.rightOrigin)) problem ??= 'rewrite';
    });
    if (problem !== null) return { ok: false, problem };
  }
  if (shape.keepDeletes || deletesEmpty) return { ok: true, update, items, bytes };
  // The structs as they are, then an empty delete set.
  const withoutDeletes = new Uint8Array(structsEnd + 1);
  withoutDeletes.set(update.subarray(0, structsEnd));
  return { ok: true, update: withoutDeletes, items, bytes };
}

/** The first rule a struct breaks, or null. */
function checkStruct(
  s: WalkedStruct,
  shape: DocShape,
  doc: Y.Doc | undefined,
  newKeys: Set<string>,
): UpdateProblem | null {
  if (s.ref === REF_GC || s.ref === REF_SKIP) return null; // hold nothing
  // Yjs cannot place an item that names a later item of its own writer (it throws).
  const later = (id: [number, number] | null) =>
    id !== null && id[0] === s.client && id[1] >= s.clock;
  if (later(s.origin) || later(s.rightOrigin) || later(s.parentId)) return 'malformed';
  const rootKind = s.parentRoot === null ? null : shape.roots[s.parentRoot];
  if (rootKind === undefined) return 'foreign-root';
  if (s.parentSub !== null && !shape.keyPattern.test(s.parentSub)) return 'bad-key';
  // Every map of a Hearth document is a root: a key under anything else is where nobody reads.
  if (s.parentSub !== null && s.parentRoot === null) return 'misplaced-value';
  if (s.ref === REF_BINARY) {
    if (s.binaryLength > shape.maxValueBytes) return 'oversized-value';
    const rootMax = s.parentRoot === null ? undefined : shape.maxValueBytesIn?.[s.parentRoot];
    if (rootMax !== undefined && s.binaryLength > rootMax) return 'oversized-value';
    // A value straight under a root must be a map entry of a map of bytes.
    if (rootKind !== null && (rootKind !== 'map-of-bytes' || s.parentSub === null))
      return 'misplaced-value';
    return null;
  }
  if (s.ref === REF_TYPE) {
    // Only a new entry of a map of arrays may hold a type, and only an array, made with no
    // neighbours: an honest writer only ever adds keys nobody used.
    if (s.typeRef !== TYPE_ARRAY) return 'foreign-content';
    if (rootKind !== 'map-of-arrays' || s.parentSub === null) return 'misplaced-value';
    // A second entry under a key the document (or this update) holds: Yjs would keep the one of
    // the higher client id, erasing the other with everything in it.
    const key = `${s.parentRoot}/${s.parentSub}`;
    const root = doc?.share.get(s.parentRoot!);
    if (newKeys.has(key) || (root instanceof Y.Map && root.has(s.parentSub))) return 'rewrite';
    newKeys.add(key);
    return null;
  }
  return null; // what a deleted item leaves
}

/**
 * Whether an id is a map entry holding an array (a bucket), in the update or in `doc`. An id the
 * receiver has not seen yet cannot be told apart; Yjs holds such an item until its neighbour
 * arrives, and the session puts back whatever a late overwrite removes (docs/ARCHITECTURE.md "Sync").
 */
function arrayEntries(
  inUpdate: ReadonlySet<string>,
  doc?: Y.Doc,
): (id: [number, number] | null) => boolean {
  return (id) => {
    if (id === null) return false;
    if (inUpdate.has(`${id[0]}:${id[1]}`)) return true;
    if (!doc || id[1] >= Y.getState(doc.store, id[0])) return false;
    const known = Y.getItem(doc.store, Y.createID(id[0], id[1]));
    return known instanceof Y.Item && known.content instanceof Y.ContentType;
  };
}

/**
 * Splits a V1 update into updates of about `maxBytes` or less each, cut at struct boundaries,
 * which applied in order make the same document (Yjs holds a part that arrives early until the
 * rest come). A single struct bigger than `maxBytes` goes alone; the delete set travels with the
 * last part. Used by the sender, so no message a peer must accept is bigger than the framing
 * limit. An update this cannot read goes whole.
 */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (update.length <= maxBytes) return [update];
  const starts: number[] = [];
  const ends: number[] = [];
  const clients: number[] = [];
  const clocks: number[] = [];
  let structsEnd: number;
  try {
    structsEnd = walkUpdate(update, (s) => {
      starts.push(s.start);
      ends.push(s.end);
      clients.push(s.client);
      clocks.push(s.clock);
    });
  } catch {
    return [update];
  }
  const parts: Uint8Array[] = [];
  const at = { starts, ends, clients, clocks };
  // Room for a part's own header and a few run headers.
  const room = maxBytes - 64;
  const deletes = update.length - structsEnd;
  let from = 0;
  while (from < starts.length) {
    let to = from + 1;
    while (to < starts.length && ends[to]! - starts[from]! <= room) to++;
    const last = to === starts.length;
    const withDeletes = last && ends[to - 1]! - starts[from]! + deletes <= room;
    parts.push(encodePart(update, at, from, to, withDeletes ? structsEnd : -1));
    if (last && !withDeletes) parts.push(encodePart(update, at, to, to, structsEnd));
    from = to;
  }
  return parts;
}

/**
 * Structs [from, to) of `update` as an update of their own: a run per client as they come, and
 * either the update's delete set (read from `deletesAt`) or an empty one (-1).
 */
function encodePart(
  update: Uint8Array,
  at: { starts: number[]; ends: number[]; clients: number[]; clocks: number[] },
  from: number,
  to: number,
  deletesAt: number,
): Uint8Array {
  const runs: [number, number][] = [];
  for (let i = from; i < to; i++)
    if (i === from || at.clients[i] !== at.clients[i - 1]) runs.push([i, i + 1]);
    else runs[runs.length - 1]![1] = i + 1;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, runs.length);
  for (const [a, b] of runs) {
    encoding.writeVarUint(encoder, b - a);
    encoding.writeVarUint(encoder, at.clients[a]!);
    encoding.writeVarUint(encoder, at.clocks[a]!);
    encoding.writeUint8Array(encoder, update.subarray(at.starts[a], at.ends[b - 1]));
  }
  if (deletesAt < 0) encoding.writeVarUint(encoder, 0);
  else encoding.writeUint8Array(encoder, update.subarray(deletesAt));
  return encoding.toUint8Array(encoder);
}
