// Clients and frames for fuzzing the signaling server (issue 16): raw `ws` clients that send
// anything and record what they are sent (they never parse it, so junk cannot throw in the test),
// and frames a hostile client could send: valid ones, the same changed, JSON of the wrong shape.
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { utf8 } from '../../src-shared/bytes';
import { mutateJson } from './fuzz-json';
import { below, mutate, pick, randomBytes, randomText, skewedLength } from './fuzz-mutate';

/** A client that records every frame it is sent, as text. */
export class RawClient {
  readonly received: string[] = [];
  closedWith: number | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.received.push(data.toString('utf8')));
    ws.on('close', (code) => (this.closedWith = code));
    // A refused or reset socket must not surface as an unhandled 'error'.
    ws.on('error', () => {});
  }

  static async open(url: string): Promise<RawClient> {
    const client = new RawClient(new WebSocket(url));
    await once(client.ws, 'open');
    return client;
  }

  get open(): boolean {
    return this.closedWith === null && this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: string | Uint8Array): void {
    if (this.open) this.ws.send(frame);
  }

  /** Frames received so far that parse as JSON objects (relays), each once. */
  takeJson(): Record<string, unknown>[] {
    return this.received.splice(0).map((text) => JSON.parse(text) as Record<string, unknown>);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Topics hostile clients use: a finite pool, so a probe can later ask who is subscribed. */
export const TOPIC_POOL = Array.from({ length: 150 }, (_, i) => `pool-${i.toString(36)}`);

/** A topic a hostile client names: from the pool, or odd (long, empty, not a string). */
function topic(rand: () => number): unknown {
  if (rand() < 0.8) return pick(rand, TOPIC_POOL);
  return pick<() => unknown>(rand, [
    () => 'x'.repeat(pick(rand, [255, 256, 257, 5000])),
    () => '',
    () => randomText(rand, 40),
    () => 42,
    () => null,
    () => ['nested'],
    () => ({ topic: 'pool-1' }),
  ])();
}

/** A frame as y-webrtc sends one (a valid command), with data of any JSON shape. */
function validCommand(rand: () => number): Record<string, unknown> {
  switch (below(rand, 4)) {
    case 0:
      return {
        type: 'subscribe',
        topics: Array.from({ length: skewedLength(rand, 300) }, () => topic(rand)),
      };
    case 1:
      return {
        type: 'unsubscribe',
        topics: Array.from({ length: skewedLength(rand, 40) }, () => topic(rand)),
      };
    case 2:
      return { type: 'publish', topic: topic(rand), from: 'peer', data: randomText(rand, 200) };
    default:
      return { type: 'ping' };
  }
}

/** The kinds of frame the fuzzing sends. */
export type FrameKind =
  'random-binary' | 'random-text' | 'mutated' | 'shaped' | 'command' | 'oversized';

/**
 * One frame from a hostile client, and its kind. One in a hundred is over `maxMessageBytes`, which
 * the server answers by closing the connection.
 */
export function hostileFrame(
  rand: () => number,
  maxMessageBytes: number,
): { frame: string | Uint8Array; kind: FrameKind } {
  if (rand() < 0.01) {
    const frame = JSON.stringify({
      type: 'publish',
      topic: 'pool-0',
      data: 'x'.repeat(maxMessageBytes),
    });
    return { frame, kind: 'oversized' };
  }
  switch (below(rand, 5)) {
    case 0:
      return { frame: randomBytes(rand, skewedLength(rand, 2000)), kind: 'random-binary' };
    case 1:
      return { frame: randomText(rand, 2000), kind: 'random-text' };
    case 2: {
      const bytes = mutate(rand, utf8(JSON.stringify(validCommand(rand)))).bytes;
      return { frame: rand() < 0.5 ? bytes : Buffer.from(bytes).toString('utf8'), kind: 'mutated' };
    }
    case 3: {
      const text = JSON.stringify(mutateJson(rand, validCommand(rand)));
      // Whitespace after the object: the relay appends its `clients` key to the text.
      return { frame: text + pick(rand, ['', ' ', '\n\t ']), kind: 'shaped' };
    }
    default:
      return { frame: JSON.stringify(validCommand(rand)), kind: 'command' };
  }
}
