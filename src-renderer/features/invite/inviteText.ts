// What the invite panel says about an invite, and the choices its form offers. Pure, so the
// wording is tested without a page.
import type { InviteOptions, InviteSummary } from '../../services/types';
import { formatDateTime, relativeTime } from '../facilitation/timeText';

export const INVITE_EXPLANATION =
  'A share code lets someone ask to join this circle, within the limits you set here. Share it privately.';

export const EXPIRY_CHOICES: readonly { value: InviteOptions['expiresIn']; label: string }[] = [
  { value: '1h', label: '1 hour' },
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
];

/** Select values are strings: 'unlimited' stands for no limit (null). */
export const USES_CHOICES: readonly {
  value: string;
  label: string;
  uses: InviteOptions['maxUses'];
}[] = [
  { value: '1', label: '1 person', uses: 1 },
  { value: '5', label: '5 people', uses: 5 },
  { value: '20', label: '20 people', uses: 20 },
  { value: 'unlimited', label: 'No limit', uses: null },
];

export const usesValue = (uses: InviteOptions['maxUses']): string =>
  USES_CHOICES.find((c) => c.uses === uses)?.value ?? '1';

/** The limit a select value stands for; anything unknown is the safest choice, one use. */
export function usesFromValue(value: string): InviteOptions['maxUses'] {
  const choice = USES_CHOICES.find((c) => c.value === value);
  // Not `?.uses ?? 1`: "No limit" is null, which ?? would turn into one use.
  return choice === undefined ? 1 : choice.uses;
}

/** An expiry choice from a select value; anything unknown is the shortest, one hour. */
export const expiryFromValue = (value: string): InviteOptions['expiresIn'] =>
  EXPIRY_CHOICES.find((c) => c.value === value)?.value ?? '1h';

const STATE_TEXT: Record<InviteSummary['state'], string> = {
  live: 'Live',
  expired: 'Expired',
  'used-up': 'Used up',
  revoked: 'Withdrawn',
};

export const inviteStateText = (invite: InviteSummary): string => STATE_TEXT[invite.state];

/** "Expires in 6 days (13 Dec 2026, 10:00)", "Expired 2 hours ago (…)", or "Does not expire". */
export function expiryText(invite: InviteSummary, now: number): string {
  if (invite.expiresAt === null) return 'Does not expire';
  const when = `${relativeTime(invite.expiresAt, now)} (${formatDateTime(invite.expiresAt)})`;
  return invite.expiresAt > now ? `Expires ${when}` : `Expired ${when}`;
}

/** "1 of 5 uses left", "No uses left", or "No limit on uses". */
export function usesText(invite: InviteSummary): string {
  if (invite.maxUses === null || invite.usesLeft === null) return 'No limit on uses';
  if (invite.usesLeft <= 0) return 'No uses left';
  return `${invite.usesLeft} of ${invite.maxUses} ${invite.maxUses === 1 ? 'use' : 'uses'} left`;
}

export const approvalText = (invite: Pick<InviteSummary, 'approval'>): string =>
  invite.approval === 'facilitator'
    ? 'A facilitator approves each newcomer'
    : 'Newcomers are let in without approval';
