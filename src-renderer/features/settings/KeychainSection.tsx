import type { DesktopSnapshot } from '../../services/types';
import { keychainRefusal } from '../../services/desktop/keychain-text';
import { Alert } from '../../ui/Alert';
import { Checkbox } from './Checkbox';
import { Section } from './Section';
import { useDesktopAction } from './useDesktop';

/** Unlock with the OS keychain instead of typing the passphrase at every start. */
export function KeychainSection({ snapshot }: { snapshot: DesktopSnapshot }) {
  const { desktop, busy, error, run } = useDesktopAction();
  const refusal = snapshot.keychain ? keychainRefusal(snapshot.keychain) : null;
  return (
    <Section title="Unlocking" testId="settings-keychain">
      <Checkbox
        label="Unlock with my system keychain"
        hint="Hearth keeps its key in your computer's keychain, so it opens without your passphrase when you are logged in. Anyone using your login could open it too. Your passphrase keeps working."
        checked={snapshot.keychainUnlock}
        disabled={busy || (refusal !== null && !snapshot.keychainUnlock)}
        onChange={(on) => void run(async () => desktop?.setKeychainUnlock(on))}
        testId="setting-keychain"
      />
      {refusal !== null && !snapshot.keychainUnlock ? (
        <p className="settings__hint">{refusal}</p>
      ) : null}
      <Alert message={error} />
    </Section>
  );
}
