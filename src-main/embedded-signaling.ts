// Starts the embedded LAN signaling server on its well-known port, or on any free port when
// that one is taken (a second app, or another service). The start function is passed in so
// the fallback is tested without sockets.

export interface SignalingHandle {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}
export type StartSignaling = (opts: { host: string; port: number }) => Promise<SignalingHandle>;

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
