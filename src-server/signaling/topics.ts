// Pure core of the signaling relay: turning untrusted text into typed commands and
// keeping track of who listens to which topic. No sockets, no timers, no logging, so
// every rule here is unit-tested directly and the server module stays thin.

/** One decoded client message. Anything that does not fit one of these is dropped. */
export type SignalingCommand =
  | { type: 'subscribe'; topics: string[] }
  | { type: 'unsubscribe'; topics: string[] }
  // `text` is the whole frame: the y-webrtc protocol relays it verbatim (plus `clients`), and
  // its other fields are opaque, possibly encrypted, peer data.
  | { type: 'publish'; topic: string; text: string }
  | { type: 'ping' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A topic is usable if it is a non-empty string within the length bound. */
export const isValidTopic = (topic: unknown, maxTopicLength: number): topic is string =>
  typeof topic === 'string' && topic.length > 0 && topic.length <= maxTopicLength;

/**
 * Keeps the valid, distinct topics of a subscribe/unsubscribe list. Invalid entries are
 * skipped one by one (like the reference server) instead of discarding the whole list,
 * so a client with one odd room name still reaches its other rooms.
 */
function topicList(value: unknown, maxTopicLength: number): string[] | null {
  if (!Array.isArray(value)) return null;
  const out = new Set<string>();
  for (const topic of value) {
    if (isValidTopic(topic, maxTopicLength)) out.add(topic);
  }
  return [...out];
}

/**
 * Decodes one text frame. Returns null for anything malformed (bad JSON, wrong shape,
 * unknown type) so the caller can ignore it without ever throwing.
 */
export function parseCommand(text: string, maxTopicLength: number): SignalingCommand | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = topicList(value.topics, maxTopicLength);
      return topics === null ? null : { type: value.type, topics };
    }
    case 'publish':
      return isValidTopic(value.topic, maxTopicLength)
        ? { type: 'publish', topic: value.topic, text }
        : null;
    case 'ping':
      return { type: 'ping' };
    default:
      return null;
  }
}

/**
 * The frame relayed to subscribers: the publisher's frame (a JSON object, as parseCommand
 * checked) with `clients` set to the number of subscribers, as the reference y-webrtc server
 * does. The key is appended to the text rather than the object encoded again: JSON.stringify
 * overflows the stack on deeply nested input that JSON.parse reads, and one such frame took
 * the whole server down. A `clients` key the publisher sent is overridden, since in JSON the
 * last of two equal keys wins. Built once per publish, not per receiver.
 */
export function relayPayload(text: string, clients: number): string {
  const body = text.trimEnd();
  return `${body.slice(0, -1)},"clients":${clients}}`;
}

/** The pong frame answering an application-level `{type:'ping'}`. */
export const PONG_PAYLOAD = JSON.stringify({ type: 'pong' });

/**
 * Bidirectional topic <-> connection index. Generic over the connection type so tests
 * can use plain objects. Empty topics are deleted so the map cannot grow from churn.
 * `onTopic` hears when a topic gets its first subscriber (true) and loses its last (false).
 */
export class TopicRegistry<C> {
  private readonly byTopic = new Map<string, Set<C>>();
  private readonly byConn = new Map<C, Set<string>>();

  constructor(
    private readonly maxTopicsPerConnection: number,
    private readonly onTopic?: (topic: string, present: boolean) => void,
  ) {}

  /**
   * Subscribes `conn` to `topics`, in order, until it holds the per-connection maximum;
   * the rest are ignored. Returns the topics that were newly added.
   */
  subscribe(conn: C, topics: readonly string[]): string[] {
    let own = this.byConn.get(conn);
    const added: string[] = [];
    for (const topic of topics) {
      if (own?.has(topic)) continue;
      if ((own?.size ?? 0) >= this.maxTopicsPerConnection) break;
      if (own === undefined) {
        own = new Set();
        this.byConn.set(conn, own);
      }
      own.add(topic);
      let subs = this.byTopic.get(topic);
      if (subs === undefined) {
        subs = new Set();
        this.byTopic.set(topic, subs);
        this.onTopic?.(topic, true);
      }
      subs.add(conn);
      added.push(topic);
    }
    return added;
  }

  /** Unsubscribes `conn`; unlike the reference server this also frees its topic slots. */
  unsubscribe(conn: C, topics: readonly string[]): void {
    const own = this.byConn.get(conn);
    if (own === undefined) return;
    for (const topic of topics) {
      if (!own.delete(topic)) continue;
      const subs = this.byTopic.get(topic);
      subs?.delete(conn);
      if (subs?.size === 0) {
        this.byTopic.delete(topic);
        this.onTopic?.(topic, false);
      }
    }
    if (own.size === 0) this.byConn.delete(conn);
  }

  /** Forgets a closed connection entirely. */
  remove(conn: C): void {
    const own = this.byConn.get(conn);
    if (own !== undefined) this.unsubscribe(conn, [...own]);
  }

  /** Current subscribers of `topic` (a snapshot, safe to iterate while the index changes). */
  subscribers(topic: string): C[] {
    const subs = this.byTopic.get(topic);
    return subs === undefined ? [] : [...subs];
  }

  /** Topics `conn` is subscribed to. */
  topicsOf(conn: C): string[] {
    const own = this.byConn.get(conn);
    return own === undefined ? [] : [...own];
  }

  /** Number of topics with at least one subscriber. */
  topicCount(): number {
    return this.byTopic.size;
  }
}
