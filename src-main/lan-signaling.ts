// The embedded LAN signaling server over the app's life: started when the setting is on (before
// the window, so the first page's CSP allows it), stopped when the setting goes off or the app
// quits, and the URLs other machines on this network reach it at. The server, the network
// interfaces and the close timeout are passed in, so a stuck close is tested without sockets.
import {
  startWithPortFallback,
  type SignalingHandle,
  type StartSignaling,
} from './embedded-signaling';
import { pickLanIPv4, signalingUrlsFor, type InterfaceTable } from './lan';

/** How long stopping waits for the server to close before going on without it. */
export const SIGNALING_CLOSE_TIMEOUT_MS = 2000;

export interface LanSignalingPorts {
  /** Starts the server on host:port, with the embedded server's limits already applied. */
  start: StartSignaling;
  networkInterfaces: () => InterfaceTable;
  closeTimeoutMs?: number;
}

export class LanSignaling {
  private server: SignalingHandle | null = null;

  constructor(private readonly ports: LanSignalingPorts) {}

  /** True while a server is up (started and not yet stopped). */
  get running(): boolean {
    return this.server !== null;
  }

  /** The server's URLs on this machine's LAN addresses; none while it is not running. */
  urls(): string[] {
    if (this.server === null) return [];
    // Recomputed per call: the LAN address changes when the laptop changes network.
    return signalingUrlsFor(this.server.port, pickLanIPv4(this.ports.networkInterfaces()));
  }

  /** Starts the server unless it runs; a failure is logged, never thrown. */
  async start(): Promise<void> {
    if (this.server !== null) return;
    try {
      this.server = await startWithPortFallback(this.ports.start);
    } catch (error) {
      // The app still works with remote signaling servers; the LAN server is a convenience.
      console.error('[hearth] embedded signaling server did not start:', error);
    }
  }

  /** Closes the LAN server, never waiting on a stuck close longer than the timeout. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.server = null;
    const timeoutMs = this.ports.closeTimeoutMs ?? SIGNALING_CLOSE_TIMEOUT_MS;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs));
    await Promise.race([server.close(), timeout]).catch((error: unknown) =>
      console.error('[hearth] closing signaling server:', error),
    );
  }
}
