// What a peer's Yjs update may contain before it touches a document. A Yjs update is whatever
// its sender made it: any type, any key, any size, and a delete set that erases anything. Each
// of Hearth's documents has one shape (a log of sealed records, a lobby's knocks and answers, a
// handover room's records), so anything outside that shape is hostile, and the connection that
// carried it is closed (channel-guard.ts).
//
// A circle's log is append-only: honest members never delete an item in it. So its updates are
// passed on without their delete set, and no peer can erase another writer's records by deleting
// them. (What a peer can still do through Yjs, overwrite a bucket's map entry, is undone by the
// session: see docs/ARCHITECTURE.md "Sync".)
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
  | 'misplaced-value';

export type ScreenedUpdate =
  | { ok: true; update: Uint8Array; items: number; bytes: number }
  | { ok: false; problem: UpdateProblem };

type Struct = Y.Item | Y.GC | { id: Y.ID; length: number; constructor: unknown };

/**
 * Checks every struct of a V1 update against `shape`. Returns the update to apply (the same bytes,
 * or re-encoded without its delete set when the shape keeps none), or the first problem. Never
 * throws.
 */
export function screenUpdate(update: Uint8Array, shape: DocShape): ScreenedUpdate {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, unknown[]> } };
  try {
    decoded = Y.decodeUpdate(update) as unknown as typeof decoded;
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  let items = 0;
  let bytes = 0;
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip hold nothing
    const problem = checkItem(struct, shape);
    if (problem !== null) return { ok: false, problem };
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

function checkItem(item: Y.Item, shape: DocShape): UpdateProblem | null {
  const content = item.content;
  const root = typeof item.parent === 'string' ? item.parent : null;
  const rootKind = root === null ? null : shape.roots[root];
  if (root !== null && rootKind === undefined) return 'foreign-root';
  if (item.parentSub !== null && !shape.keyPattern.test(item.parentSub)) return 'bad-key';
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
