// Signaling server, pure parts: the y-webrtc protocol's messages (topics.ts), the rate limits
// (rate-limit.ts) and the topic registry, tested directly without a socket.
import { describe, expect, it } from 'vitest';
import { ConnectionBudget, TokenBucket } from '../../src-server/signaling/rate-limit';
import {
  PONG_PAYLOAD,
  TopicRegistry,
  parseCommand,
  relayPayload,
} from '../../src-server/signaling/topics';

describe('parseCommand', () => {
  const parse = (text: string) => parseCommand(text, 8);

  it('decodes the four protocol messages', () => {
    expect(parse('{"type":"subscribe","topics":["a","b"]}')).toEqual({
      type: 'subscribe',
      topics: ['a', 'b'],
    });
    expect(parse('{"type":"unsubscribe","topics":["a"]}')).toEqual({
      type: 'unsubscribe',
      topics: ['a'],
    });
    expect(parse('{"type":"ping"}')).toEqual({ type: 'ping' });
    const publish = '{"type":"publish","topic":"a","data":{"x":1}}';
    expect(parse(publish)).toEqual({ type: 'publish', topic: 'a', text: publish });
  });

  it('returns null for malformed JSON and wrong shapes', () => {
    for (const text of [
      '',
      'not json',
      '{"type":"subscribe"',
      'null',
      '42',
      '"ping"',
      '[{"type":"ping"}]',
      '{}',
      '{"type":"pong"}',
      '{"type":"PING"}',
      '{"type":"subscribe"}',
      '{"type":"subscribe","topics":"a"}',
      '{"type":"unsubscribe","topics":{"0":"a"}}',
      '{"type":"publish"}',
      '{"type":"publish","topic":5}',
      '{"type":"publish","topic":""}',
      '{"type":"publish","topic":"123456789"}',
    ]) {
      expect(parse(text), text).toBeNull();
    }
  });

  it('drops invalid topics individually and de-duplicates', () => {
    expect(
      parse('{"type":"subscribe","topics":["a",1,null,"","123456789","12345678","a"]}'),
    ).toEqual({
      type: 'subscribe',
      topics: ['a', '12345678'],
    });
  });
});

describe('relayPayload', () => {
  it('adds the subscriber count and overrides a client-supplied one', () => {
    expect(JSON.parse(relayPayload('{"type":"publish","topic":"t","data":"x"}', 3))).toEqual({
      type: 'publish',
      topic: 't',
      data: 'x',
      clients: 3,
    });
    expect(
      JSON.parse(relayPayload('{"type":"publish","topic":"t","clients":999}', 1)).clients,
    ).toBe(1);
    expect(JSON.parse(relayPayload(' { "type": "publish", "topic": "t" } \n', 2))).toEqual({
      type: 'publish',
      topic: 't',
      clients: 2,
    });
    expect(JSON.parse(PONG_PAYLOAD)).toEqual({ type: 'pong' });
  });

  it('relays deeply nested data that JSON.stringify could not encode again', () => {
    const deep = `{"type":"publish","topic":"t","data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const command = parseCommand(deep, 8);
    expect(command).toMatchObject({ type: 'publish', topic: 't' });
    expect(() => JSON.stringify(JSON.parse(deep))).toThrow(RangeError);
    expect(relayPayload(deep, 1).endsWith(',"clients":1}')).toBe(true);
  });
});

describe('rate limits', () => {
  it('a token bucket allows a burst, then the refill rate, and refuses without taking', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(1, 0))).toEqual([true, true, true, false]);
    expect(bucket.take(1, 50)).toBe(false); // half a token so far
    expect(bucket.take(1, 100)).toBe(true);
    expect(bucket.take(5, 10_000)).toBe(false); // never more than the burst
    expect(bucket.take(3, 10_000)).toBe(true);
    expect(bucket.take(1, 9_000)).toBe(false); // a clock going back adds nothing
  });

  it('a connection budget counts frames, and relayed bytes times receivers', () => {
    const budget = new ConnectionBudget(
      { framesPerSecond: 1, frameBurst: 2, relayBytesPerSecond: 1_000, relayByteBurst: 10_000 },
      0,
    );
    expect([budget.frame(0), budget.frame(0), budget.frame(0)]).toEqual([true, true, false]);
    expect(budget.frame(1_000)).toBe(true);
    expect(budget.relay(1_000, 10, 0)).toBe(true);
    expect(budget.relay(1, 1, 0)).toBe(false);
    expect(budget.relay(500, 2, 1_000)).toBe(true);
  });
});

describe('TopicRegistry', () => {
  it('indexes subscribers per topic and topics per connection', () => {
    const reg = new TopicRegistry<string>(10);
    expect(reg.subscribe('c1', ['a', 'b'])).toEqual(['a', 'b']);
    reg.subscribe('c2', ['a']);
    expect(reg.subscribers('a').sort()).toEqual(['c1', 'c2']);
    expect(reg.subscribers('b')).toEqual(['c1']);
    expect(reg.subscribers('nope')).toEqual([]);
    expect(reg.topicsOf('c1').sort()).toEqual(['a', 'b']);
  });

  it('caps topics per connection, ignoring the extras, and does not count repeats', () => {
    const reg = new TopicRegistry<string>(2);
    expect(reg.subscribe('c', ['a', 'a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(reg.subscribe('c', ['a', 'd'])).toEqual([]);
    expect(reg.subscribers('c')).toEqual([]);
    expect(reg.topicsOf('c')).toEqual(['a', 'b']);
    // The cap is per connection, not global.
    expect(reg.subscribe('other', ['c', 'd'])).toEqual(['c', 'd']);
  });

  it('unsubscribe frees the slot and deletes empty topics', () => {
    const reg = new TopicRegistry<string>(1);
    reg.subscribe('c', ['a']);
    reg.unsubscribe('c', ['a', 'never-subscribed']);
    expect(reg.subscribers('a')).toEqual([]);
    expect(reg.topicCount()).toBe(0);
    expect(reg.subscribe('c', ['b'])).toEqual(['b']);
  });

  it('remove forgets a connection everywhere but keeps other subscribers', () => {
    const reg = new TopicRegistry<string>(5);
    reg.subscribe('c1', ['a', 'b']);
    reg.subscribe('c2', ['b']);
    reg.remove('c1');
    expect(reg.topicsOf('c1')).toEqual([]);
    expect(reg.subscribers('a')).toEqual([]);
    expect(reg.subscribers('b')).toEqual(['c2']);
    expect(reg.topicCount()).toBe(1);
  });
});
