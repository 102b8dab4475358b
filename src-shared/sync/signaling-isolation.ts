// Keeps each y-webrtc signaling connection to the rooms that asked for it. y-webrtc 10.3 holds its
// rooms and its signaling connections in two module-wide maps and mixes them: a connection that
// opens subscribes every room of the page and announces us in each
// (node_modules/y-webrtc/src/y-webrtc.js, SignalingConn's 'connect' handler), a room that
// connects subscribes itself on every connection (announceSignalingInfo), and a room that leaves
// unsubscribes on every connection (Room.disconnect). So one server learnt the rooms of all of a
// person's circles and lobbies, even those that name only other servers, and could link them.
// Here every frame a connection sends or takes in is screened: it names only the rooms of the
// providers that opened that connection (its `providers`, which y-webrtc keeps per connection).
// With one URL per circle (src-renderer/services/circles/signaling-urls.ts) a server then sees
// one connection per circle, carrying that circle's rooms and nothing of another's.
import { SignalingConn } from 'y-webrtc';

/** A signaling frame as y-webrtc hands it to lib0's WebsocketClient.send, or receives it. */
export type SignalingFrame = { type?: unknown; topic?: unknown; topics?: unknown };

/**
 * What may go out instead of `frame` on a connection whose own rooms are `own` (in the order their
 * providers were opened) and which has subscribed `subscribed` so far (updated here), or null for
 * nothing. Guarantees: a subscribe names exactly the connection's own rooms, in order (so the
 * first room opened on it, a circle's own room, is the first it ever subscribes); a publish
 * goes out only for one of them; an unsubscribe names only topics subscribed on this connection.
 */
export function screenOutgoing(
  frame: SignalingFrame,
  own: readonly string[],
  subscribed: Set<string>,
): SignalingFrame | null {
  switch (frame.type) {
    case 'subscribe': {
      if (own.length === 0) return null;
      for (const topic of own) subscribed.add(topic);
      return { type: 'subscribe', topics: [...own] };
    }
    case 'unsubscribe': {
      const topics = Array.isArray(frame.topics)
        ? frame.topics.filter((t): t is string => typeof t === 'string' && subscribed.has(t))
        : [];
      if (topics.length === 0) return null;
      for (const topic of topics) subscribed.delete(topic);
      return { type: 'unsubscribe', topics };
    }
    case 'publish':
      return typeof frame.topic === 'string' && own.includes(frame.topic) ? frame : null;
    default:
      return frame;
  }
}

/**
 * Whether a frame from the server may reach y-webrtc on a connection whose own rooms are `own`:
 * a publish only for one of them (a server must not make one circle's room answer on another
 * circle's connection); anything else as it is.
 */
export function acceptIncoming(frame: unknown, own: readonly string[]): boolean {
  if (typeof frame !== 'object' || frame === null) return true;
  const { type, topic } = frame as SignalingFrame;
  return type !== 'publish' || (typeof topic === 'string' && own.includes(topic));
}

/** The parts of y-webrtc's SignalingConn (lib0's WebsocketClient) screened here. */
interface ConnInternals {
  providers: Set<{ roomName: string }>;
  send: (this: ConnInternals, message: unknown) => void;
  emit: (this: ConnInternals, name: string, args: unknown[]) => void;
}

/** Rooms that lead every subscribe on their connection (circles' own rooms; subscribeFirst). */
const firstTopics = new Set<string>();

/**
 * A connection's own rooms in the order it subscribes them: those in `first` (a circle's own
 * room), then the others in the order their providers were opened. Guarantees each name once.
 */
export function orderedRooms(names: Iterable<string>, first: ReadonlySet<string>): string[] {
  const unique = [...new Set(names)];
  return [...unique.filter((n) => first.has(n)), ...unique.filter((n) => !first.has(n))];
}

/**
 * Has `topic` lead every subscribe on its connection, until the returned function is called: a
 * circle's own room comes before its handover rooms and lobbies, also after an epoch change
 * (the new room is opened after them) and when the socket reconnects.
 */
export function subscribeFirst(topic: string): () => void {
  firstTopics.add(topic);
  return () => firstTopics.delete(topic);
}

const ownRooms = (conn: ConnInternals): string[] =>
  orderedRooms(
    [...conn.providers].map((p) => p.roomName),
    firstTopics,
  );
const subscribedOn = new WeakMap<ConnInternals, Set<string>>();
let installed = false;

/**
 * Makes every y-webrtc signaling connection of this JavaScript realm carry only its own
 * providers' rooms (see the top of this file). Idempotent; call before opening a provider.
 */
export function isolateSignalingConnections(): void {
  if (installed) return;
  installed = true;
  const proto = SignalingConn.prototype as unknown as ConnInternals;
  const send = proto.send;
  const emit = proto.emit;
  proto.send = function (this: ConnInternals, message: unknown) {
    if (typeof message !== 'object' || message === null) return send.call(this, message);
    let subscribed = subscribedOn.get(this);
    if (!subscribed) subscribedOn.set(this, (subscribed = new Set()));
    const screened = screenOutgoing(message, ownRooms(this), subscribed);
    if (screened !== null) send.call(this, screened);
  };
  proto.emit = function (this: ConnInternals, name: string, args: unknown[]) {
    if (name === 'message' && !acceptIncoming(args[0], ownRooms(this))) return;
    emit.call(this, name, args);
  };
}
