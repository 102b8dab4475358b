// Support lines a circle's facilitators add for their circle (issue 17). Written as one signed
// `resources` record carrying the whole list; every member's ledger judges it like the guidelines
// (src-shared/circle/moderation.ts). The check here only words what the record schema would
// refuse, before anything is written.
import {
  checkResourceDrafts,
  type ResourceDraft,
} from '../../../src-shared/safety/circle-resource-drafts';
import type { CircleSession } from './circle-session';
import { facilitatorOnly } from './circle-facilitation';

/** Replaces the circle's resources with `drafts` (an empty list clears them). Facilitators only. */
export async function setCircleResources(
  session: CircleSession,
  drafts: readonly ResourceDraft[],
): Promise<void> {
  facilitatorOnly(session);
  const checked = checkResourceDrafts(drafts);
  if (!checked.ok) throw new Error(checked.message);
  try {
    session.append(session.draft('resources', { entries: checked.entries }));
  } catch (err) {
    // Every field within its limit can still overflow one record (16 KB) in scripts that take
    // several bytes a character; nothing was written.
    if (err instanceof RangeError)
      throw new Error(
        'Together these resources are too long to share in one go. Please shorten some notes or leave one out.',
      );
    throw err;
  }
  await session.persist();
}
