import { useHearth } from '../../app/HearthContext';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { useDesktopSnapshot } from './useDesktop';

/**
 * On the unlock screen: why the keychain did not open Hearth this time (the keychain changed,
 * or the window reloaded for a new signaling server). Nothing in a browser.
 */
export function KeychainUnlockNotice() {
  const app = useHearth();
  const snapshot = useDesktopSnapshot();
  if (!snapshot?.notice) return null;
  return (
    <Banner tone="info" role="status" data-testid="unlock-notice">
      <p>{snapshot.notice}</p>
      <Button variant="quiet" onClick={() => app.desktop?.dismissNotice()}>
        Dismiss
      </Button>
    </Banner>
  );
}
