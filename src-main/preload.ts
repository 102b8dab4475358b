// Runs sandboxed, before the page, in an isolated world. Exposes exactly the named methods of
// HearthBridge as `window.hearth`; the page never sees ipcRenderer or an IPC event object.
import { contextBridge, ipcRenderer } from 'electron';
import { IpcChannel, type HearthBridge, type HostInfo, type Result } from '../src-shared/ipc/contract';

const bridge = {
  // main validates the (empty) arguments and the sender; the renderer re-validates the reply.
  getHostInfo: () => ipcRenderer.invoke(IpcChannel.getHostInfo) as Promise<Result<HostInfo>>,

  onLockRequested: (cb: () => void) => {
    if (typeof cb !== 'function') throw new TypeError('onLockRequested needs a function');
    // Drop the event argument: it carries `sender` (the ipcRenderer) into the page otherwise.
    const listener = (): void => cb();
    ipcRenderer.on(IpcChannel.lockRequested, listener);
    return () => {
      ipcRenderer.removeListener(IpcChannel.lockRequested, listener);
    };
  },
} satisfies HearthBridge;

contextBridge.exposeInMainWorld('hearth', bridge);
