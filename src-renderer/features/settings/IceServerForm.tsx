import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';

interface Draft {
  url: string;
  username: string;
  credential: string;
}
const EMPTY: Draft = { url: '', username: '', credential: '' };

/** Adds a STUN or TURN server; a TURN address brings its username and password fields. */
export function IceServerForm({
  busy,
  onAdd,
}: {
  busy: boolean;
  /** Resolves true once the server is kept (the fields then empty). */
  onAdd: (draft: Draft) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const turn = /^\s*turns?:/i.test(draft.url);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const entry = turn ? draft : { ...EMPTY, url: draft.url };
    if (await onAdd(entry)) setDraft(EMPTY);
  };
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
    autoComplete: 'off',
    spellCheck: false,
  });
  return (
    <form className="settings__ice-add stack" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        label="Add a STUN or TURN server"
        placeholder="turn:turn.example.org:3478"
        {...field('url')}
        data-testid="ice-add-url"
      />
      {turn ? (
        <>
          <TextField label="TURN username" {...field('username')} data-testid="ice-add-username" />
          <TextField
            label="TURN password"
            type="password"
            hint="Kept encrypted on this device, locked with your passphrase."
            {...field('credential')}
            autoComplete="new-password"
            data-testid="ice-add-credential"
          />
        </>
      ) : null}
      <div className="actions">
        <Button type="submit" disabled={busy} data-testid="ice-add-submit">
          Add server
        </Button>
      </div>
    </form>
  );
}
