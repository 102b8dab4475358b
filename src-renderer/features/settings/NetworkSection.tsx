import { useState } from 'react';
import type { ProbeResult } from '../../services/network/ice-probe';
import type { IceServerView } from '../../services/network/ice-settings';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from './Checkbox';
import { IceServerForm } from './IceServerForm';
import { Section } from './Section';
import { useIceAction, useIceSettingsView } from './useIceSettings';

/** STUN and TURN servers and "Hide my IP address from members", in both builds, while unlocked. */
export function NetworkSection() {
  const view = useIceSettingsView();
  const { network, busy, error, run } = useIceAction();
  if (view === null) return null;
  const hasTurn = view.servers.some((s) => s.kind === 'turn');
  return (
    <Section title="Network" testId="settings-network">
      <p className="settings__hint">
        STUN and TURN servers help members on different networks reach each other. Changes apply to
        connections made from now on; lock and unlock Hearth to reconnect every circle with them.
      </p>
      {view.unreadable ? (
        <div className="stack">
          <p className="settings__hint" role="status" data-testid="ice-unreadable">
            Your network settings could not be read, so Hearth is not connecting to anyone. Please
            set them again.
          </p>
          <Button disabled={busy} onClick={() => void run(() => network.reset())}>
            Start with no servers
          </Button>
        </div>
      ) : null}
      <Checkbox
        label="Hide my IP address from members"
        hint={
          hasTurn
            ? 'Connections go only through your TURN servers, so members never see your address. They may be slower.'
            : 'Needs a TURN server: add one below first. Members then never see your address.'
        }
        checked={view.hideIp}
        disabled={busy}
        onChange={(on) => void run(() => network.setHideIp(on))}
        testId="setting-hide-ip"
      />
      <h4 className="settings__subheading">Your STUN and TURN servers</h4>
      {view.servers.length === 0 ? (
        <p className="settings__hint">None. Members on the same network still connect directly.</p>
      ) : (
        <ul className="settings__ice-servers" data-testid="ice-servers">
          {view.servers.map((server) => (
            <IceServerItem
              key={server.url}
              server={server}
              busy={busy}
              onTest={() => network.test(server.url)}
              onRemove={() => void run(() => network.remove(server.url))}
            />
          ))}
        </ul>
      )}
      <IceServerForm busy={busy} onAdd={(draft) => run(() => network.add(draft))} />
      <Alert message={error} testId="ice-error" />
    </Section>
  );
}

/** One server with its Test and Remove buttons and the last test's answer. */
function IceServerItem({
  server,
  busy,
  onTest,
  onRemove,
}: {
  server: IceServerView;
  busy: boolean;
  onTest: () => Promise<ProbeResult>;
  onRemove: () => void;
}) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ProbeResult | null>(null);
  const test = async () => {
    setTesting(true);
    setResult(null);
    const answer = await onTest().catch((e: unknown) => ({
      ok: false,
      message: e instanceof Error ? e.message : 'The test could not run.',
    }));
    setResult(answer);
    setTesting(false);
  };
  return (
    <li data-testid="ice-server">
      <div className="settings__ice-row">
        <code>{server.url}</code>
        <span>{server.kind === 'turn' ? `TURN, as ${server.username ?? ''}` : 'STUN'}</span>
        <Button
          variant="quiet"
          disabled={testing}
          onClick={() => void test()}
          aria-label={`Test ${server.url}`}
          data-testid="ice-test"
        >
          {testing ? 'Testing…' : 'Test'}
        </Button>
        <Button
          variant="quiet"
          disabled={busy}
          onClick={onRemove}
          aria-label={`Remove ${server.url}`}
        >
          Remove
        </Button>
      </div>
      <p className="settings__hint" role="status" data-testid="ice-test-result">
        {result ? `${result.ok ? 'Working: ' : 'Not working: '}${result.message}` : ''}
      </p>
    </li>
  );
}
