import { useId, useRef, useState } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { RelayPermit } from '../../../src-shared/circle/membership-state';
import type { RelayView } from '../../services/circles/relay-watch';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { badgeFor } from '../chat/badge';
import { MemberBadge } from '../chat/MemberName';
import { useAction } from '../facilitation/useAction';
import { CodeBox } from '../invite/CodeBox';
import { useCopy } from '../invite/useCopy';
import { relayStatusText } from './relayText';
import './relay.css';

interface RelayDialogProps {
  localId: string;
  /** The epoch the circle is in: a relay let in for an older one stayed behind at a rotation. */
  epoch: number;
  relays: readonly RelayPermit[];
  status: RelayView;
  onClose: () => void;
}

/**
 * For facilitators: make a relay code, see the relays let in, and stop using one. Says plainly
 * what a relay can and cannot do, since it is a server someone runs.
 */
export function RelayDialog({ localId, epoch, relays, status, onClose }: RelayDialogProps) {
  const app = useHearth();
  const [code, setCode] = useState<string | null>(null);
  const action = useAction('That did not work just now. Please try again.');
  const attached = relays.filter((r) => r.attached);
  const make = async () => {
    let made = '';
    if (await action.run('make', async () => void (made = await app.makeRelayCode(localId))))
      setCode(made);
  };
  return (
    <Dialog title="Relay" onClose={onClose}>
      <div className="stack">
        <p>
          A relay is a small program someone runs on a server that is always on. It keeps this
          circle&apos;s messages, sealed, and hands them to members when they come online, so people
          who are rarely online at the same time still reach each other.
        </p>
        <p>
          It cannot read a message, and it cannot let anyone in, change anything or speak for
          anyone. It can see when members are online and how much they write.
        </p>
        <p data-testid="relay-status">{relayStatusText(status)}</p>
        {attached.length > 0 ? (
          <ul className="relay__list" data-testid="relay-list">
            {attached.map((r) => (
              <RelayItem key={r.relay} localId={localId} permit={r} behind={r.epoch < epoch} />
            ))}
          </ul>
        ) : null}
        {code ? <NewCode code={code} /> : null}
        <Alert message={action.error} />
        <div className="actions">
          <Button
            variant={code ? undefined : 'primary'}
            onClick={() => void make()}
            disabled={action.running !== null}
            data-testid="relay-make"
          >
            {attached.length > 0 ? 'Make a code for another relay' : 'Make a relay code'}
          </Button>
          <Button onClick={onClose}>Close</Button>
        </div>
      </div>
    </Dialog>
  );
}

function NewCode({ code }: { code: string }) {
  const labelId = useId();
  const box = useRef<HTMLDivElement>(null);
  const { status, copy } = useCopy(code, box);
  return (
    <section className="stack relay__code" aria-labelledby={labelId}>
      <h3 id={labelId}>Relay code</h3>
      <CodeBox ref={box} labelId={labelId} value={code} testId="relay-code" />
      <div className="actions">
        <Button onClick={() => void copy()}>Copy code</Button>
        <span role="status">{status}</span>
      </div>
      <p>
        Give it only to the person who runs the relay. On the server:{' '}
        <code>npm run relay -- add --data &lt;folder&gt; --code &lt;code&gt;</code>. It lets the
        relay into the circle&apos;s room as it is now; after the circle moves to new keys, make a
        new code for it.
      </p>
    </section>
  );
}

function RelayItem({
  localId,
  permit,
  behind,
}: {
  localId: string;
  permit: RelayPermit;
  behind: boolean;
}) {
  const app = useHearth();
  const [confirming, setConfirming] = useState(false);
  const action = useAction('That did not work just now. Please try again.');
  return (
    <li className="relay__item" data-testid="relay-item">
      <p>
        Relay <MemberBadge badge={badgeFor(permit.relay)} />
        {behind ? ' · left behind when the circle moved to new keys: make it a new code' : ''}
      </p>
      {confirming ? (
        <div className="stack">
          <p>
            The circle will move to new keys, so nothing written from now on reaches this relay.
            Members who are online follow at once; others follow when they next meet a member.
          </p>
          <div className="actions">
            <Button
              variant="primary"
              disabled={action.running !== null}
              onClick={() =>
                void action.run('detach', () => app.detachRelay(localId, permit.relay))
              }
              data-testid="relay-detach-confirm"
            >
              Stop using it
            </Button>
            <Button onClick={() => setConfirming(false)}>Keep it</Button>
          </div>
          <Alert message={action.error} />
        </div>
      ) : (
        <Button variant="quiet" onClick={() => setConfirming(true)} data-testid="relay-detach">
          Stop using this relay…
        </Button>
      )}
    </li>
  );
}
