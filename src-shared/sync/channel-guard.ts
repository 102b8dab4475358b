// What one peer connection may make us hold, parse and apply: the guard between a framed data
// channel and y-webrtc. Every whole message a peer sends is one of y-webrtc's (a sync step, a Yjs
// update, an awareness update or a query); anything else, anything over its size, an update
// outside the room's document shape (update-guard.ts) or more bytes than the connection's budget
// means the peer is hostile: the channel is closed and the peer is told nothing more.
//
// On the way out, a sync answer or update bigger than MAX_UPDATE_MESSAGE_BYTES (a newcomer's
// first sync is the whole history: 45 MB at 100k messages) is sent as several smaller updates,
// the last one still as the sync answer, so no message the other side must accept is big.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { ByteBudget, type ByteBudgetLimits } from './byte-budget';
import { screenUpdate, splitUpdate, type DocShape } from './update-guard';

// y-webrtc's message types (y-webrtc.js) and y-protocols' sync steps (sync.js).
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** Updates are sent in parts of at most this much, and a peer's bigger parts are refused. */
export const MAX_UPDATE_MESSAGE_BYTES = 1024 * 1024;
/** A state vector names each writer once: 64 KiB is thousands of writers. */
const MAX_STATE_VECTOR_BYTES = 64 * 1024;
/** Presence claims of a full mesh of 40 peers fit many times over. */
const MAX_AWARENESS_BYTES = 64 * 1024;

/**
 * What one connection may send us over time. A catch-up of a 100k-message history (45 MB) fits in
 * the burst; afterwards an honest peer sends a few KiB a second.
 */
export const RECEIVE_BUDGET: ByteBudgetLimits = { burst: 96 * 1024 * 1024, perSecond: 1024 * 1024 };

export type GuardVerdict = { deliver: Uint8Array } | { close: string };

export class ChannelGuard {
  private readonly budget: ByteBudget;

  constructor(
    private readonly shape: DocShape,
    /** The document the updates are for: an update may not replace what it holds. */
    private readonly doc?: Y.Doc,
    limits: ByteBudgetLimits = RECEIVE_BUDGET,
    now?: () => number,
  ) {
    this.budget = new ByteBudget(limits, now);
  }

  /** Judges one whole message from the peer: what to hand y-webrtc, or why to close. */
  inbound(message: Uint8Array): GuardVerdict {
    if (!this.budget.spend(message.length)) return { close: 'over-budget' };
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_QUERY_AWARENESS)
        return decoding.hasContent(decoder) ? { close: 'malformed' } : { deliver: message };
      if (type === MESSAGE_AWARENESS) {
        const update = decoding.readVarUint8Array(decoder);
        if (decoding.hasContent(decoder)) return { close: 'malformed' };
        if (update.length > MAX_AWARENESS_BYTES) return { close: 'oversized' };
        return isAwarenessUpdate(update) ? { deliver: message } : { close: 'malformed' };
      }
      if (type !== MESSAGE_SYNC) return { close: 'unknown-message' };
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (decoding.hasContent(decoder)) return { close: 'malformed' };
      if (step === SYNC_STEP_1) {
        if (payload.length > MAX_STATE_VECTOR_BYTES) return { close: 'oversized' };
        Y.decodeStateVector(payload); // throws on a malformed one (caught below)
        return { deliver: message };
      }
      if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return { close: 'unknown-message' };
      if (payload.length > MAX_UPDATE_MESSAGE_BYTES) return { close: 'oversized' };
      const screened = screenUpdate(payload, this.shape, this.doc);
      if (!screened.ok) return { close: screened.problem };
      return {
        deliver: screened.update === payload ? message : syncMessage(step, screened.update),
      };
    } catch {
      return { close: 'malformed' };
    }
  }

  /** Our own message, as one or more messages no bigger than a peer accepts. */
  outbound(message: Uint8Array): Uint8Array[] {
    if (message.length <= MAX_UPDATE_MESSAGE_BYTES) return [message];
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return [message];
    const step = decoding.readVarUint(decoder);
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return [message];
    const parts = splitUpdate(decoding.readVarUint8Array(decoder), MAX_UPDATE_MESSAGE_BYTES);
    // Only the last part is the sync answer: y-webrtc counts a peer as synced when it arrives.
    return parts.map((part, i) => syncMessage(i === parts.length - 1 ? step : SYNC_UPDATE, part));
  }
}

/**
 * Whether bytes are an awareness update as y-protocols reads them (a count, then per client its
 * id, clock and state as JSON), with nothing after: y-webrtc would throw on anything else.
 */
function isAwarenessUpdate(update: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      JSON.parse(decoding.readVarString(decoder));
    }
    return !decoding.hasContent(decoder);
  } catch {
    return false;
  }
}

function syncMessage(step: number, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
