// A short badge shown beside a member's name, so two members who chose the same name can be
// told apart. It is derived from the member's public key only, so every device shows the same one.
import { fromBase64Url } from '../bytes';
import { fingerprintOf } from '../crypto/keys';

// 32 symbols (5 bits each) without 0/O and 1/I, which are easy to misread.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const BADGE_LENGTH = 4;
const PUBLIC_KEY_BYTES = 32;
const UNKNOWN = '????';

/** 4 characters from ALPHABET, the same for the same key everywhere; "????" for a malformed key. */
export function memberBadge(memberKey: string): string {
  const bytes = typeof memberKey === 'string' ? fromBase64Url(memberKey) : null;
  if (!bytes || bytes.length !== PUBLIC_KEY_BYTES) return UNKNOWN;
  const hash = fingerprintOf('badge', bytes);
  // The first 20 bits of the hash, 5 bits per character.
  const bits = (hash[0]! << 12) | (hash[1]! << 4) | (hash[2]! >> 4);
  let badge = '';
  for (let i = BADGE_LENGTH - 1; i >= 0; i--) badge += ALPHABET[(bits >> (5 * i)) & 31]!;
  return badge;
}
