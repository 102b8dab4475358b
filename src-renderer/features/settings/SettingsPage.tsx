import { useEffect, useId } from 'react';
import { useHearth } from '../../app/HearthContext';
import { Button } from '../../ui/Button';
import { CareSection } from '../safety/CareSection';
import { ContentWarningsSection } from '../safety/ContentWarningsSection';
import { AboutSection } from './AboutSection';
import { AppearanceSection } from './AppearanceSection';
import { BrowserNotificationsSection } from './BrowserNotificationsSection';
import { KeychainSection } from './KeychainSection';
import { LockingSection } from './LockingSection';
import { NetworkSection } from './NetworkSection';
import { NotificationsSection } from './NotificationsSection';
import { QuickExitSection } from './QuickExitSection';
import { SignalingSection } from './SignalingSection';
import { TypingSection } from './TypingSection';
import { useDesktopSnapshot } from './useDesktop';
import './settings.css';

/**
 * Settings. Desktop-only groups appear only in the desktop app; the browser build has its own
 * notifications (the browser's permission) and shows the quick-exit shortcut on its own.
 */
export function SettingsPage({ onClose }: { onClose: () => void }) {
  const app = useHearth();
  const snapshot = useDesktopSnapshot();
  const info = app.hostInfo;
  const titleId = useId();

  // Main may have changed things since (the LAN address moves with the network).
  useEffect(() => {
    void app.desktop?.load().catch(() => {});
  }, [app]);

  return (
    <section className="pane-page settings stack" aria-labelledby={titleId} data-testid="settings">
      <h2 id={titleId}>Settings</h2>
      {snapshot ? (
        <>
          <KeychainSection snapshot={snapshot} />
          <LockingSection snapshot={snapshot} platform={info.platform} />
          <NotificationsSection snapshot={snapshot} />
          <SignalingSection snapshot={snapshot} />
        </>
      ) : (
        <>
          <BrowserNotificationsSection />
          <QuickExitSection platform={info.platform} />
        </>
      )}
      <AppearanceSection />
      <TypingSection />
      <NetworkSection />
      <CareSection />
      <ContentWarningsSection />
      <AboutSection version={info.appVersion} inBrowser={snapshot === null} />
      <div className="actions">
        <Button variant="primary" onClick={onClose} data-testid="settings-done">
          Done
        </Button>
      </div>
    </section>
  );
}
