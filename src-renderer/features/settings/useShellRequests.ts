import { useEffect } from 'react';
import { useHearth } from '../../app/HearthContext';
import { useDesktopSnapshot } from './useDesktop';

/**
 * Follows what the desktop shell asks for: a hearth://join/ link opens the join page with its
 * code filled in; the Settings menu item opens settings.
 */
export function useShellRequests(openJoinWithCode: (code: string) => void, openSettings: () => void): void {
  const app = useHearth();
  const snapshot = useDesktopSnapshot();
  const joinLink = snapshot?.joinLink ?? null;
  const settingsRequests = snapshot?.settingsRequests ?? 0;

  useEffect(() => {
    if (joinLink === null) return;
    openJoinWithCode(joinLink);
    app.desktop?.clearJoinLink();
  }, [app, joinLink, openJoinWithCode]);

  useEffect(() => {
    if (settingsRequests > 0) openSettings();
  }, [settingsRequests, openSettings]);
}
