// Reads a Yjs update (format V1) struct by struct without building the document's objects: where
// each struct starts and ends in the bytes, whose it is, where it goes and what it holds. The
// update guard checks peers' updates with it, and the sender cuts its big updates at struct
// boundaries, at a fraction of the cost of Y.decodeUpdate (which makes an object per struct and
// copies every record: seconds for a 100k-record catch-up).
//
// Only the contents Hearth's documents hold are read (sealed bytes, an array as a map entry, and
// what Yjs leaves of deleted items); anything else stops the walk (UnreadContent): the guard
// refuses it anyway. The V1 layout is Yjs's own (yjs/src/utils/encoding.js, UpdateDecoderV1);
// in V1 each struct names its neighbours and parent by absolute ids, so a run of a client's
// structs can be copied into another update as it is.
import * as decoding from 'lib0/decoding';

// Content references (the low five bits of a struct's info byte), from yjs/src/structs.
export const REF_GC = 0;
export const REF_DELETED = 1;
export const REF_BINARY = 3;
export const REF_TYPE = 7;
export const REF_SKIP = 10;
/** Yjs's type reference of a Y.Array (yjs/src/structs/ContentType.js). */
export const TYPE_ARRAY = 0;

const BIT8 = 0x80; // the struct names a left neighbour (origin)
const BIT7 = 0x40; // ...a right neighbour (right origin)
const BIT6 = 0x20; // ...a key in its parent map (only when it names no neighbour)
const BITS5 = 0x1f;

/** A content this reader does not read. */
export class UnreadContent extends Error {}

/** One struct as read; the walker reuses the object, so copy what you keep. */
export interface WalkedStruct {
  client: number;
  clock: number;
  /** Clock ticks the struct spans. */
  length: number;
  /** Its bytes in the update: [start, end). */
  start: number;
  end: number;
  ref: number;
  /** Neighbours named, as [client, clock], or null. */
  origin: [number, number] | null;
  rightOrigin: [number, number] | null;
  /** The root type's name, when it names its parent that way. */
  parentRoot: string | null;
  /** The parent item's id, when it names its parent that way. */
  parentId: [number, number] | null;
  parentSub: string | null;
  /** Bytes held (REF_BINARY), else 0. */
  binaryLength: number;
  /** The type made (REF_TYPE), else -1. */
  typeRef: number;
}

/** A run of one client's structs, as the update lists it. */
export interface WalkedRun {
  client: number;
  clock: number;
  /** Bytes of the run's structs: [start, end). */
  start: number;
  end: number;
  structs: number;
}

/** Whether the delete set at `at` (where walkUpdate ended) is well formed and empty. Throws if malformed. */
export function readDeleteSet(update: Uint8Array, at: number): { empty: boolean } {
  const d = decoding.createDecoder(update);
  d.pos = at;
  const clients = decoding.readVarUint(d);
  for (let c = 0; c < clients; c++) {
    decoding.readVarUint(d);
    const ranges = decoding.readVarUint(d);
    for (let r = 0; r < ranges; r++) {
      decoding.readVarUint(d);
      decoding.readVarUint(d);
    }
  }
  return { empty: clients === 0 };
}

/**
 * Calls `onStruct` for each struct and `onRun` for each client's run, in order; returns where the
 * delete set starts. Throws on malformed bytes, and UnreadContent on a content it does not read.
 */
export function walkUpdate(
  update: Uint8Array,
  onStruct: (s: WalkedStruct) => void,
  onRun: (r: WalkedRun) => void = () => {},
): number {
  const d = decoding.createDecoder(update);
  const s: WalkedStruct = {
    client: 0,
    clock: 0,
    length: 0,
    start: 0,
    end: 0,
    ref: 0,
    origin: null,
    rightOrigin: null,
    parentRoot: null,
    parentId: null,
    parentSub: null,
    binaryLength: 0,
    typeRef: -1,
  };
  const runs = decoding.readVarUint(d);
  for (let r = 0; r < runs; r++) {
    const count = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    const first = decoding.readVarUint(d);
    let clock = first;
    const runStart = d.pos;
    for (let i = 0; i < count; i++) {
      s.client = client;
      s.clock = clock;
      s.start = d.pos;
      readStruct(d, s);
      s.end = d.pos;
      onStruct(s);
      clock += s.length;
    }
    onRun({ client, clock: first, start: runStart, end: d.pos, structs: count });
  }
  return d.pos;
}

function readStruct(d: decoding.Decoder, s: WalkedStruct): void {
  const info = decoding.readUint8(d);
  s.ref = info & BITS5;
  s.origin = s.rightOrigin = s.parentId = null;
  s.parentRoot = s.parentSub = null;
  s.binaryLength = 0;
  s.typeRef = -1;
  if (s.ref === REF_GC || s.ref === REF_SKIP) {
    s.length = decoding.readVarUint(d);
    return;
  }
  if (info & BIT8) s.origin = [decoding.readVarUint(d), decoding.readVarUint(d)];
  if (info & BIT7) s.rightOrigin = [decoding.readVarUint(d), decoding.readVarUint(d)];
  if ((info & (BIT8 | BIT7)) === 0) {
    if (decoding.readVarUint(d) === 1) s.parentRoot = decoding.readVarString(d);
    else s.parentId = [decoding.readVarUint(d), decoding.readVarUint(d)];
    if (info & BIT6) s.parentSub = decoding.readVarString(d);
  }
  switch (s.ref) {
    case REF_DELETED:
      s.length = decoding.readVarUint(d);
      return;
    case REF_BINARY:
      s.binaryLength = decoding.readVarUint8Array(d).length;
      s.length = 1;
      return;
    case REF_TYPE:
      s.typeRef = decoding.readVarUint(d);
      // XML elements and hooks carry a name; no Hearth document holds them.
      if (s.typeRef === 3 || s.typeRef === 5) throw new UnreadContent();
      s.length = 1;
      return;
    default:
      // 2, 4, 5, 6, 8 and 9 are contents Yjs has (JSON, strings, embeds, formats, any, docs);
      // nothing else is a struct at all.
      if (s.ref > REF_SKIP) throw new Error('not a Yjs struct');
      throw new UnreadContent();
  }
}
