import { useState, type FormEvent } from 'react';
import { SignalingUrl } from '../../../src-shared/ipc/contract';
import type { DesktopSnapshot } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { Checkbox } from './Checkbox';
import { Section } from './Section';
import { useDesktopAction } from './useDesktop';

/** The local signaling server and the user's own servers. */
export function SignalingSection({ snapshot }: { snapshot: DesktopSnapshot }) {
  const { busy, error, setError, update } = useDesktopAction();
  const [draft, setDraft] = useState('');
  const shell = snapshot.shell;
  if (!shell) return null;
  const { settings } = shell;
  // This computer's own address (127.0.0.1) is no use to anyone else.
  const lanSignalingUrls = shell.lanSignalingUrls.filter(
    (url) => !/^wss?:\/\/(127\.|localhost|\[::1\])/.test(url),
  );

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const url = draft.trim();
    if (!SignalingUrl.safeParse(url).success) {
      setError('Please enter an address starting with wss:// (or ws:// on your own network).');
      return;
    }
    if (await update({ signalingUrls: [...settings.signalingUrls, url] })) setDraft('');
  };
  const remove = (url: string) =>
    void update({ signalingUrls: settings.signalingUrls.filter((u) => u !== url) });

  return (
    <Section title="Connecting" testId="settings-signaling">
      <p className="settings__hint">
        Signaling servers only introduce members to each other; messages go directly between your
        computers, encrypted.
      </p>
      <Checkbox
        label="Help people on this network find each other"
        hint="Runs a small signaling server on this computer while Hearth is open. New circles and share codes include its address."
        checked={settings.embeddedSignaling}
        disabled={busy}
        onChange={(on) => void update({ embeddedSignaling: on })}
        testId="setting-lan-server"
      />
      {settings.embeddedSignaling && snapshot.lanNeedsRestart ? (
        <p className="settings__hint" role="status">
          Others on your network can use it now; this window connects to it after Hearth restarts.
        </p>
      ) : null}
      {settings.embeddedSignaling && lanSignalingUrls.length > 0 ? (
        <div className="settings__addresses">
          <p className="settings__hint">Others on your network reach it at:</p>
          <ul data-testid="lan-addresses">
            {lanSignalingUrls.map((url) => (
              <li key={url}>
                <code>{url}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <h4 className="settings__subheading">Your signaling servers</h4>
      {settings.signalingUrls.length === 0 ? (
        <p className="settings__hint">
          None yet. Add one to reach members who are not on your network.
        </p>
      ) : (
        <ul className="settings__servers">
          {settings.signalingUrls.map((url) => (
            <li key={url}>
              <code>{url}</code>
              <Button variant="quiet" onClick={() => remove(url)} aria-label={`Remove ${url}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="settings__add" onSubmit={(e) => void add(e)} noValidate>
        <TextField
          label="Add a server"
          placeholder="wss://signal.example.org"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            // The address error goes as soon as the address reads right.
            if (error && SignalingUrl.safeParse(e.target.value.trim()).success) setError(null);
          }}
          data-testid="setting-add-server"
        />
        <Button type="submit" disabled={busy}>
          Add
        </Button>
      </form>
      <Alert message={error} />
    </Section>
  );
}
