import { SelectField } from '../../ui/SelectField';
import { Section } from './Section';
import { parseTheme, setTheme, useTheme } from './theme';

const THEME_CHOICES = [
  { value: 'system', label: 'Same as this device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The colour theme, applied at once and remembered on this device. */
export function AppearanceSection() {
  const theme = useTheme();
  return (
    <Section title="Appearance" testId="settings-appearance">
      <SelectField
        label="Theme"
        hint="Remembered on this device only."
        options={THEME_CHOICES}
        value={theme}
        onChange={(e) => setTheme(parseTheme(e.target.value))}
        data-testid="setting-theme"
      />
    </Section>
  );
}
