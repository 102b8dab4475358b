// What a decrypted, signature-checked record may contain. Anything that does not match is
// dropped and counted, never shown.
import { z } from 'zod';

export const MAX_SEALED_RECORD_BYTES = 16 * 1024;
export const MAX_MESSAGE_CHARS = 4000;
export const MAX_NAME_CHARS = 64;
export const MAX_DESCRIPTION_CHARS = 500;

const b64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .length(Math.ceil((bytes * 4) / 3));
export const PublicKeyB64 = b64url(32);
const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const DisplayName = trimmed(MAX_NAME_CHARS);

export const CirclePolicy = z.strictObject({
  /** When true any member may admit a newcomer with a valid invite, not only facilitators. */
  membersMayAdmit: z.boolean(),
});

export const GenesisBody = z.strictObject({
  name: trimmed(MAX_NAME_CHARS),
  description: z.string().max(MAX_DESCRIPTION_CHARS),
  displayName: DisplayName,
  policy: CirclePolicy,
});

/** An invite. Expiry, use count and approval are enforced by the facilitation features. */
export const InviteBody = z.strictObject({
  inviteId: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  secret: b64url(32),
  expiresAt: z.number().int().positive().nullable(),
  maxUses: z.number().int().positive().nullable(),
  approval: z.enum(['auto', 'facilitator']),
});

export const AdmitBody = z.strictObject({
  member: PublicKeyB64,
  displayName: DisplayName,
  inviteId: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
});

export const MessageBody = z.strictObject({
  text: z.string().min(1).max(MAX_MESSAGE_CHARS),
});

const common = {
  v: z.literal(1),
  circle: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  epoch: z.number().int().nonnegative(),
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  author: PublicKeyB64,
  ts: z.number().int().positive(),
};

/** The signed content of a record, by kind. */
export const RecordContent = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('genesis'), body: GenesisBody }),
  z.strictObject({ ...common, kind: z.literal('invite'), body: InviteBody }),
  z.strictObject({ ...common, kind: z.literal('admit'), body: AdmitBody }),
  z.strictObject({ ...common, kind: z.literal('message'), body: MessageBody }),
]);

export type RecordContent = z.infer<typeof RecordContent>;
export type RecordKind = RecordContent['kind'];
export type RecordOf<K extends RecordKind> = Extract<RecordContent, { kind: K }>;
export type GenesisBody = z.infer<typeof GenesisBody>;
export type InviteBody = z.infer<typeof InviteBody>;
