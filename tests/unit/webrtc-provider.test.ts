// The shared provider's lifetime in Node, against Hearth's real signaling server on 127.0.0.1:
// a room left (for a new epoch, or a circle closed) must give back its signaling socket and stop
// its awareness timer, or every epoch change would leave one more of each behind.
import { describe, expect, it } from 'vitest';
import { useNodeProviders } from '../support/node-providers';

const providers = useNodeProviders('provider test');
const { open } = providers;

describe('createWebrtcProvider', () => {
  it('gives back its signaling socket and ends its awareness when destroyed', async () => {
    const first = open(`provider-a-${Date.now()}`);
    await expect.poll(() => providers.server().connections(), { timeout: 10_000 }).toBe(1);
    let awarenessEnded = false;
    first.provider.awareness.on('destroy', () => (awarenessEnded = true));
    first.destroy();
    // Nothing else uses the socket, so it closes; the awareness's renewal timer is stopped.
    await expect.poll(() => providers.server().connections(), { timeout: 10_000 }).toBe(0);
    expect(awarenessEnded).toBe(true);
  });

  it('keeps the socket while another room still uses it', async () => {
    const one = open(`provider-b-${Date.now()}`);
    const two = open(`provider-c-${Date.now()}`);
    await expect.poll(() => providers.server().connections(), { timeout: 10_000 }).toBe(1);
    one.destroy();
    await new Promise((done) => setTimeout(done, 300));
    expect(providers.server().connections()).toBe(1);
    expect(two.provider.connected).toBe(true);
    two.destroy();
    await expect.poll(() => providers.server().connections(), { timeout: 10_000 }).toBe(0);
  });
});
