// What the renderer may ask of whatever hosts it: the Electron preload or a plain browser
// page. One interface, two implementations, chosen once at start-up (see index.ts).
import type { HostInfo } from '../../src-shared/ipc/contract';

export type { HostInfo };

export interface HostBridge {
  readonly kind: 'electron' | 'browser';
  /** Platform, version and the signaling URLs this host suggests. Rejects only on a broken host. */
  getHostInfo(): Promise<HostInfo>;
  /** Calls `cb` when the host asks the app to lock now; returns unsubscribe. */
  onLockRequested(cb: () => void): () => void;
}
