// Building the records a member writes: the genesis of a new circle, invites, admissions,
// messages. Pure functions of keys, input and time.
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
import {
  GenesisBody,
  InviteBody,
  type RecordContent,
  type RecordKind,
  type RecordOf,
} from '../records/schema';
import { signContent } from '../records/seal';
import { genesisFingerprintOf } from './lobby';

/** Who writes a record and where it belongs. */
export interface Authoring {
  circleId: string;
  epoch: number;
  keys: MemberKeys;
}

/** A record's content with fresh id and time; validated against the schema before it is returned. */
export function draftRecord<K extends RecordKind>(
  who: Authoring,
  kind: K,
  body: RecordOf<K>['body'],
  now = Date.now(),
): RecordOf<K> {
  return {
    v: 1,
    circle: who.circleId,
    epoch: who.epoch,
    id: randomId(),
    author: toBase64Url(who.keys.signPublicKey),
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
  input: { name: string; description: string; displayName: string },
  now = Date.now(),
): FoundedCircle {
  const keys = generateMemberKeys();
  const epoch = generateEpochKeys(0);
  const circleId = randomId();
  const body = GenesisBody.parse({ ...input, policy: { membersMayAdmit: true } });
  const genesis = draftRecord({ circleId, epoch: 0, keys }, 'genesis', body, now);
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
export function draftInvite(
  options: Partial<Pick<InviteBody, 'expiresAt' | 'maxUses' | 'approval'>> = {},
): { secret: Uint8Array; body: InviteBody } {
  const secret = randomBytes(32);
  const body = InviteBody.parse({
    inviteId: inviteIdOf(secret),
    secret: toBase64Url(secret),
    expiresAt: options.expiresAt ?? null,
    maxUses: options.maxUses ?? null,
    approval: options.approval ?? 'auto',
  });
  return { secret, body };
}

export type { RecordContent };
