// Sharing published frames between signaling servers through Redis pub/sub, so that clients on
// different servers meet. Each topic maps to one Redis channel (a keyed hash); a server subscribes
// to a channel only while it has local subscribers of the topic, publishes each local publish's
// data there once, and drops what comes back from itself. Redis going away never stops the server:
// local relaying goes on, the state is logged and shown in /health, and ioredis reconnects on its
// own.
//
// A client's publish to a topic it listens to waits until this server listens to the topic's
// channel itself. y-webrtc announces a client once, on connecting: an announce dropped, or one
// whose answer comes back through Redis before this server listens, leaves members who never meet.

import { createHmac, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { SignalingLog } from './log';

export interface TopicBridge {
  /** Starts receiving other servers' frames for `topic` (its first local subscriber came). */
  watch(topic: string): void;
  /** Stops receiving them (its last local subscriber left). */
  unwatch(topic: string): void;
  /** Hands a local publish (the client's whole frame) to the other servers. */
  publish(topic: string, frame: string): void;
  state(): 'up' | 'down';
  close(): Promise<void>;
}

export interface RedisBridgeOptions {
  /** redis://[user:password@]host:port[/db] */
  url: string;
  /** Per-deployment key for channel names; without one a fixed key is used. */
  secret?: string;
  /** A frame another server's client published to `topic`, checked to be one. */
  deliver(topic: string, frame: string): void;
  log: SignalingLog;
}

/** Used when the operator gives no secret: channel names are still not the topics themselves. */
const DEFAULT_CHANNEL_KEY = 'hearth-signal-v1';
const CHANNEL_PREFIX = 'hearth-signal:';
/** Reconnect quickly at first, then every 2 s while Redis stays away. */
const retryDelay = (attempt: number): number => Math.min(100 * attempt, 2_000);
/**
 * Publishes held while their channel's subscription is on its way: enough for a burst of signals
 * while a server connects, and bounded; a frame older than this is stale and dropped (its client
 * announces itself again when it reconnects).
 */
const HELD_BYTES_MAX = 4 * 1024 * 1024;
/** At most this much per channel, so that one client's burst cannot use up what others need. */
const HELD_BYTES_PER_CHANNEL = 256 * 1024;
const HELD_MS_MAX = 5_000;

interface HeldPublish {
  message: string;
  at: number;
}

/**
 * The Redis channel for a topic: a prefix and the hex HMAC-SHA256 of the topic under the
 * deployment's secret. Stock y-webrtc clients use their room names as topics, and Redis shows its
 * channel names to anyone with access to it (PUBSUB CHANNELS, MONITOR); with a secret, a
 * guessed room name cannot be checked against them either.
 */
export function channelName(topic: string, secret: string | undefined): string {
  const mac = createHmac('sha256', secret ?? DEFAULT_CHANNEL_KEY).update(topic, 'utf8');
  return CHANNEL_PREFIX + mac.digest('hex');
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `data` of a publish frame as JSON text, or null if it cannot be written again (data nested
 * so deep that JSON.stringify overflows the stack: such a frame is relayed locally only).
 */
function dataOf(frame: string): string | null {
  try {
    const value = JSON.parse(frame) as { data?: unknown };
    return JSON.stringify(value.data ?? null);
  } catch {
    return null;
  }
}

/** Starts connecting at once; never throws or rejects for Redis being unreachable. */
export function startRedisBridge(opts: RedisBridgeOptions): TopicBridge {
  // A message on Redis is `<server id> <frame>`, so a server knows its own when Redis sends it back.
  const serverId = randomBytes(8).toString('hex');
  const channels = new Map<string, string>(); // channel -> topic, while we have local subscribers
  const topicsChannel = new Map<string, string>(); // topic -> channel
  const listening = new Set<string>(); // channels whose SUBSCRIBE Redis has answered on `sub`
  const held = new Map<string, HeldPublish[]>(); // channel -> publishes waiting for `listening`
  let heldBytes = 0;
  const clientOptions = {
    // A frame Redis cannot take now is dropped, not queued: y-webrtc clients announce themselves
    // again, and a queue would grow without bound while Redis is away.
    enableOfflineQueue: false,
    autoResubscribe: false, // we subscribe to the channels of the moment ourselves, on 'ready'
    retryStrategy: retryDelay,
    maxRetriesPerRequest: 0,
  };
  const pub = new Redis(opts.url, clientOptions);
  const sub = new Redis(opts.url, clientOptions);
  let reported: 'up' | 'down' | null = null;
  let closing = false;
  let lastCode = 'unknown';
  // One failed publish is worth a line; a thousand while Redis flickers are not.
  let publishFailureLogged = false;

  const isUp = (): boolean => pub.status === 'ready' && sub.status === 'ready';
  const report = (): void => {
    if (closing) return;
    const now = isUp() ? 'up' : 'down';
    // The first 'down' is said only after a failure: connecting at start is not being down.
    if (now === reported || (now === 'down' && reported === null && lastCode === 'unknown')) return;
    reported = now;
    if (now === 'up') publishFailureLogged = false;
    if (now === 'up') opts.log({ event: 'redis_up', level: 'info', topics: channels.size });
    else opts.log({ event: 'redis_down', level: 'warn', code: lastCode });
  };

  for (const client of [pub, sub]) {
    client.on('error', (err: Error & { code?: string }) => {
      lastCode = err.code ?? err.name;
      report();
    });
    client.on('close', report);
    client.on('ready', report);
  }
  const send = (channel: string, message: string): void => {
    pub.publish(channel, message).catch((err: Error & { code?: string }) => {
      if (publishFailureLogged) return;
      publishFailureLogged = true;
      opts.log({ event: 'redis_publish_failed', level: 'warn', code: err.code ?? err.name });
    });
  };
  const dropHeld = (channel: string): void => {
    for (const h of held.get(channel) ?? []) heldBytes -= h.message.length;
    held.delete(channel);
  };
  /** Forgets what waited past HELD_MS_MAX in `channels`: it would be dropped at release anyway. */
  const dropStale = (channels: Iterable<string>): void => {
    const freshSince = Date.now() - HELD_MS_MAX;
    for (const channel of channels) {
      const waiting = held.get(channel);
      if (waiting === undefined || waiting[0]!.at >= freshSince) continue;
      const fresh = waiting.filter((h) => h.at >= freshSince);
      for (const h of waiting) if (h.at < freshSince) heldBytes -= h.message.length;
      if (fresh.length > 0) held.set(channel, fresh);
      else held.delete(channel);
    }
  };
  /** Holds `message` for `channel` if the budgets allow; false if they do not. */
  const hold = (channel: string, message: string): boolean => {
    dropStale([channel]);
    if (heldBytes + message.length > HELD_BYTES_MAX) dropStale([...held.keys()]);
    const waiting = held.get(channel) ?? [];
    const inChannel = waiting.reduce((n, h) => n + h.message.length, 0);
    if (
      heldBytes + message.length > HELD_BYTES_MAX ||
      inChannel + message.length > HELD_BYTES_PER_CHANNEL
    )
      return false;
    heldBytes += message.length;
    waiting.push({ message, at: Date.now() });
    held.set(channel, waiting);
    return true;
  };
  /** Sends what waited for `channel`, now that this server listens to it, if it is still fresh. */
  const release = (channel: string): void => {
    const waiting = held.get(channel);
    if (waiting === undefined || !listening.has(channel) || pub.status !== 'ready') return;
    dropHeld(channel);
    const freshSince = Date.now() - HELD_MS_MAX;
    for (const h of waiting) if (h.at >= freshSince) send(channel, h.message);
  };
  const subscribe = (list: string[]): void => {
    sub.subscribe(...list).then(
      () => {
        for (const channel of list) {
          if (!channels.has(channel)) continue; // its last subscriber left meanwhile
          listening.add(channel);
          release(channel);
        }
      },
      () => undefined, // the connection went away; 'ready' subscribes again
    );
  };

  sub.on('close', () => listening.clear());
  sub.on('ready', () => {
    // A new connection has no subscriptions: take those of the moment.
    if (channels.size > 0) subscribe([...channels.keys()]);
  });
  pub.on('ready', () => {
    for (const channel of [...held.keys()]) release(channel);
  });
  sub.on('message', (channel: string, message: string) => {
    if (message.startsWith(serverId)) return; // our own publish, sent back to us
    const topic = channels.get(channel);
    if (topic === undefined) return;
    const data = message.slice(message.indexOf(' ') + 1);
    // Redis is the operator's, but a shared one may hold others' data: relay only a JSON value,
    // so that it cannot close the frame early and add keys of its own (a second "topic").
    if (!isJson(data)) return;
    opts.deliver(topic, `{"type":"publish","topic":${JSON.stringify(topic)},"data":${data}}`);
  });

  return {
    watch(topic) {
      if (topicsChannel.has(topic)) return;
      const channel = channelName(topic, opts.secret);
      topicsChannel.set(topic, channel);
      channels.set(channel, topic);
      if (sub.status === 'ready') subscribe([channel]);
    },
    unwatch(topic) {
      const channel = topicsChannel.get(topic);
      if (channel === undefined) return;
      topicsChannel.delete(topic);
      channels.delete(channel);
      listening.delete(channel);
      dropHeld(channel);
      if (sub.status === 'ready') sub.unsubscribe(channel).catch(() => undefined);
    },
    publish(topic, frame) {
      // Only the frame's data crosses Redis, under the channel's hash: the topic stays out of
      // what Redis holds and shows (MONITOR), and the receiving server puts it back.
      const data = dataOf(frame);
      if (data === null) return;
      const message = `${serverId} ${data}`;
      const channel = topicsChannel.get(topic);
      if (channel === undefined) {
        // A publish to a topic nobody here listens to needs no answer to come back here.
        if (pub.status === 'ready') send(channelName(topic, opts.secret), message);
        return;
      }
      if (listening.has(channel) && pub.status === 'ready') return send(channel, message);
      // Held while this server starts or its subscription is on the way, so that an answer to it
      // finds this server listening. Past the budgets, or while only the subscribing connection
      // is away, it goes at once if it can (an answer may be lost; the frame is not). While Redis
      // is away altogether, it is relayed locally only: a queue would bring stale signals back.
      const onTheWay = sub.status === 'ready' || reported === null;
      if (onTheWay && hold(channel, message)) return;
      if (pub.status === 'ready') send(channel, message);
    },
    state: () => (isUp() ? 'up' : 'down'),
    async close() {
      closing = true;
      held.clear();
      heldBytes = 0;
      pub.disconnect();
      sub.disconnect();
    },
  };
}
