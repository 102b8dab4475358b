import { useHearth } from '../../app/HearthContext';
import { KEYCHAIN_UNLOCK_LABEL } from '../../host/desktop-app';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ProgressBar } from '../../ui/ProgressBar';
import { useVaultProgress } from '../vault/useVaultProgress';
import { useDesktopSnapshot } from './useDesktop';

/**
 * On the unlock screen: the keychain opening Hearth, or why it did not this time (the keychain
 * changed, or the window reloaded for a new signaling server). Nothing in a browser.
 */
export function KeychainUnlockNotice() {
  const app = useHearth();
  const snapshot = useDesktopSnapshot();
  const progress = useVaultProgress();
  if (progress?.label === KEYCHAIN_UNLOCK_LABEL) return <ProgressBar progress={progress} />;
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
