import type { DesktopSnapshot } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { SelectField } from '../../ui/SelectField';
import { Checkbox } from './Checkbox';
import { Section } from './Section';
import { useDesktopAction } from './useDesktop';
import { quickExitKeys } from '../safety/quick-exit-keys';

const AUTO_LOCK_CHOICES = [
  { value: '1', label: 'After 1 minute' },
  { value: '5', label: 'After 5 minutes' },
  { value: '10', label: 'After 10 minutes' },
  { value: '30', label: 'After 30 minutes' },
  { value: '60', label: 'After an hour' },
  { value: '0', label: 'Never' },
];

/** Auto-lock, quick exit and the tray icon. */
export function LockingSection({
  snapshot,
  platform,
}: {
  snapshot: DesktopSnapshot;
  platform: string;
}) {
  const { busy, error, update } = useDesktopAction();
  const settings = snapshot.shell?.settings;
  if (!settings) return null;
  const value = String(settings.autoLockMinutes);
  // A value set elsewhere (an older version, a hand-edited file) is shown as it is.
  const options = AUTO_LOCK_CHOICES.some((c) => c.value === value)
    ? AUTO_LOCK_CHOICES
    : [...AUTO_LOCK_CHOICES, { value, label: `After ${value} minutes` }];
  const exitKeys = quickExitKeys(platform).label;
  return (
    <Section title="Locking" testId="settings-locking">
      <SelectField
        label="Lock when the computer has been idle"
        hint="Hearth also locks when your screen locks or the computer sleeps, unless this is set to Never."
        options={options}
        value={value}
        disabled={busy}
        onChange={(e) => void update({ autoLockMinutes: Number(e.target.value) })}
        data-testid="setting-auto-lock"
      />
      <p className="settings__hint">
        Quick exit: press <kbd>{exitKeys}</kbd> to hide Hearth and lock it at once. Open Hearth
        again to come back.
      </p>
      <Checkbox
        label="Show Hearth in the system tray"
        hint="A small icon to show, hide or lock Hearth without finding its window."
        checked={settings.trayIcon}
        disabled={busy}
        onChange={(on) => void update({ trayIcon: on })}
        testId="setting-tray"
      />
      <Alert message={error} />
    </Section>
  );
}
