// Content-warning topics as people read them, and which ones this person wants covered: a
// preference about this device only (device-preference.ts).
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

/** Messages opened since the page loaded (ids only), so scrolling away does not cover them again. */
export const openedWarnings = new Set<string>();
