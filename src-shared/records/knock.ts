// A newcomer's knock (docs/ARCHITECTURE.md "Joining"): signature(64) | JSON {v, requestId, member,
// displayName, inviteId, ts}, signed by the newcomer's new member key. It proves the newcomer
// holds the key it asks to be admitted with and chose the name itself. An admission carries the
// knock's time and signature (schema.ts AdmitBody), so every member can check that the name in
// it is the newcomer's own. Knocks are canonical JSON: the bytes are rebuilt from the fields.
import { z } from 'zod';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../bytes';
import { fingerprintOf, type MemberKeys } from '../crypto/keys';
import { sodium } from '../crypto/sodium';
import { DisplayName, PublicKeyB64, type RecordOf } from './schema';

export const MAX_KNOCK_BYTES = 8 * 1024;

const Knock = z.strictObject({
  v: z.literal(1),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  member: PublicKeyB64,
  displayName: DisplayName,
  inviteId: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  ts: z.number().int().positive(),
});
export type Knock = z.infer<typeof Knock> & { sig: string };

/**
 * A knock's lobby key, derived from the newcomer's member key: only a knock signed by that key is
 * valid under it, so nobody can take a newcomer's place in the lobby.
 */
export const requestIdFor = (memberKey: Uint8Array): string =>
  toBase64Url(fingerprintOf('knock', memberKey).subarray(0, 16));

/** The exact bytes a knock's signature covers, rebuilt from its fields. */
function signedPart(k: Omit<Knock, 'sig' | 'v' | 'requestId'>, memberKey: Uint8Array): Uint8Array {
  return utf8(
    JSON.stringify({
      v: 1,
      requestId: requestIdFor(memberKey),
      member: k.member,
      displayName: k.displayName,
      inviteId: k.inviteId,
      ts: k.ts,
    }),
  );
}

/** Builds a signed knock for the lobby. */
export function makeKnock(
  keys: MemberKeys,
  displayName: string,
  inviteId: string,
  now = Date.now(),
): { requestId: string; bytes: Uint8Array } {
  const member = toBase64Url(keys.signPublicKey);
  const body = signedPart(
    { member, displayName: displayName.trim(), inviteId, ts: now },
    keys.signPublicKey,
  );
  Knock.parse(JSON.parse(fromUtf8(body)));
  const sig = sodium().crypto_sign_detached(body, keys.signSecretKey);
  const bytes = new Uint8Array(64 + body.length);
  bytes.set(sig);
  bytes.set(body, 64);
  return { requestId: requestIdFor(keys.signPublicKey), bytes };
}

/**
 * Checks a knock from the lobby (untrusted). Null if it is malformed, not canonical, forged or
 * for another invite.
 */
export function openKnock(bytes: unknown, inviteId: string): Knock | null {
  if (!(bytes instanceof Uint8Array) || bytes.length <= 64 || bytes.length > MAX_KNOCK_BYTES)
    return null;
  try {
    const body = bytes.subarray(64);
    const knock = Knock.parse(JSON.parse(fromUtf8(body)));
    const memberKey = fromBase64Url(knock.member)!;
    if (knock.inviteId !== inviteId || knock.requestId !== requestIdFor(memberKey)) return null;
    const canonical = signedPart(knock, memberKey);
    if (fromUtf8(canonical) !== fromUtf8(body)) return null;
    const sig = bytes.subarray(0, 64);
    if (!sodium().crypto_sign_verify_detached(sig, body, memberKey)) return null;
    return { ...knock, sig: toBase64Url(sig) };
  } catch {
    return null;
  }
}

/** True when an admission carries the admitted member's own signed knock for that name and invite. */
export function admissionKnockValid(body: RecordOf<'admit'>['body']): boolean {
  const memberKey = fromBase64Url(body.member);
  const sig = fromBase64Url(body.knock.sig);
  if (!memberKey || !sig) return false;
  try {
    return sodium().crypto_sign_verify_detached(
      sig,
      signedPart({ ...body, ts: body.knock.ts }, memberKey),
      memberKey,
    );
  } catch {
    return false;
  }
}
