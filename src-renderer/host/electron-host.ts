// The HostBridge over the preload's `window.hearth`. Replies are re-validated: the renderer
// does not trust any process boundary to hand it well-formed data.
import { HostInfo, type HearthBridge } from '../../src-shared/ipc/contract';
import type { HostBridge } from './host-bridge';

declare global {
  interface Window {
    /** Present only inside Electron, put there by src-main/preload.ts. */
    readonly hearth?: HearthBridge;
  }
}

export function createElectronHost(bridge: HearthBridge): HostBridge {
  return {
    kind: 'electron',
    async getHostInfo() {
      const result = await bridge.getHostInfo();
      if (!result.ok) throw new Error(`host refused getHostInfo: ${result.error}`);
      return HostInfo.parse(result.value);
    },
    onLockRequested: (cb) => bridge.onLockRequested(cb),
  };
}
