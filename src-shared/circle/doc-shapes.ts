// What each of Hearth's shared documents may hold. A peer's update outside its document's shape
// is refused and the peer cut off (src-shared/sync/update-guard.ts, channel-guard.ts), so a
// document never holds anything its readers do not expect.
import { MAX_SEALED_RECORD_BYTES } from '../records/schema';
import type { DocShape } from '../sync/update-guard';
import { MAX_KNOCK_BYTES } from '../records/knock';
import { MAX_WELCOME_BYTES } from './lobby';

/** A circle's log (bucket-log.ts): buckets `${writerId}:${n}` of sealed records, never deleted. */
export const CIRCLE_LOG_SHAPE: DocShape = {
  roots: { buckets: 'map-of-arrays' },
  keyPattern: /^[A-Za-z0-9_-]{1,64}:\d{1,9}$/,
  maxValueBytes: MAX_SEALED_RECORD_BYTES,
  keepDeletes: false,
};

/**
 * A lobby: knocks under their request id, answers under `${requestId}/${responderId}`. Knocks
 * and answers are taken back once read, so deletes stay.
 */
export const LOBBY_SHAPE: DocShape = {
  roots: { knocks: 'map-of-bytes', welcomes: 'map-of-bytes' },
  keyPattern: /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64})?$/,
  maxValueBytes: MAX_WELCOME_BYTES,
  maxValueBytesIn: { knocks: MAX_KNOCK_BYTES },
  keepDeletes: true,
};

/**
 * A handover room: membership records under their envelope key. Members write back what a peer
 * overwrote (handover-rooms.ts), so deletes stay.
 */
export const HANDOVER_SHAPE: DocShape = {
  roots: { records: 'map-of-bytes' },
  keyPattern: /^[A-Za-z0-9_-]{1,64}$/,
  maxValueBytes: MAX_SEALED_RECORD_BYTES,
  keepDeletes: true,
};
