// What a decrypted, signature-checked record may contain. Anything that does not match is
// dropped and counted, never shown.
import { z } from 'zod';
import { ResourcesBody } from './resources-body';

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
export const RecordId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
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

/**
 * Lets a blind relay (issue 18) serve epoch `epoch`'s room, or (attached: false) no longer: members
 * then believe what the relay with this key signs about itself there (circle/relay-claim.ts). The
 * relay gets the room secret out of band, in a relay code; it never gets a key that reads a record.
 */
export const RelayBody = z.strictObject({
  relay: PublicKeyB64,
  epoch: z.number().int().nonnegative(),
  attached: z.boolean(),
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

/** Recipients a private note may be sealed to: the circle's facilitators and its writer. */
export const MAX_NOTE_RECIPIENTS = 16;
/** A private note's sealed payload, in base64url characters (records/private-note.ts). */
export const MAX_NOTE_PAYLOAD_CHARS = 8000;

/**
 * A private note (a report, or a facilitator's answer to one): a payload only its recipients can
 * open, with the payload key sealed to each recipient (crypto_box_seal: a box does not say whose it
 * is). The record around it is signed with a one-time key, so nobody else can tell who wrote it.
 */
export const PrivateNoteBody = z.strictObject({
  payload: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .max(MAX_NOTE_PAYLOAD_CHARS),
  boxes: z.array(b64url(80)).min(1).max(MAX_NOTE_RECIPIENTS),
});

/**
 * A message named by its author and id: a record's identity is the pair (two authors may use one
 * id), so a reply or reaction can never be shown against another author's message.
 */
export const MessageRef = z.strictObject({ author: PublicKeyB64, id: RecordId });

export const MessageBody = z.strictObject({
  text: z.string().min(1).max(MAX_MESSAGE_CHARS),
  /** A content warning: readers see the topic and open the message themselves. */
  warning: z.strictObject({ topic: z.enum(WARNING_TOPICS) }).optional(),
  /** The message this one answers. Readers quote it from their own timeline, never from here. */
  replyTo: MessageRef.optional(),
});

/** A reaction's emoji: at most this many UTF-16 units (a family or a flag fits). */
export const MAX_EMOJI_UNITS = 16;
// One Unicode RGI emoji (the set emoji-picker-element's data is drawn from), and nothing else:
// no text, no two emoji, no invisible characters. Built at run time: the `v` flag is newer than
// the compile target, and every runtime Hearth supports (Node 20, Chromium) has it.
const ONE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
export const ReactionEmoji = z
  .string()
  .max(MAX_EMOJI_UNITS)
  .refine((s) => ONE_EMOJI.test(s), 'one emoji');

/** The author's reaction to a message, or (on: false) taken back; their later one wins. */
export const ReactBody = z.strictObject({
  target: MessageRef,
  emoji: ReactionEmoji,
  on: z.boolean(),
});

/** The author's new text for one of their own messages (`target`: its id); the author's latest edit wins. */
export const EditBody = z.strictObject({
  target: RecordId,
  text: z.string().min(1).max(MAX_MESSAGE_CHARS),
  warning: z.strictObject({ topic: z.enum(WARNING_TOPICS) }).optional(),
});

/**
 * Takes back one of the author's own messages: every member drops its text
 * (circle/message-changes.ts). `at` is the message's time, so that a newcomer who never gets the
 * message shows "Message deleted" in its place too.
 */
export const DeleteBody = z.strictObject({ target: RecordId, at: z.number().int().positive() });

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

/** Kinds a newer Hearth may write: lower-case words, as every kind so far. */
const KIND_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * A record of a kind this app does not know (from a newer Hearth), as this app holds it: its own
 * kind `foreign`, the kind and body it came with under `body`. It is kept in the log and the
 * store, passed on, counted in its author's quota and sequence, never shown and never acted on;
 * an app that knows the kind judges it when it opens the store (knownNow).
 */
const ForeignBody = z.strictObject({ kind: z.string().regex(KIND_NAME), body: z.unknown() });

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
  z.strictObject({ ...common, kind: z.literal('resources'), body: ResourcesBody }),
  z.strictObject({ ...common, kind: z.literal('relay'), body: RelayBody }),
  z.strictObject({ ...common, kind: z.literal('message'), body: MessageBody }),
  z.strictObject({ ...common, kind: z.literal('react'), body: ReactBody }),
  z.strictObject({ ...common, kind: z.literal('edit'), body: EditBody }),
  z.strictObject({ ...common, kind: z.literal('delete'), body: DeleteBody }),
  z.strictObject({ ...common, kind: z.literal('private-note'), body: PrivateNoteBody }),
  z.strictObject({ ...common, kind: z.literal('foreign'), body: ForeignBody }),
]);

const KNOWN_KINDS: ReadonlySet<string> = new Set(
  RecordContent.options.map((o) => o.shape.kind.value),
);

/** The common envelope of every record, with any kind not known here and any body. */
const ForeignEnvelope = z.strictObject({
  ...common,
  kind: z
    .string()
    .regex(KIND_NAME)
    .refine((k) => !KNOWN_KINDS.has(k)),
  body: z.unknown(),
});

/**
 * Parses signed content: a known kind strictly, or an unknown kind with a well-formed envelope
 * as a `foreign` record (its kind and body kept as they came); null when neither.
 */
export function parseRecordContent(value: unknown): RecordContent | null {
  const known = RecordContent.safeParse(value);
  // `foreign` is this app's own name for what it does not know; nobody may send it as such.
  if (known.success) return known.data.kind === 'foreign' ? null : known.data;
  const foreign = ForeignEnvelope.safeParse(value);
  if (!foreign.success) return null;
  const { kind, body, ...envelope } = foreign.data;
  return { ...envelope, kind: 'foreign', body: { kind, body } };
}

/** A stored `foreign` record as its own kind, if this app knows that kind now (after an update). */
export function knownNow(r: RecordOf<'foreign'>): RecordContent | null {
  const { kind, body } = r.body;
  if (!KNOWN_KINDS.has(kind) || kind === 'foreign') return null;
  const parsed = RecordContent.safeParse({ ...r, kind, body });
  return parsed.success ? parsed.data : null;
}

export type RecordContent = z.infer<typeof RecordContent>;
export type RecordKind = RecordContent['kind'];
export type RecordOf<K extends RecordKind> = Extract<RecordContent, { kind: K }>;
export type GenesisBody = z.infer<typeof GenesisBody>;
export type PrivateNoteBody = z.infer<typeof PrivateNoteBody>;
export type MessageBody = z.infer<typeof MessageBody>;
export type MessageRef = z.infer<typeof MessageRef>;
export type InviteBody = z.infer<typeof InviteBody>;
export type RekeyBody = z.infer<typeof RekeyBody>;
