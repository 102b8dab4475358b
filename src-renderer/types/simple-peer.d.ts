// simple-peer ships no types; this declares the little FramedPeer uses, internals included
// (simple-peer 9.11: `_channel`, `_setupData`, `_onChannelBufferedAmountLow`).
declare module 'simple-peer/simplepeer.min.js' {
  export default class SimplePeer {
    constructor(opts?: Record<string, unknown>);
    readonly destroyed: boolean;
    protected _channel: RTCDataChannel | null | undefined;
    send(chunk: ArrayBufferView | ArrayBuffer | string | Blob): void;
    emit(event: string, ...args: unknown[]): boolean;
    on(event: string, listener: (...args: unknown[]) => void): this;
    destroy(err?: Error): void;
    _setupData(event: { channel: RTCDataChannel }): void;
    _onChannelBufferedAmountLow(): void;
  }
}
