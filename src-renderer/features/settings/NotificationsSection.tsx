import type { DesktopSnapshot } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Checkbox } from './Checkbox';
import { Section } from './Section';
import { useDesktopAction } from './useDesktop';

/** New-message notifications, and whether they may show what was written. */
export function NotificationsSection({ snapshot }: { snapshot: DesktopSnapshot }) {
  const { busy, error, update } = useDesktopAction();
  const settings = snapshot.shell?.settings;
  if (!settings) return null;
  return (
    <Section title="Notifications" testId="settings-notifications">
      <Checkbox
        label="Tell me about new messages when Hearth is in the background"
        hint="Without the option below, a notification only says “You have a new message.”"
        checked={settings.notifications}
        disabled={busy}
        onChange={(on) => void update({ notifications: on })}
        testId="setting-notifications"
      />
      <Checkbox
        label="Show the circle name and message text in notifications"
        hint="Anyone who can see your screen could read them."
        checked={settings.notificationPreviews}
        disabled={busy || !settings.notifications}
        onChange={(on) => void update({ notificationPreviews: on })}
        testId="setting-previews"
      />
      <Alert message={error} />
    </Section>
  );
}
