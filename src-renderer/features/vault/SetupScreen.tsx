import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Screen } from '../../ui/Screen';
import { TextField } from '../../ui/TextField';
import {
  MIN_PASSPHRASE_LENGTH,
  passphraseRefusal,
  passphraseStrength,
} from '../../services/vault/passphrase-strength';
import { PassphraseMeter } from './PassphraseMeter';
import { ShowPassphraseToggle } from './ShowPassphraseToggle';
import { usePassphraseStrength } from './usePassphraseStrength';
import { useVaultAction } from './useVaultAction';
import { VaultBusy } from './VaultBusy';

/** Scored as too weak when the estimator could not load: the vault would refuse it anyway. */
const UNMEASURED = { score: 0, acceptable: false, warning: null, suggestions: [] };

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
  const strength = usePassphraseStrength(passphrase);

  // An error goes as soon as its field is fixed, not at the next press of the button.
  const passphraseFixed =
    invalid === 'passphrase' &&
    strength !== null &&
    passphraseRefusal(passphrase, strength) === null;
  const confirmFixed = invalid === 'confirm' && confirm === passphrase;
  useEffect(() => {
    if (!passphraseFixed && !confirmFixed) return;
    setInvalid(null);
    setError(null);
  }, [passphraseFixed, confirmFixed, setError]);

  const fail = (field: 'passphrase' | 'confirm', message: string) => {
    setInvalid(field);
    setError(message);
    (field === 'passphrase' ? passphraseRef : confirmRef).current?.focus();
  };

  // The vault refuses the same passphrases (services/vault/vault.ts); checking here first lets
  // the message sit beside the field it is about.
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const refusal = passphraseRefusal(
      passphrase,
      strength ?? (await passphraseStrength(passphrase).catch(() => null)) ?? UNMEASURED,
    );
    if (refusal !== null) {
      fail('passphrase', refusal);
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
      <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          ref={passphraseRef}
          label="Choose a passphrase"
          hint={`At least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
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
        <PassphraseMeter strength={strength} typed={passphrase !== ''} />
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
