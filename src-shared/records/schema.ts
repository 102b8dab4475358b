// What a decrypted, signature-checked record may contain. Anything that does not match is
// dropped and counted, never shown.
import { z } from 'zod';

export const MAX_SEALED_RECORD_BYTES = 16 * 1024;
export const MAX_MESSAGE_CHARS = 4000;
export const MAX_NAME_CHARS = 64;
export const MAX_DESCRIPTION_CHARS = 500;
export const MAX_REASON_CHARS = 500;
export const MAX_GUIDELINES_CHARS = 4000;
/** Causal predecessors a record may name (the author's membership heads, see records/record-hash.ts). */
export const MAX_PREV = 8;
/** Lockboxes a rekey may carry: one per remaining member; a circle is 5 to 30 people, and 64 lockboxes fill about 13 KB of a 16 KB record. */
export const MAX_LOCKBOXES = 64;

const b64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .length(Math.ceil((bytes * 4) / 3));
export const PublicKeyB64 = b64url(32);
/** A record's hash (record-hash.ts): how later records name it in `prev`. */
export const RecordHash = b64url(16);
const Hash32 = b64url(32);
const InviteId = z.string().regex(/^[A-Za-z0-9_-]{16}$/);
/** A record's own id (common.id below): how a hide names the message it covers. */
const RecordId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const DisplayName = trimmed(MAX_NAME_CHARS);

export const CirclePolicy = z.strictObject({
  /** When true any member may make invites (and answer knocks on them), not only facilitators. */
  membersMayInvite: z.boolean(),
});

export const GenesisBody = z.strictObject({
  name: trimmed(MAX_NAME_CHARS),
  description: z.string().max(MAX_DESCRIPTION_CHARS),
  displayName: DisplayName,
  policy: CirclePolicy,
  /** epochKeyCommitment of the epoch-0 keys, so keys handed to a newcomer can be checked. */
  keyCommitment: Hash32,
});

/** An invite. Every member's ledger enforces its expiry, uses and approval (membership.ts). */
export const InviteBody = z.strictObject({
  inviteId: InviteId,
  secret: b64url(32),
  expiresAt: z.number().int().positive().nullable(),
  maxUses: z.number().int().positive().nullable(),
  approval: z.enum(['auto', 'facilitator']),
});

/** Withdraws an invite: admissions after it (in the circle's order) are void. */
export const RevokeBody = z.strictObject({ inviteId: InviteId });

/**
 * Lets a newcomer in. Carries the newcomer's own signed knock (records/knock.ts) so that the
 * name is the newcomer's own, never the admitter's choice; openRecord checks its signature.
 */
export const AdmitBody = z.strictObject({
  member: PublicKeyB64,
  displayName: DisplayName,
  inviteId: InviteId,
  knock: z.strictObject({ ts: z.number().int().positive(), sig: b64url(64) }),
});

/**
 * Makes a member a co-facilitator, or takes the role back. Taking it back carries `upTo`, as a
 * removal does: the facilitator's later acts that do not know of it are void (0 for a promotion).
 */
export const RoleBody = z.strictObject({
  member: PublicKeyB64,
  role: z.enum(['facilitator', 'member']),
  upTo: z.number().int().nonnegative(),
});

/**
 * Removes a member. `upTo` is the highest of the member's own sequence numbers the remover had
 * seen without a gap: the member's records after it are void on every peer.
 */
const Reason = z.string().trim().min(1).max(MAX_REASON_CHARS);

export const RemoveBody = z.strictObject({
  member: PublicKeyB64,
  reason: Reason,
  upTo: z.number().int().nonnegative(),
});

/** The author leaves the circle; their records after this one are void. */
export const LeaveBody = z.strictObject({});

/** The author's own new display name. Nobody else can change it. */
export const RenameBody = z.strictObject({ displayName: DisplayName });

/**
 * Starts epoch `epoch` (docs/ARCHITECTURE.md "Epochs"): new keys, committed to by
 * `keyCommitment`, sealed to each remaining member in a lockbox (crypto/lockbox.ts) bound to
 * circle, epoch, recipient and this record's id.
 */
export const RekeyBody = z.strictObject({
  epoch: z.number().int().positive(),
  /** Hash of the rekey this one follows (the genesis for epoch 1). */
  prevRekey: RecordHash,
  keyCommitment: Hash32,
  ephemeral: Hash32,
  lockboxes: z
    .array(z.strictObject({ to: PublicKeyB64, box: z.string().regex(/^[A-Za-z0-9_-]{100,200}$/) }))
    .min(1)
    .max(MAX_LOCKBOXES),
});

/**
 * Hides a member's message from the timeline (`hidden: false` shows it again): it stays there,
 * marked, for facilitators to open (circle/moderation.ts judges who may).
 */
export const HideBody = z.strictObject({
  author: PublicKeyB64,
  id: RecordId,
  hidden: z.boolean(),
  reason: Reason,
});

/** Mutes a member from this record's time until `until`; `until` at or before it unmutes. */
export const MuteBody = z.strictObject({
  member: PublicKeyB64,
  until: z.number().int().nonnegative(),
  reason: Reason,
});

/** The circle's guidelines, plain text (shown as text, never as markup). */
export const GuidelinesBody = z.strictObject({
  text: z.string().trim().min(1).max(MAX_GUIDELINES_CHARS),
});

/** What a writer can mark a message with: it arrives covered, its topic shown (issue 17). */
export const WARNING_TOPICS = [
  'self-harm',
  'suicide',
  'abuse',
  'eating',
  'substances',
  'grief',
  'other',
] as const;
export type WarningTopic = (typeof WARNING_TOPICS)[number];

export const MessageBody = z.strictObject({
  text: z.string().min(1).max(MAX_MESSAGE_CHARS),
  /** A content warning: readers see the topic and open the message themselves. */
  warning: z.strictObject({ topic: z.enum(WARNING_TOPICS) }).optional(),
});

const common = {
  v: z.literal(1),
  circle: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  epoch: z.number().int().nonnegative(),
  id: RecordId,
  author: PublicKeyB64,
  /** The author's own counter in this circle: 1, 2, 3, ... (a removal cuts it, see RemoveBody). */
  seq: z.number().int().positive(),
  /** Hashes of the membership records the author had seen last (its causal position). */
  prev: z.array(RecordHash).max(MAX_PREV),
  ts: z.number().int().positive(),
};

/** The signed content of a record, by kind. */
export const RecordContent = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('genesis'), body: GenesisBody }),
  z.strictObject({ ...common, kind: z.literal('invite'), body: InviteBody }),
  z.strictObject({ ...common, kind: z.literal('revoke'), body: RevokeBody }),
  z.strictObject({ ...common, kind: z.literal('admit'), body: AdmitBody }),
  z.strictObject({ ...common, kind: z.literal('role'), body: RoleBody }),
  z.strictObject({ ...common, kind: z.literal('remove'), body: RemoveBody }),
  z.strictObject({ ...common, kind: z.literal('leave'), body: LeaveBody }),
  z.strictObject({ ...common, kind: z.literal('rename'), body: RenameBody }),
  z.strictObject({ ...common, kind: z.literal('rekey'), body: RekeyBody }),
  z.strictObject({ ...common, kind: z.literal('hide'), body: HideBody }),
  z.strictObject({ ...common, kind: z.literal('mute'), body: MuteBody }),
  z.strictObject({ ...common, kind: z.literal('guidelines'), body: GuidelinesBody }),
  z.strictObject({ ...common, kind: z.literal('message'), body: MessageBody }),
]);

export type RecordContent = z.infer<typeof RecordContent>;
export type RecordKind = RecordContent['kind'];
export type RecordOf<K extends RecordKind> = Extract<RecordContent, { kind: K }>;
export type GenesisBody = z.infer<typeof GenesisBody>;
export type InviteBody = z.infer<typeof InviteBody>;
export type RekeyBody = z.infer<typeof RekeyBody>;
