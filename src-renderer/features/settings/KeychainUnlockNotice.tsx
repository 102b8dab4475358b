import { useHearth } from '../../app/HearthContext';
import { KEYCHAIN_UNLOCK_LABEL } from '../../services/desktop/keychain-text';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ProgressBar } from '../../ui/ProgressBar';
import { useVaultProgress } from '../vault/useVaultProgress';
import { useDesktopSnapshot } from './useDesktop';

/**
 * On the unlock screen: the keychain opening Hearth, why it did not this time (the keychain
 * changed, or the window reloaded for a new signaling server), or a button to open it with the
 * keychain after a lock. Nothing in a browser.
 */
export function KeychainUnlockNotice() {
  const app = useHearth();
  const snapshot = useDesktopSnapshot();
  const progress = useVaultProgress();
  if (progress?.label === KEYCHAIN_UNLOCK_LABEL) return <ProgressBar progress={progress} />;
  if (snapshot?.notice) {
    return (
      <Banner tone="info" role="status" data-testid="unlock-notice">
        <p>{snapshot.notice}</p>
        <Button variant="quiet" onClick={() => app.desktop?.dismissNotice()}>
          Dismiss
        </Button>
      </Banner>
    );
  }
  // After a lock (menu, quick exit, idle) the keychain does not reopen Hearth by itself.
  if (!snapshot?.keychainUnlock || progress !== null) return null;
  return (
    <div className="actions">
      <Button onClick={() => void app.unlockWithKeychain()} data-testid="keychain-unlock">
        Open with my system keychain
      </Button>
    </div>
  );
}
