// Content-warning topics as people read them, and which ones this person wants covered. The
// choice is a preference about this device only, kept in localStorage like the region
// (region-choice.ts says why it is outside the vault).
import { useSyncExternalStore } from 'react';
import { WARNING_TOPICS, type WarningTopic } from '../../../src-shared/records/schema';

/** How each topic is named on screen. */
export const WARNING_LABELS: Readonly<Record<WarningTopic, string>> = {
  'self-harm': 'Self-harm',
  suicide: 'Suicide',
  abuse: 'Abuse',
  eating: 'Eating and food',
  substances: 'Alcohol and drugs',
  grief: 'Grief and loss',
  other: 'Something difficult',
};

const KEY = 'hearth.uncoveredTopics';
const listeners = new Set<() => void>();
let cached: string | null = null;
let uncovered: ReadonlySet<WarningTopic> = new Set();

function read(): ReadonlySet<WarningTopic> {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    raw = cached;
  }
  if (raw === cached) return uncovered;
  cached = raw;
  let list: unknown = [];
  try {
    list = JSON.parse(raw ?? '[]');
  } catch {
    list = [];
  }
  uncovered = new Set(Array.isArray(list) ? WARNING_TOPICS.filter((t) => list.includes(t)) : []);
  return uncovered;
}

/** Covers (the default) or uncovers messages warned about `topic` on this device. */
export function setTopicCovered(topic: WarningTopic, covered: boolean): void {
  const next = new Set(read());
  if (covered) next.delete(topic);
  else next.add(topic);
  const raw = JSON.stringify([...next]);
  try {
    localStorage.setItem(KEY, raw);
  } catch {
    // Storage refused: the choice holds until the page reloads.
  }
  cached = raw;
  uncovered = next;
  for (const listener of listeners) listener();
}

/** Topics this person chose to see without covering, following changes anywhere in the page. */
export function useUncoveredTopics(): ReadonlySet<WarningTopic> {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, read);
}

/** Messages opened since the page loaded (ids only), so scrolling away does not cover them again. */
export const openedWarnings = new Set<string>();
