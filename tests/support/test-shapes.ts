// A document shape for transport tests whose documents are not one of Hearth's own: a map of
// byte values under 'bytes'. Big payloads travel as many values of up to 64 KiB, since no message
// a peer accepts may be bigger than the framing limit (src-shared/sync/framing.ts).
import type { DocShape } from '../../src-shared/sync/update-guard';

/** The largest value a BYTES_TEST_SHAPE document may hold. */
export const TEST_VALUE_BYTES = 64 * 1024;

/** Root 'bytes': a Y.Map from a plain key to a Uint8Array of at most TEST_VALUE_BYTES. */
export const BYTES_TEST_SHAPE: DocShape = {
  roots: { bytes: 'map-of-bytes' },
  keyPattern: /^[A-Za-z0-9_-]{1,64}$/,
  maxValueBytes: TEST_VALUE_BYTES,
  keepDeletes: true,
};
