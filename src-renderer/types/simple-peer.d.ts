// simple-peer ships no types; this declares the little FramedPeer uses.
declare module 'simple-peer/simplepeer.min.js' {
  export default class SimplePeer {
    constructor(opts?: Record<string, unknown>);
    readonly destroyed: boolean;
    send(chunk: ArrayBufferView | ArrayBuffer | string | Blob): void;
    push(chunk: Uint8Array | null): boolean;
    on(event: string, listener: (...args: unknown[]) => void): this;
    destroy(err?: Error): void;
  }
}
