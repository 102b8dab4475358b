import type { Ref } from 'react';
import { WARNING_TOPICS, type WarningTopic } from '../../../src-shared/records/schema';
import { WARNING_LABELS } from './warning-topics';

/** The composer's content-warning choice: none, or a topic the message will arrive covered by. */
export function WarningPicker({
  value,
  onChange,
  ref,
}: {
  value: WarningTopic | null;
  onChange: (topic: WarningTopic | null) => void;
  ref?: Ref<HTMLSelectElement>;
}) {
  return (
    <label className="warning-picker">
      <span>Content warning</span>
      <select
        ref={ref}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as WarningTopic))}
        data-testid="warning-picker"
      >
        <option value="">None</option>
        {WARNING_TOPICS.map((t) => (
          <option key={t} value={t}>
            {WARNING_LABELS[t]}
          </option>
        ))}
      </select>
    </label>
  );
}
