// Building the records a member writes: the genesis of a new circle, invites, rekeys, and the
// common fields of every record. Pure functions of keys, input, position and time.
import { toBase64Url } from '../bytes';
import { randomBytes } from '../crypto/random';
import {
  generateEpochKeys,
  generateMemberKeys,
  inviteIdOf,
  randomId,
  type EpochKeys,
  type MemberKeys,
} from '../crypto/keys';
import { epochKeyCommitment, sealLockboxes } from '../crypto/lockbox';
import {
  GenesisBody,
  InviteBody,
  RekeyBody,
  type RecordContent,
  type RecordKind,
  type RecordOf,
} from '../records/schema';
import { signContent } from '../records/seal';
import { genesisFingerprintOf } from './lobby';

/** Who writes a record, where it belongs, and where it stands in the circle's history. */
export interface Authoring {
  circleId: string;
  epoch: number;
  keys: MemberKeys;
  /** The author's next sequence number (ledger.nextSeq). */
  seq: number;
  /** The membership records the author has seen last (ledger.prevForNew). */
  prev: string[];
}

/** A record's content with a fresh id. The caller keeps `ts` no earlier than what `prev` names. */
export function draftRecord<K extends RecordKind>(
  who: Authoring,
  kind: K,
  body: RecordOf<K>['body'],
  now = Date.now(),
  /** Chosen in advance when the body must name it (a rekey's lockboxes are bound to its id). */
  id = randomId(),
): RecordOf<K> {
  return {
    v: 1,
    circle: who.circleId,
    epoch: who.epoch,
    id,
    author: toBase64Url(who.keys.signPublicKey),
    seq: who.seq,
    prev: who.prev,
    ts: now,
    kind,
    body,
  } as RecordOf<K>;
}

export interface FoundedCircle {
  circleId: string;
  keys: MemberKeys;
  epoch: EpochKeys;
  genesis: RecordOf<'genesis'>;
  genesisSigned: Uint8Array;
  fingerprint: Uint8Array;
}

/** Makes a new circle: a member keypair for it, epoch-0 keys and the signed genesis record. */
export function foundCircle(
  input: { name: string; description: string; displayName: string; membersMayInvite?: boolean },
  now = Date.now(),
): FoundedCircle {
  const keys = generateMemberKeys();
  const epoch = generateEpochKeys(0);
  const circleId = randomId();
  const body = GenesisBody.parse({
    name: input.name,
    description: input.description,
    displayName: input.displayName,
    policy: { membersMayInvite: input.membersMayInvite ?? false },
    keyCommitment: epochKeyCommitment(epoch),
  });
  const genesis = draftRecord({ circleId, epoch: 0, keys, seq: 1, prev: [] }, 'genesis', body, now);
  const genesisSigned = signContent(genesis, keys.signSecretKey);
  return {
    circleId,
    keys,
    epoch,
    genesis,
    genesisSigned,
    fingerprint: genesisFingerprintOf(genesisSigned),
  };
}

/** A fresh invite: its secret (for the share code) and the record body members will see. */
export function draftInvite(options: Pick<InviteBody, 'expiresAt' | 'maxUses' | 'approval'>): {
  secret: Uint8Array;
  body: InviteBody;
} {
  const secret = randomBytes(32);
  const body = InviteBody.parse({
    inviteId: inviteIdOf(secret),
    secret: toBase64Url(secret),
    ...options,
  });
  return { secret, body };
}

/**
 * The body of a rekey starting epoch `keys.epoch`: a commitment to the new keys and one lockbox
 * per recipient (the author among them), bound to this circle, epoch and the record's `id`.
 */
export function draftRekeyBody(
  circleId: string,
  rekeyId: string,
  keys: EpochKeys,
  prevRekey: string,
  recipients: readonly string[],
): RekeyBody {
  const sealed = sealLockboxes(keys, recipients, { circleId, rekeyId });
  return RekeyBody.parse({
    epoch: keys.epoch,
    prevRekey,
    keyCommitment: epochKeyCommitment(keys),
    ephemeral: sealed.ephemeral,
    lockboxes: sealed.boxes,
  });
}

export type { RecordContent };
