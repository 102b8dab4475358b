import { useEffect } from 'react';
import { useHearth } from '../../app/HearthContext';
import { useDesktopSnapshot } from './useDesktop';

/**
 * Follows what the desktop shell asks for: a hearth://join/ link opens the join page with its
 * code filled in; the Settings menu item opens settings. Requests made while locked are kept
 * until the layout is there to follow them.
 */
export function useShellRequests(
  openJoinWithCode: (code: string) => void,
  openSettings: () => void,
): void {
  const app = useHearth();
  const snapshot = useDesktopSnapshot();
  const joinLink = snapshot?.joinLink ?? null;
  const settingsRequested = snapshot?.settingsRequested ?? false;

  useEffect(() => {
    if (joinLink === null) return;
    openJoinWithCode(joinLink);
    app.desktop?.clearJoinLink();
  }, [app, joinLink, openJoinWithCode]);

  useEffect(() => {
    if (!settingsRequested) return;
    openSettings();
    app.desktop?.clearSettingsRequest();
  }, [app, settingsRequested, openSettings]);
}
