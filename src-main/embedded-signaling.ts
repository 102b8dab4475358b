// Starts the embedded LAN signaling server on its well-known port, or on any free port when
// that one is taken (a second app, or another service). The start function is passed in so
// the fallback is tested without sockets.
import type { AppOrigin } from './app-origin';

export interface SignalingHandle {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}
export type StartSignaling = (opts: { host: string; port: number }) => Promise<SignalingHandle>;

/**
 * The LAN server's limits, tighter than a public server's: it runs in the app's main process,
 * so whatever it holds, the app holds.
 * - Only Hearth's own pages may connect from a browser engine. Without the check, any web page
 *   the person visits could reach ws://127.0.0.1:4444. Browsers always send an Origin header,
 *   so allowing none at all lets in only programs, which can claim any origin anyway.
 * - No /health: a network scan should not learn that this machine runs Hearth.
 * - Members on one LAN need far fewer connections than a public server. An app connects once
 *   per circle and per pending join (so that a server cannot link a person's circles:
 *   services/circles/signaling-urls.ts) for each address of this machine it was given, and
 *   twice while it reconnects: one machine on the LAN may hold that many, not all of them.
 */
export function embeddedServerOptions(appOrigin: AppOrigin) {
  return {
    allowedOrigins: [`${appOrigin.protocol}//${appOrigin.host}`, ''],
    health: false,
    maxConnections: 512,
    maxConnectionsPerAddress: 64,
  };
}

/** Members on the LAN type or scan this port, so it stays stable when free. */
export const DEFAULT_SIGNALING_PORT = 4444;
/** All interfaces: the point is that other machines on the LAN can reach it. */
export const DEFAULT_SIGNALING_HOST = '0.0.0.0';

/**
 * Tries `port`, then port 0 (the OS picks) whatever the first error was: the server module
 * may wrap EADDRINUSE/EACCES differently, and a second failure is reported as is.
 */
export async function startWithPortFallback(
  start: StartSignaling,
  host: string = DEFAULT_SIGNALING_HOST,
  port: number = DEFAULT_SIGNALING_PORT,
): Promise<SignalingHandle> {
  try {
    return await start({ host, port });
  } catch (firstError) {
    if (port === 0) throw firstError;
    return start({ host, port: 0 });
  }
}
