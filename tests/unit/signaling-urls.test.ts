// Which signaling URL a circle dials (signaling-urls.ts), and what a signaling connection may carry
// (signaling-isolation.ts). Written as attacks: a URL that cannot carry a circle's tag would be
// shared by every circle, and a frame naming another connection's room would link two circles.
import { describe, expect, it } from 'vitest';
import {
  TAG_PARAM,
  newSignalingTag,
  taggedUrl,
  taggedUrls,
  withSignalingTag,
} from '../../src-renderer/services/circles/signaling-urls';
import type { OpenRoom, RoomLike } from '../../src-renderer/services/circles/room-connection';
import type { RoomOptions } from '../../src-renderer/services/sync/room';
import {
  acceptIncoming,
  orderedRooms,
  screenOutgoing,
} from '../../src-shared/sync/signaling-isolation';
import { buildCsp, webSocketOrigin } from '../../src-main/csp';

describe('per-circle signaling URLs', () => {
  it('tags each server URL with the circle tag, keeping the rest of the URL', () => {
    expect(taggedUrl('ws://127.0.0.1:4444', 'abc')).toBe(`ws://127.0.0.1:4444/?${TAG_PARAM}=abc`);
    expect(taggedUrl('wss://signal.example/relay?token=1', 'abc')).toBe(
      `wss://signal.example/relay?token=1&${TAG_PARAM}=abc`,
    );
    // A tag already in the URL (a share code's hint written by someone) is replaced, not kept.
    expect(taggedUrl(`wss://signal.example/?${TAG_PARAM}=theirs`, 'abc')).toBe(
      `wss://signal.example/?${TAG_PARAM}=abc`,
    );
  });

  it('drops what cannot carry a tag, which every circle would otherwise share', () => {
    for (const bad of ['', 'not a url', 'https://signal.example', 'file:///etc/passwd'])
      expect(taggedUrl(bad, 'abc')).toBeNull();
    expect(taggedUrls(['nope', 'ws://a.example', 'ws://a.example/'], 't')).toEqual([
      `ws://a.example/?${TAG_PARAM}=t`,
    ]);
  });

  it('two circles on the same servers dial different URLs; one circle dials one URL per server', () => {
    const servers = ['wss://one.example', 'ws://192.168.1.5:4444'];
    const a = taggedUrls(servers, newSignalingTag());
    const b = taggedUrls(servers, newSignalingTag());
    expect(a).toHaveLength(2);
    expect(b).toHaveLength(2);
    expect(a.filter((u) => b.includes(u))).toEqual([]);
    const tags = new Set(Array.from({ length: 1000 }, newSignalingTag));
    expect(tags.size).toBe(1000);
    for (const tag of tags) expect(tag).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("a tagged URL stays within its server's entry in the page's connect-src", () => {
    for (const plain of ['ws://127.0.0.1:4444', 'wss://signal.example/relay']) {
      const tagged = taggedUrl(plain, newSignalingTag())!;
      expect(webSocketOrigin(tagged)).toBe(webSocketOrigin(plain));
      expect(buildCsp({ connectUrls: [tagged] })).toBe(buildCsp({ connectUrls: [plain] }));
    }
  });

  it('every room a circle opens goes to its tagged URLs, never the plain ones', () => {
    const seen: string[][] = [];
    const open: OpenRoom = (options: RoomOptions) => {
      seen.push(options.signalingUrls);
      return {} as RoomLike;
    };
    const circleRooms = withSignalingTag(open, 'tag1');
    const options = { signalingUrls: ['wss://one.example'] } as RoomOptions;
    circleRooms(options, () => {});
    circleRooms(options, () => {});
    expect(seen).toEqual([
      [`wss://one.example/?${TAG_PARAM}=tag1`],
      [`wss://one.example/?${TAG_PARAM}=tag1`],
    ]);
    expect(options.signalingUrls).toEqual(['wss://one.example']); // the stored list is untouched
  });
});

describe('a signaling connection carries only its own rooms', () => {
  const own = ['room', 'handover', 'lobby'];

  it("y-webrtc's subscribe of every room of the page becomes one of this connection's rooms, in the order opened", () => {
    const subscribed = new Set<string>();
    const frame = { type: 'subscribe', topics: ['other-circle', 'lobby', 'room', 'other-lobby'] };
    expect(screenOutgoing(frame, own, subscribed)).toEqual({ type: 'subscribe', topics: own });
    expect([...subscribed]).toEqual(own);
    expect(screenOutgoing(frame, [], new Set())).toBeNull();
  });

  it("a circle's own room leads, also when its epoch's room was opened after its lobbies", () => {
    // After an epoch change the new room's provider is the newest on the connection.
    const opened = ['handover', 'lobby', 'lobby', 'new-room'];
    expect(orderedRooms(opened, new Set(['new-room', 'other-circle']))).toEqual([
      'new-room',
      'handover',
      'lobby',
    ]);
    expect(orderedRooms(opened, new Set())).toEqual(['handover', 'lobby', 'new-room']);
  });

  it("announces and signals go out only for the connection's own rooms", () => {
    const mine = { type: 'publish', topic: 'lobby', data: 'x' };
    expect(screenOutgoing(mine, own, new Set())).toBe(mine);
    expect(screenOutgoing({ type: 'publish', topic: 'other-circle' }, own, new Set())).toBeNull();
    expect(screenOutgoing({ type: 'publish', topic: 7 }, own, new Set())).toBeNull();
    expect(screenOutgoing({ type: 'ping' }, own, new Set())).toEqual({ type: 'ping' });
  });

  it('a room left is unsubscribed where it was subscribed, and named nowhere else', () => {
    const subscribed = new Set(['room', 'old-room']);
    const frame = { type: 'unsubscribe', topics: ['old-room', 'other-circle'] };
    expect(screenOutgoing(frame, own, subscribed)).toEqual({
      type: 'unsubscribe',
      topics: ['old-room'],
    });
    expect(screenOutgoing(frame, own, subscribed)).toBeNull(); // once
    expect(screenOutgoing({ type: 'unsubscribe', topics: 'room' }, own, subscribed)).toBeNull();
  });

  it("a server cannot make another circle's room answer on this connection", () => {
    expect(acceptIncoming({ type: 'publish', topic: 'room', data: 'x' }, own)).toBe(true);
    expect(acceptIncoming({ type: 'publish', topic: 'other-circle', data: 'x' }, own)).toBe(false);
    expect(acceptIncoming({ type: 'publish' }, own)).toBe(false);
    expect(acceptIncoming({ type: 'pong' }, own)).toBe(true);
    expect(acceptIncoming(null, own)).toBe(true);
  });
});
