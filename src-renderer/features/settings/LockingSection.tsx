import { useId } from 'react';
import type { DesktopSnapshot } from '../../host/desktop-app';
import { Alert } from '../../ui/Alert';
import { Checkbox } from './Checkbox';
import { Section } from './Section';
import { useDesktopAction } from './useDesktop';

const AUTO_LOCK_CHOICES = [
  { minutes: 1, label: 'After 1 minute' },
  { minutes: 5, label: 'After 5 minutes' },
  { minutes: 10, label: 'After 10 minutes' },
  { minutes: 30, label: 'After 30 minutes' },
  { minutes: 60, label: 'After an hour' },
  { minutes: 0, label: 'Never' },
];

/** Auto-lock, quick exit and the tray icon. */
export function LockingSection({ snapshot, platform }: { snapshot: DesktopSnapshot; platform: string }) {
  const { busy, error, update } = useDesktopAction();
  const selectId = useId();
  const hintId = useId();
  const settings = snapshot.shell?.settings;
  if (!settings) return null;
  const minutes = AUTO_LOCK_CHOICES.some((c) => c.minutes === settings.autoLockMinutes) ? settings.autoLockMinutes : 10;
  const quickExitKeys = platform === 'darwin' ? '⌘ Shift X' : 'Ctrl+Shift+X';
  return (
    <Section title="Locking" testId="settings-locking">
      <div className="field">
        <label className="field__label" htmlFor={selectId}>
          Lock when the computer has been idle
        </label>
        <p className="field__hint" id={hintId}>
          Hearth also locks when your screen locks or the computer sleeps, unless this is set to Never.
        </p>
        <select
          id={selectId}
          className="field__control"
          aria-describedby={hintId}
          value={minutes}
          disabled={busy}
          onChange={(e) => void update({ autoLockMinutes: Number(e.target.value) })}
          data-testid="setting-auto-lock"
        >
          {AUTO_LOCK_CHOICES.map((choice) => (
            <option key={choice.minutes} value={choice.minutes}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <p className="settings__hint">
        Quick exit: press <kbd>{quickExitKeys}</kbd> to hide Hearth and lock it at once. Open Hearth again to come back.
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
