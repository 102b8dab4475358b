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

/** The shape of one kind of Hearth document, as its updates must respect it. */
export interface DocShape {
  /** Root types and what each holds. */
  roots: Readonly<Record<string, 'map-of-arrays' | 'map-of-bytes'>>;
  /** What a map key must look like. */
  keyPattern: RegExp;
  /** Largest byte value (a sealed record, a knock, a welcome). */
  maxValueBytes: number;
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

type Struct = Y.Item | Y.GC | { id: Y.ID; length: number; constructor: unknown };

/**
 * Checks every struct of a V1 update against `shape` (and, given the document it is for, that it
 * replaces no array-holding map entry there). Returns the update to apply (the same bytes, or
 * re-encoded without its delete set when the shape keeps none), or the first problem. Never throws.
 */
export function screenUpdate(update: Uint8Array, shape: DocShape, doc?: Y.Doc): ScreenedUpdate {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, unknown[]> } };
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  let items = 0;
  let bytes = 0;
  const holdsArrays = Object.values(shape.roots).includes('map-of-arrays');
  const isArrayEntry = holdsArrays ? arrayEntries(decoded.structs, doc) : () => false;
  const newKeys = new Set<string>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip hold nothing
    // Yjs cannot place an item that names a later item of its own writer (it throws).
    if (namesOwnFuture(struct)) return { ok: false, problem: 'malformed' };
    const problem = checkItem(struct, shape);
    if (problem !== null) return { ok: false, problem };
    if (isArrayEntry(struct.origin) || isArrayEntry(struct.rightOrigin))
      return { ok: false, problem: 'rewrite' };
    // A second entry under a key the document (or this update) holds: Yjs would keep the one of
    // the higher client id, erasing the other with everything in it.
    const rootName = struct.parent as unknown;
    if (struct.content instanceof Y.ContentType && typeof rootName === 'string') {
      const key = `${rootName}/${struct.parentSub}`;
      const root = doc?.share.get(rootName);
      if (newKeys.has(key) || (root instanceof Y.Map && root.has(struct.parentSub!)))
        return { ok: false, problem: 'rewrite' };
      newKeys.add(key);
    }
    if (struct.content instanceof Y.ContentBinary) {
      items++;
      bytes += (struct.content as unknown as { content: Uint8Array }).content.length;
    }
  }
  if (shape.keepDeletes || decoded.ds.clients.size === 0) return { ok: true, update, items, bytes };
  const withoutDeletes = encodeStructs(decoded.structs);
  return withoutDeletes === null
    ? { ok: false, problem: 'malformed' }
    : { ok: true, update: withoutDeletes, items, bytes };
}

/**
 * Whether an id is a map entry holding an array (a bucket), in the update or in `doc`. An id the
 * receiver has not seen yet cannot be told apart; Yjs holds such an item until its neighbour
 * arrives, and the session puts back whatever a late overwrite removes (docs/ARCHITECTURE.md "Sync").
 */
function arrayEntries(structs: Struct[], doc?: Y.Doc): (id: Y.ID | null) => boolean {
  const inUpdate = new Set<string>();
  for (const struct of structs)
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentType)
      inUpdate.add(`${struct.id.client}:${struct.id.clock}`);
  return (id) => {
    if (id === null) return false;
    if (inUpdate.has(`${id.client}:${id.clock}`)) return true;
    if (!doc || id.clock >= Y.getState(doc.store, id.client)) return false;
    const known = Y.getItem(doc.store, id);
    return known instanceof Y.Item && known.content instanceof Y.ContentType;
  };
}

/** Whether an item names, as a neighbour or parent, an item of its own writer not made before it. */
function namesOwnFuture(item: Y.Item): boolean {
  const { client, clock } = item.id;
  const later = (id: unknown) => id instanceof Y.ID && id.client === client && id.clock >= clock;
  return later(item.origin) || later(item.rightOrigin) || later(item.parent);
}

function checkItem(item: Y.Item, shape: DocShape): UpdateProblem | null {
  const content = item.content;
  const root = typeof item.parent === 'string' ? item.parent : null;
  const rootKind = root === null ? null : shape.roots[root];
  if (root !== null && rootKind === undefined) return 'foreign-root';
  if (item.parentSub !== null && !shape.keyPattern.test(item.parentSub)) return 'bad-key';
  // Every map of a Hearth document is a root: a key under anything else is where nobody reads.
  if (item.parentSub !== null && item.parent !== null && root === null) return 'misplaced-value';
  if (content instanceof Y.ContentDeleted) return null;
  if (content instanceof Y.ContentBinary) {
    if ((content as unknown as { content: Uint8Array }).content.length > shape.maxValueBytes)
      return 'oversized-value';
    // A value straight under a root must be a map entry of a map of bytes.
    if (root !== null && (rootKind !== 'map-of-bytes' || item.parentSub === null))
      return 'misplaced-value';
    return null;
  }
  if (content instanceof Y.ContentType) {
    // Only a new entry of a map of arrays may hold a type, and only an array: it is made with
    // no neighbours, because an honest writer only ever adds keys nobody used.
    if (!(content.type instanceof Y.Array)) return 'foreign-content';
    if (rootKind !== 'map-of-arrays' || item.parentSub === null) return 'misplaced-value';
    if (item.origin !== null || item.rightOrigin !== null) return 'misplaced-value';
    return null;
  }
  return 'foreign-content';
}

/**
 * Writes structs as a V1 update with an empty delete set. Each client's structs must run without
 * a gap (a decoded update's do), or the result is null.
 */
function encodeStructs(structs: Struct[]): Uint8Array | null {
  const runs: { first: Struct; structs: Struct[] }[] = [];
  for (const struct of structs) {
    const run = runs[runs.length - 1];
    const last = run?.structs[run.structs.length - 1];
    if (run && last && last.id.client === struct.id.client) {
      if (last.id.clock + last.length !== struct.id.clock) return null;
      run.structs.push(struct);
    } else runs.push({ first: struct, structs: [struct] });
  }
  // Yjs reads one run per client; a second would replace the first.
  if (new Set(runs.map((run) => run.first.id.client)).size !== runs.length) return null;
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const { first, structs: run } of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.length);
    encoder.writeClient(first.id.client);
    encoding.writeVarUint(encoder.restEncoder, first.id.clock);
    // Every struct class (Item, GC, Skip) writes itself the way Yjs's own encoder does.
    for (const struct of run) (struct as Y.Item).write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0); // no deletes
  return encoder.toUint8Array();
}

/**
 * Splits a V1 update into updates of about `maxBytes` or less each, which applied in any order
 * and all together make the same document. A single struct bigger than `maxBytes` goes alone.
 * The delete set travels with the last one. Used by the sender, so no message a peer must
 * accept is bigger than the framing limit.
 */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (update.length <= maxBytes) return [update];
  const { structs } = Y.decodeUpdate(update) as unknown as { structs: Struct[] };
  const parts: Uint8Array[] = [];
  let batch: Struct[] = [];
  let batchBytes = 0;
  for (const struct of structs) {
    const size = structSize(struct);
    if (batch.length > 0 && batchBytes + size > maxBytes) {
      parts.push(encodeStructs(batch)!);
      batch = [];
      batchBytes = 0;
    }
    batch.push(struct);
    batchBytes += size;
  }
  // The delete set: an update of no structs and every delete, from Yjs itself.
  const deletesOnly = Y.diffUpdate(update, Y.encodeStateVectorFromUpdate(update));
  if (batch.length > 0) parts.push(encodeStructs(batch)!);
  parts.push(deletesOnly);
  return parts;
}

/** About how many bytes a struct takes in a V1 update. */
function structSize(struct: Struct): number {
  if (!(struct instanceof Y.Item)) return 8;
  const content = struct.content;
  if (content instanceof Y.ContentBinary)
    return (content as unknown as { content: Uint8Array }).content.length + 24;
  return 32 + (struct.parentSub?.length ?? 0);
}
