// Private notes (issue 17): a report to a circle's facilitators, or a facilitator's answer to the
// person who reported. Other members, a relay and anyone who later joins see only that a note
// exists, not who wrote it or whom it is for:
// - the note itself is signed by its real writer, so its recipients know who wrote it, and
//   encrypted once under a fresh key, with the circle and the carrying record's id as associated
//   data (it cannot be moved into another record);
// - that key is sealed to each recipient (crypto_box_seal: a box does not name its recipient);
// - the record carrying it (kind 'private-note') is signed with a one-time key, names no causal
//   position, and is written to a bucket of its own by a one-time Yjs client (BucketLog.appendUnlinked).
import { z } from 'zod';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../bytes';
import { boxPublicKeyOf, boxSecretKeyOf, randomId, type MemberKeys } from '../crypto/keys';
import { randomBytes } from '../crypto/random';
import { sodium } from '../crypto/sodium';
import {
  MAX_NOTE_RECIPIENTS,
  PublicKeyB64,
  RecordId,
  type PrivateNoteBody,
  type RecordOf,
} from './schema';

export const MAX_REPORT_DETAILS_CHARS = 1000;

/** What a report is about, in the reporter's words; the app shows each in plain language. */
export const REPORT_CONCERNS = ['at-risk', 'unkind', 'unwanted', 'other'] as const;
export type ReportConcern = (typeof REPORT_CONCERNS)[number];

/** What the reporter is told: someone acted on it, or reviewed it and did nothing more. */
export const REPORT_OUTCOMES = ['acted', 'reviewed'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

const noteCommon = {
  v: z.literal(1),
  circle: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  /** The id of the record that carries this note. */
  note: RecordId,
  author: PublicKeyB64,
  ts: z.number().int().positive(),
};

export const ReportNote = z.strictObject({
  ...noteCommon,
  type: z.literal('report'),
  /** The facilitators it was sealed to (its writer has a box too, to follow it). */
  to: z
    .array(PublicKeyB64)
    .min(1)
    .max(MAX_NOTE_RECIPIENTS - 1),
  about: z.strictObject({ member: PublicKeyB64, message: RecordId.nullable() }),
  concern: z.enum(REPORT_CONCERNS),
  details: z.string().trim().max(MAX_REPORT_DETAILS_CHARS),
});

export const OutcomeNote = z.strictObject({
  ...noteCommon,
  type: z.literal('outcome'),
  /** The note id of the report answered. */
  report: RecordId,
  outcome: z.enum(REPORT_OUTCOMES),
});

export const PrivateNote = z.discriminatedUnion('type', [ReportNote, OutcomeNote]);
export type ReportNote = z.infer<typeof ReportNote>;
export type OutcomeNote = z.infer<typeof OutcomeNote>;
export type PrivateNote = z.infer<typeof PrivateNote>;
/** A note as its writer drafts it: the fields the carrier fixes are filled in by draftPrivateNote. */
export type NoteDraft =
  | Omit<ReportNote, 'v' | 'circle' | 'note' | 'author' | 'ts'>
  | Omit<OutcomeNote, 'v' | 'circle' | 'note' | 'author' | 'ts'>;

const SIG_BYTES = 64;
const NONCE_BYTES = 24;
const KEY_BYTES = 32;

const associatedData = (circle: string, note: string): Uint8Array =>
  utf8(`hearth/private-note/v1|${circle}|${note}`);

/** A carrier record ready to seal with `signSecretKey`, a key used for this record only. */
export interface DraftedNote {
  record: RecordOf<'private-note'>;
  signSecretKey: Uint8Array;
}

/**
 * Drafts a private note from `writer` sealed to `recipients` (signing public keys; the writer gets
 * a box of their own). Nothing in the returned record names the writer or a recipient.
 */
export function draftPrivateNote(
  where: { circleId: string; epoch: number; ts: number },
  writer: MemberKeys,
  recipients: readonly Uint8Array[],
  draft: NoteDraft,
): DraftedNote {
  const s = sodium();
  const id = randomId();
  const note = {
    ...draft,
    v: 1,
    circle: where.circleId,
    note: id,
    author: toBase64Url(writer.signPublicKey),
    ts: where.ts,
  };
  const content = utf8(JSON.stringify(PrivateNote.parse(note)));
  const signed = new Uint8Array(SIG_BYTES + content.length);
  signed.set(s.crypto_sign_detached(content, writer.signSecretKey), 0);
  signed.set(content, SIG_BYTES);
  const key = randomBytes(KEY_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const ad = associatedData(where.circleId, id);
  const ct = s.crypto_aead_xchacha20poly1305_ietf_encrypt(signed, ad, null, nonce, key);
  const payload = new Uint8Array(NONCE_BYTES + ct.length);
  payload.set(nonce, 0);
  payload.set(ct, NONCE_BYTES);
  const unique = new Map<string, Uint8Array>();
  for (const r of [writer.signPublicKey, ...recipients]) unique.set(toBase64Url(r), r);
  // In random order: the writer's own box is not always first.
  const boxes = shuffled([...unique.values()]).map((r) =>
    toBase64Url(s.crypto_box_seal(key, boxPublicKeyOf(r))),
  );
  const body: PrivateNoteBody = { payload: toBase64Url(payload), boxes };
  const oneTime = s.crypto_sign_keypair();
  const record: RecordOf<'private-note'> = {
    v: 1,
    circle: where.circleId,
    epoch: where.epoch,
    id,
    author: toBase64Url(oneTime.publicKey),
    seq: 1,
    prev: [],
    ts: where.ts,
    kind: 'private-note',
    body,
  };
  return { record, signSecretKey: oneTime.privateKey };
}

/**
 * Opens a private note with `me`'s keys: the note if one of its boxes is ours, its payload is
 * intact and bound to this record, and its writer's signature holds; else null. Never throws.
 */
export function openPrivateNote(
  carrier: RecordOf<'private-note'>,
  me: MemberKeys,
): PrivateNote | null {
  const s = sodium();
  const boxPublic = boxPublicKeyOf(me.signPublicKey);
  const boxSecret = boxSecretKeyOf(me.signSecretKey);
  const payload = fromBase64Url(carrier.body.payload);
  if (!payload || payload.length <= NONCE_BYTES) return null;
  for (const text of carrier.body.boxes) {
    const box = fromBase64Url(text);
    if (!box) continue;
    let key: Uint8Array;
    try {
      key = s.crypto_box_seal_open(box, boxPublic, boxSecret);
    } catch {
      continue; // someone else's box
    }
    if (key.length !== KEY_BYTES) return null;
    return openPayload(carrier, payload, key);
  }
  return null;
}

function openPayload(
  carrier: RecordOf<'private-note'>,
  payload: Uint8Array,
  key: Uint8Array,
): PrivateNote | null {
  const s = sodium();
  let signed: Uint8Array;
  try {
    signed = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      payload.subarray(NONCE_BYTES),
      associatedData(carrier.circle, carrier.id),
      payload.subarray(0, NONCE_BYTES),
      key,
    );
  } catch {
    return null;
  }
  if (signed.length <= SIG_BYTES) return null;
  const content = signed.subarray(SIG_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(content));
  } catch {
    return null;
  }
  const note = PrivateNote.safeParse(parsed);
  if (!note.success || note.data.circle !== carrier.circle || note.data.note !== carrier.id)
    return null;
  const author = fromBase64Url(note.data.author);
  if (!author || !s.crypto_sign_verify_detached(signed.subarray(0, SIG_BYTES), content, author))
    return null;
  return note.data;
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  const random = randomBytes(out.length * 4);
  const view = new DataView(random.buffer, random.byteOffset, random.byteLength);
  for (let i = out.length - 1; i > 0; i--) {
    const j = view.getUint32(i * 4) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
