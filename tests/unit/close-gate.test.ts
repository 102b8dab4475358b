// The desktop window's close waits until the page has written out what it holds (close-gate.ts).
import { describe, expect, it } from 'vitest';
import { CloseGate, SAVE_BEFORE_CLOSE_TIMEOUT_MS } from '../../src-main/close-gate';

function gate(page: 'answers' | 'absent' = 'answers') {
  const events: string[] = [];
  let timer: (() => void) | null = null;
  const g = new CloseGate({
    askToSave: () => {
      events.push('ask');
      return page === 'answers';
    },
    proceed: () => events.push('proceed'),
    timeoutMs: SAVE_BEFORE_CLOSE_TIMEOUT_MS,
    setTimer: (run, ms) => {
      events.push(`timer ${ms}`);
      timer = run;
      return 1;
    },
    clearTimer: () => {
      events.push('clear');
      timer = null;
    },
  });
  return { g, events, fireTimer: () => timer?.() };
}

describe('CloseGate', () => {
  it('holds the first close, asks the page once, and lets the window go when it has saved', () => {
    const { g, events } = gate();
    expect(g.holdClose()).toBe(true);
    expect(g.holdClose()).toBe(true); // a second click on close while saving
    expect(events).toEqual(['ask', `timer ${SAVE_BEFORE_CLOSE_TIMEOUT_MS}`]);
    g.saved();
    expect(events).toEqual(['ask', `timer ${SAVE_BEFORE_CLOSE_TIMEOUT_MS}`, 'clear', 'proceed']);
    expect(g.holdClose()).toBe(false); // the close that proceed() starts goes through
    g.saved(); // a late answer changes nothing
    expect(events.filter((e) => e === 'proceed')).toHaveLength(1);
  });

  it('lets the window go after the timeout when the page does not answer, and ignores a late answer', () => {
    const { g, events, fireTimer } = gate();
    g.holdClose();
    fireTimer();
    expect(events.at(-1)).toBe('proceed');
    g.saved();
    expect(events.filter((e) => e === 'proceed')).toHaveLength(1);
    expect(g.holdClose()).toBe(false);
  });

  it('does not hold a window whose page is gone', () => {
    const { g, events } = gate('absent');
    expect(g.holdClose()).toBe(false);
    expect(events).toEqual(['ask']);
  });

  it('ignores a "saved" that no close asked for', () => {
    const { g, events } = gate();
    g.saved();
    expect(events).toEqual([]);
    expect(g.holdClose()).toBe(true);
  });
});
