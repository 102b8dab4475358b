import { WARNING_TOPICS } from '../../../src-shared/records/schema';
import { Checkbox } from '../settings/Checkbox';
import { Section } from '../settings/Section';
import { setTopicCovered, useUncoveredTopics, WARNING_LABELS } from './warning-topics';

/** Which content warnings keep a message covered until opened (all, unless the person says). */
export function ContentWarningsSection() {
  const uncovered = useUncoveredTopics();
  return (
    <Section title="Content warnings" testId="settings-warnings">
      <p className="settings__hint">
        Messages marked with these topics arrive covered; you open them when you are ready.
      </p>
      {WARNING_TOPICS.map((topic) => (
        <Checkbox
          key={topic}
          label={`Cover messages about ${WARNING_LABELS[topic].toLowerCase()}`}
          checked={!uncovered.has(topic)}
          onChange={(on) => setTopicCovered(topic, on)}
          testId={`cover-${topic}`}
        />
      ))}
    </Section>
  );
}
