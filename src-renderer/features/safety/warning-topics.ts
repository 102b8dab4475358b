// Content-warning topics as people read them, and which ones this person wants covered: a
// preference about this device only (device-preference.ts).
import { useSyncExternalStore } from 'react';
import { WARNING_TOPICS, type WarningTopic } from '../../../src-shared/records/schema';
import { devicePreference } from './device-preference';

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

/** Topics this person chose to see without covering (stored as a JSON list of topics). */
const uncoveredTopics = devicePreference<ReadonlySet<WarningTopic>>(
  'hearth.uncoveredTopics',
  (raw) => {
    let list: unknown = [];
    try {
      list = JSON.parse(raw ?? '[]');
    } catch {
      list = [];
    }
    return new Set(Array.isArray(list) ? WARNING_TOPICS.filter((t) => list.includes(t)) : []);
  },
  (topics) => JSON.stringify([...topics]),
);

/** Covers (the default) or uncovers messages warned about `topic` on this device. */
export function setTopicCovered(topic: WarningTopic, covered: boolean): void {
  const next = new Set(uncoveredTopics.get());
  if (covered) next.delete(topic);
  else next.add(topic);
  uncoveredTopics.set(next);
}

/** Topics this person chose to see without covering, following changes anywhere in the page. */
export const useUncoveredTopics = (): ReadonlySet<WarningTopic> => uncoveredTopics.use();

/**
 * Messages opened since the page loaded (messageKey: author/id), so scrolling away does not
 * cover them again.
 * Each opening makes a new set, so what reads it through useOpenedWarnings (search) updates.
 */
let opened: ReadonlySet<string> = new Set();
const openedListeners = new Set<() => void>();

export const isWarningOpened = (key: string): boolean => opened.has(key);

export function openWarning(key: string): void {
  if (opened.has(key)) return;
  opened = new Set([...opened, key]);
  for (const listener of openedListeners) listener();
}

const subscribeOpened = (listener: () => void) => {
  openedListeners.add(listener);
  return () => openedListeners.delete(listener);
};

/** The opened messages' ids, following each opening. */
export const useOpenedWarnings = (): ReadonlySet<string> =>
  useSyncExternalStore(subscribeOpened, () => opened);
