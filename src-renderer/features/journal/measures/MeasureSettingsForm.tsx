import { useState } from 'react';
import { INSTRUMENT_IDS, INSTRUMENTS, type InstrumentId } from '../../../../src-shared/journal';
import { useHearth } from '../../../app/HearthContext';
import { MEASURE_INTERVALS } from '../../../services/journal/measure-book';
import { Alert } from '../../../ui/Alert';
import { CheckboxField } from '../../../ui/CheckboxField';
import { SelectField } from '../../../ui/SelectField';
import { useMeasureSettings } from './useMeasures';

const INTERVAL_LABELS: Record<(typeof MEASURE_INTERVALS)[number], string> = {
  7: 'Every week',
  14: 'Every two weeks',
  28: 'Every four weeks',
};

/** Which questionnaires to be reminded of, and how often; saved as soon as it changes. */
export function MeasureSettingsForm() {
  const app = useHearth();
  const stored = useMeasureSettings();
  // The form shows a change at once; the sealed write follows (and is undone if it fails).
  const [settings, setSettings] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  const save = (chosen: InstrumentId[], everyDays: number) => {
    setError(null);
    setSettings({ chosen, everyDays });
    app.journal.measures.setSettings({ chosen, everyDays }).catch((e: unknown) => {
      setSettings(app.journal.measures.settings());
      setError((e as Error).message);
    });
  };
  const toggle = (id: InstrumentId, on: boolean) =>
    save(
      on ? [...settings.chosen, id] : settings.chosen.filter((c) => c !== id),
      settings.everyDays,
    );
  return (
    <fieldset className="measure-settings stack--tight">
      <legend>Gentle reminders</legend>
      <p className="field__hint">
        A quiet note in Hearth when one is due. You can always skip it. The questions ask about the
        last two weeks, so every two weeks suits them best.
      </p>
      {INSTRUMENT_IDS.map((id) => (
        <CheckboxField
          key={id}
          label={`Remind me to take the ${INSTRUMENTS[id].name} (${INSTRUMENTS[id].about.toLowerCase()})`}
          checked={settings.chosen.includes(id)}
          onChange={(on) => toggle(id, on)}
          testId={`measure-remind-${id}`}
        />
      ))}
      <SelectField
        label="How often"
        value={String(settings.everyDays)}
        onChange={(e) => save(settings.chosen, Number(e.target.value))}
        options={MEASURE_INTERVALS.map((d) => ({ value: String(d), label: INTERVAL_LABELS[d] }))}
        data-testid="measure-interval"
      />
      <Alert message={error} />
    </fieldset>
  );
}
