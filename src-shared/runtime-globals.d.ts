// src-shared runs in browser pages, workers, Electron's main process and plain Node alike, so its
// tsconfig loads neither the DOM nor Node's types: `document`, `window`, `localStorage`, `Buffer`,
// `process` or a `node:` import is a compile error here. These are the few globals that all of
// those runtimes provide (WHATWG and W3C standards that Node implements too), declared with only
// the members src-shared uses. Each line is a promise that the global exists everywhere: add one
// only when that is true, and prefer passing a platform object in from the caller.

// A global that code reads as `globalThis.x` is declared with `var`, as TypeScript's own libs do.
/* eslint-disable no-var */

/** WHATWG Encoding: UTF-8 only, as every runtime supports. */
interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare var TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};

interface TextDecoder {
  decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string;
}
declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: 'utf-8', options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};

/** WHATWG URL parsing; the constructor throws a TypeError on input that is not a URL. */
interface URL {
  readonly origin: string;
  href: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
  toString(): string;
}
declare var URL: {
  prototype: URL;
  new (url: string, base?: string | URL): URL;
};

/** Web Crypto's CSPRNG, which is all src-shared takes from it (libsodium does the rest). */
interface Crypto {
  getRandomValues<T extends ArrayBufferView>(array: T): T;
}
declare var crypto: Crypto;

/** A timer's handle: a number in browsers, an object in Node. Only clearTimeout reads it. */
interface TimerHandle {
  readonly __timerHandle: never;
}
declare function setTimeout(callback: () => void, delayMs?: number): TimerHandle;
declare function clearTimeout(handle: TimerHandle | undefined): void;
