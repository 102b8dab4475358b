// A small picture for each member, drawn from their public key only, so every device draws the
// same one and nobody can choose someone else's. It is a quick visual cue beside a name; the
// 4-character badge (member-badge.ts) stays what tells equal names apart in words.
import { fromBase64Url } from '../bytes';
import { fingerprintOf } from '../crypto/keys';

/** Cells per side of the square pattern. */
export const AVATAR_SIZE = 5;
/** How many colours there are; the page gives each a light and a dark shade (chat.css). */
export const AVATAR_TONES = 8;
const PUBLIC_KEY_BYTES = 32;
// Left half and middle column of a 5 × 5 grid; the right half mirrors the left, as faces do.
const HALF = Math.ceil(AVATAR_SIZE / 2);

export interface MemberAvatar {
  /** Filled cells, row by row (AVATAR_SIZE × AVATAR_SIZE), symmetric left to right. */
  cells: readonly boolean[];
  /** Which of AVATAR_TONES colours. */
  tone: number;
}

/** The same pattern and tone for the same key everywhere, never empty; null for a malformed key. */
export function memberAvatar(memberKey: string): MemberAvatar | null {
  const bytes = typeof memberKey === 'string' ? fromBase64Url(memberKey) : null;
  if (!bytes || bytes.length !== PUBLIC_KEY_BYTES) return null;
  const hash = fingerprintOf('avatar', bytes);
  const cells: boolean[] = [];
  for (let row = 0; row < AVATAR_SIZE; row++)
    for (let col = 0; col < AVATAR_SIZE; col++) {
      const half = col < HALF ? col : AVATAR_SIZE - 1 - col;
      cells.push((hash[1 + row * HALF + half]! & 1) === 1);
    }
  // An empty square says nothing: the middle cell is always drawn.
  cells[Math.floor((AVATAR_SIZE * AVATAR_SIZE) / 2)] = true;
  return { cells, tone: hash[0]! % AVATAR_TONES };
}
