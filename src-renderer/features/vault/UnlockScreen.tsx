import { useId, useRef, useState, type FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Screen } from '../../ui/Screen';
import { TextField } from '../../ui/TextField';
import { ShowPassphraseToggle } from './ShowPassphraseToggle';
import { useVaultAction } from './useVaultAction';
import { VaultBusy } from './VaultBusy';
import { KeychainUnlockNotice } from '../settings/KeychainUnlockNotice';

/** Hearth is locked: the passphrase opens it. The field keeps focus so a retry is one keystroke away. */
export function UnlockScreen() {
  const app = useHearth();
  const { busy, error, setError, run } = useVaultAction();
  const [passphrase, setPassphrase] = useState('');
  const [show, setShow] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  const refocus = () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (passphrase.length === 0) {
      setError('Please type your passphrase.');
      refocus();
      return;
    }
    const ok = await run(() => app.unlock(passphrase));
    if (!ok) refocus();
  };

  return (
    <Screen title="Hearth is locked">
      <KeychainUnlockNotice />
      <p>Type your passphrase to open your circles.</p>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <TextField
          ref={inputRef}
          label="Passphrase"
          type={show ? 'text' : 'password'}
          autoComplete="current-password"
          autoFocus
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          readOnly={busy}
          describedBy={error ? errorId : undefined}
          aria-invalid={error ? true : undefined}
          data-testid="passphrase"
        />
        <ShowPassphraseToggle checked={show} onChange={setShow} />
        <Alert id={errorId} message={error} testId="vault-error" />
        {busy ? <VaultBusy fallbackLabel="Unlocking…" /> : null}
        <div className="actions">
          <Button
            type="submit"
            variant="primary"
            aria-disabled={busy || undefined}
            data-testid="vault-submit"
          >
            Unlock
          </Button>
        </div>
      </form>
    </Screen>
  );
}
