import { useState } from 'react';
import { useHearth, useHearthSnapshot } from '../../app/HearthContext';
import type { BrowserNoticeSettings, HearthApp } from '../../services/types';
import { Checkbox } from './Checkbox';
import { Section } from './Section';

const selectNotices = (app: HearthApp): BrowserNoticeSettings | null =>
  app.notices?.settings() ?? null;

const BLOCKED_TEXT =
  'Your browser is set not to show notifications from Hearth. You can allow them in this site’s settings in your browser, then turn this on again.';

/**
 * The browser build's notifications. The browser's permission is asked only when the person
 * turns them on; the two switches stay on this device (services/notifications/browser-notices.ts).
 */
export function BrowserNotificationsSection() {
  const app = useHearth();
  const settings = useHearthSnapshot(selectNotices);
  const [asking, setAsking] = useState(false);
  if (settings === null || app.notices === null) return null;
  const notices = app.notices;
  if (settings.permission === 'unsupported') {
    return (
      <Section title="Notifications" testId="settings-notifications">
        <p className="settings__hint">This browser cannot show notifications from Hearth.</p>
      </Section>
    );
  }
  const on = settings.on && settings.permission === 'granted';
  const toggle = async (next: boolean) => {
    if (!next) return notices.turnOff();
    setAsking(true);
    try {
      await notices.turnOn();
    } finally {
      setAsking(false);
    }
  };
  return (
    <Section title="Notifications" testId="settings-notifications">
      <Checkbox
        label="Tell me about new messages when Hearth is in the background"
        hint="Your browser will ask whether Hearth may show notifications. Without the option below, a notification only says “You have a new message.”"
        checked={on}
        disabled={asking}
        onChange={(next) => void toggle(next)}
        testId="setting-notifications"
      />
      <Checkbox
        label="Show the circle name and message text in notifications"
        hint="Anyone who can see your screen could read them."
        checked={settings.previews}
        disabled={!on}
        onChange={(next) => notices.setPreviews(next)}
        testId="setting-previews"
      />
      {settings.permission === 'denied' ? (
        <p className="settings__hint" role="status" data-testid="notifications-blocked">
          {BLOCKED_TEXT}
        </p>
      ) : null}
    </Section>
  );
}
