import { useId, useRef, useState, type FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Screen } from '../../ui/Screen';
import { TextField } from '../../ui/TextField';
import { ShowPassphraseToggle } from './ShowPassphraseToggle';
import { useVaultAction } from './useVaultAction';
import { VaultBusy } from './VaultBusy';

export const MIN_PASSPHRASE_CHARS = 8;

/** First start: choose the passphrase that locks everything Hearth stores on this device. */
export function SetupScreen() {
  const app = useHearth();
  const { busy, error, setError, run } = useVaultAction();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [show, setShow] = useState(false);
  const [invalid, setInvalid] = useState<'passphrase' | 'confirm' | null>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  const fail = (field: 'passphrase' | 'confirm', message: string) => {
    setInvalid(field);
    setError(message);
    (field === 'passphrase' ? passphraseRef : confirmRef).current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
      fail('passphrase', `Please use at least ${MIN_PASSPHRASE_CHARS} characters.`);
      return;
    }
    if (confirm !== passphrase) {
      fail('confirm', 'The two passphrases are not the same. Please type the second one again.');
      return;
    }
    setInvalid(null);
    void run(() => app.createVault(passphrase));
  };

  return (
    <Screen title="Welcome to Hearth">
      <p>
        Hearth keeps your circles and messages only on this computer, locked with a passphrase you
        choose. You will type it each time you open Hearth.
      </p>
      <div className="notice">
        <p className="notice__title">There is no way to recover a forgotten passphrase</p>
        <p>
          Nobody can reset it for you, not even the people who make Hearth. Without it, what Hearth
          keeps on this computer cannot be opened. Keep it somewhere safe.
        </p>
      </div>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <TextField
          ref={passphraseRef}
          label="Choose a passphrase"
          hint={`At least ${MIN_PASSPHRASE_CHARS} characters. A few unrelated words are easy to remember and hard to guess.`}
          type={show ? 'text' : 'password'}
          autoComplete="new-password"
          autoFocus
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          readOnly={busy}
          aria-invalid={invalid === 'passphrase' || undefined}
          describedBy={error && invalid === 'passphrase' ? errorId : undefined}
          data-testid="passphrase"
        />
        <TextField
          ref={confirmRef}
          label="Type it again"
          type={show ? 'text' : 'password'}
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          readOnly={busy}
          aria-invalid={invalid === 'confirm' || undefined}
          describedBy={error && invalid === 'confirm' ? errorId : undefined}
          data-testid="passphrase-confirm"
        />
        <ShowPassphraseToggle checked={show} onChange={setShow} />
        <Alert id={errorId} message={error} testId="vault-error" />
        {busy ? <VaultBusy fallbackLabel="Securing your space…" /> : null}
        <div className="actions">
          <Button
            type="submit"
            variant="primary"
            aria-disabled={busy || undefined}
            data-testid="vault-submit"
          >
            Set passphrase
          </Button>
        </div>
      </form>
    </Screen>
  );
}
