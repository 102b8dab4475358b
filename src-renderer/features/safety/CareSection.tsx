import { Checkbox } from '../settings/Checkbox';
import { Section } from '../settings/Section';
import { setCareCheck, useCareCheckOn } from './care-preference';

/** The care check's switch, in Settings for both builds. */
export function CareSection() {
  const on = useCareCheckOn();
  return (
    <Section title="Care check" testId="settings-care">
      <Checkbox
        label="Offer support options when a message mentions suicide or self-harm"
        hint="Checked on this device only. Nothing is blocked, saved, reported or sent, and nobody else is told."
        checked={on}
        onChange={setCareCheck}
        testId="setting-care-check"
      />
    </Section>
  );
}
