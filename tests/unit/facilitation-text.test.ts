import { describe, expect, it } from 'vitest';
import {
  expiryFromValue,
  expiryText,
  USES_CHOICES,
  usesFromValue,
  usesText,
  usesValue,
} from '../../src-renderer/features/invite/inviteText';
import {
  canFacilitate,
  canInvite,
  knockSummary,
  needsSuccessor,
  successorChoices,
} from '../../src-renderer/features/facilitation/permissions';
import { relativeTime } from '../../src-renderer/features/facilitation/timeText';
import { refusalText, shortPhaseText } from '../../src-renderer/features/join/phaseText';
import type { InviteSummary, Member } from '../../src-renderer/services/types';

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const HOUR = 3_600_000;
// The words come from Intl in the machine's own locale; the tests check which unit and number.
const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const member = (key: string, displayName: string, role: Member['role'] = 'member'): Member => ({
  key,
  displayName,
  role,
  admittedBy: null,
  since: 1,
  rank: role === 'facilitator' ? 0 : null,
  grant: 'g',
  admission: 'g',
});
const circle = (...list: Member[]) => new Map(list.map((m) => [m.key, m]));

const invite = (patch: Partial<InviteSummary>): InviteSummary => ({
  inviteId: 'i',
  createdBy: 'a',
  createdAt: NOW - HOUR,
  expiresAt: NOW + 7 * 24 * HOUR,
  maxUses: 1,
  usesLeft: 1,
  approval: 'facilitator',
  state: 'live',
  ...patch,
});

describe('the invite form', () => {
  it('turns every uses choice back into the limit it shows, "No limit" included', () => {
    for (const choice of USES_CHOICES) {
      expect(usesFromValue(choice.value)).toBe(choice.uses);
      expect(usesValue(choice.uses)).toBe(choice.value);
    }
    expect(usesFromValue('unlimited')).toBeNull();
  });

  it('never widens an invite from a value it does not offer: one use, one hour', () => {
    for (const value of ['', '0', '1000', '-1', 'null', 'Infinity', '__proto__'])
      expect(usesFromValue(value)).toBe(1);
    for (const value of ['', '30d', '7d ', 'never', 'constructor'])
      expect(expiryFromValue(value)).toBe('1h');
  });
});

describe('what the invite list says', () => {
  it('says when an invite ends, in words and with the date, and when it has ended', () => {
    expect(expiryText(invite({}), NOW)).toMatch(
      new RegExp(`^Expires ${rtf.format(7, 'day')} \\(.+\\)$`),
    );
    expect(expiryText(invite({ expiresAt: NOW - 2 * HOUR, state: 'expired' }), NOW)).toMatch(
      new RegExp(`^Expired ${rtf.format(-2, 'hour')} \\(.+\\)$`),
    );
    expect(expiryText(invite({ expiresAt: null }), NOW)).toBe('Does not expire');
  });

  it('counts uses left, and says so when there is no limit', () => {
    expect(usesText(invite({ maxUses: 5, usesLeft: 3 }))).toBe('3 of 5 uses left');
    expect(usesText(invite({ maxUses: 1, usesLeft: 1 }))).toBe('1 of 1 use left');
    expect(usesText(invite({ maxUses: 1, usesLeft: 0, state: 'used-up' }))).toBe('No uses left');
    expect(usesText(invite({ maxUses: null, usesLeft: null }))).toBe('No limit on uses');
  });

  it('gives relative times in the largest unit that fits', () => {
    expect(relativeTime(NOW - 10_000, NOW)).toBe(rtf.format(0, 'second'));
    expect(relativeTime(NOW - 5 * 60_000, NOW)).toBe(rtf.format(-5, 'minute'));
    expect(relativeTime(NOW + 3 * HOUR, NOW)).toBe(rtf.format(3, 'hour'));
    expect(relativeTime(NOW - 48 * HOUR, NOW)).toBe(rtf.format(-2, 'day'));
  });
});

describe('who may do what on screen', () => {
  const view = (patch: Partial<Parameters<typeof canInvite>[0]>) => ({
    standing: 'member' as const,
    myRole: 'member' as const,
    membersMayInvite: false,
    ...patch,
  });

  it('a plain member sees no invite entry unless the circle lets members invite', () => {
    expect(canInvite(view({}))).toBe(false);
    expect(canInvite(view({ membersMayInvite: true }))).toBe(true);
    expect(canInvite(view({ myRole: 'facilitator' }))).toBe(true);
  });

  it('someone removed or gone keeps no facilitator or inviting controls', () => {
    for (const standing of ['removed', 'left'] as const) {
      expect(canInvite(view({ standing, myRole: 'facilitator', membersMayInvite: true }))).toBe(
        false,
      );
      expect(canFacilitate(view({ standing, myRole: 'facilitator' }))).toBe(false);
    }
  });

  it('the last facilitator cannot leave others without naming who facilitates next', () => {
    const me = member('me', 'Ana', 'facilitator');
    expect(needsSuccessor(circle(me, member('b', 'Bo')), 'me')).toBe(true);
    expect(needsSuccessor(circle(me), 'me')).toBe(false);
    expect(needsSuccessor(circle(me, member('b', 'Bo', 'facilitator')), 'me')).toBe(false);
    expect(
      needsSuccessor(circle(member('me', 'Ana'), member('b', 'Bo', 'facilitator')), 'me'),
    ).toBe(false);
  });

  it('offers everyone but the one leaving as successor, by name', () => {
    const list = circle(member('me', 'Ana', 'facilitator'), member('c', 'Cy'), member('b', 'Bo'));
    expect(successorChoices(list, 'me').map((m) => m.key)).toEqual(['b', 'c']);
  });

  it('counts the people asking to join in plain words', () => {
    expect(knockSummary(1)).toBe('1 person is asking to join');
    expect(knockSummary(2)).toBe('2 people are asking to join');
  });
});

describe('what a newcomer is told', () => {
  it('says why they were not let in and what to do next, differently for each reason', () => {
    const reasons = ['expired', 'used-up', 'revoked', 'declined'] as const;
    const texts = reasons.map(refusalText);
    expect(new Set(texts).size).toBe(reasons.length);
    expect(refusalText('declined')).toBe(
      "A facilitator didn't let this request in. Nothing about you was shared.",
    );
    expect(shortPhaseText({ phase: 'refused', reason: 'expired' })).toBe('Not let in');
    expect(shortPhaseText({ phase: 'awaiting-approval' })).toBe('Waiting for a facilitator');
  });
});
