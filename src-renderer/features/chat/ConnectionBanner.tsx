import type { ConnectionState } from '../../services/types';
import { Banner } from '../../ui/Banner';

export const OFFLINE_TEXT =
  "Can't reach a signaling server right now. You can keep writing; messages are shared when a connection comes back.";
export const ALONE_TEXT =
  'Nobody else from this circle is online right now. Your messages will reach them when they come online.';

/**
 * How this circle is connected. The wrapper is always present (and empty when connected) so a
 * change is announced and can be read from data-state.
 */
export function ConnectionBanner({
  connection,
  signalingUrls,
}: {
  connection: ConnectionState;
  signalingUrls: string[];
}) {
  return (
    <div
      className="connection"
      role="status"
      data-testid="connection-banner"
      data-state={connection}
    >
      {connection === 'offline' ? (
        <Banner tone="warning">
          <p>{OFFLINE_TEXT}</p>
          {signalingUrls.length > 0 ? (
            <p className="banner__detail">
              {signalingUrls.length === 1 ? 'Server: ' : 'Servers: '}
              {signalingUrls.map((url, i) => (
                <span key={url}>
                  {i > 0 ? ', ' : null}
                  <code>{url}</code>
                </span>
              ))}
            </p>
          ) : null}
        </Banner>
      ) : null}
      {connection === 'alone' ? (
        <Banner tone="info">
          <p>{ALONE_TEXT}</p>
        </Banner>
      ) : null}
    </div>
  );
}
