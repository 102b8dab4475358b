// The STUN/TURN server schema, written as attacks: whatever a person types or storage holds, only
// a plain stun:/turn:/turns: address with bounded credentials gets through, and relay-only ICE
// cannot be asked for without a TURN server.
import { describe, expect, it } from 'vitest';
import {
  ICE_CLOSED,
  IcePreferences,
  IceServerEntry,
  IceServerUrl,
  iceConfigFor,
  MAX_ICE_SERVERS,
} from '../../src-shared/sync/ice-servers';

const turn = { url: 'turn:turn.example.org:3478', username: 'ana', credential: 's3cret' };
const stun = { url: 'stun:stun.example.org:3478' };

describe('ICE server addresses', () => {
  it.each([
    'stun:stun.example.org',
    'stun:stun.example.org:3478',
    'turn:127.0.0.1:3478',
    'turn:turn.example.org:3478?transport=tcp',
    'turns:turn.example.org:5349?transport=tcp',
    'turn:[2001:db8::1]:3478',
  ])('accepts %s', (url) => expect(IceServerUrl.safeParse(url).success).toBe(true));

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['http:', 'http://turn.example.org:3478'],
    ['https:', 'https://stun.example.org'],
    ['ws:', 'ws://127.0.0.1:4444'],
    ['credentials in the URL', 'turn:ana:s3cret@turn.example.org:3478'],
    ['a user in the URL', 'stun:ana@stun.example.org'],
    ['a // authority form', 'turn://turn.example.org:3478'],
    ['a path', 'stun:stun.example.org/x'],
    ['a space', 'stun:stun.example .org'],
    ['a newline', 'stun:stun.example.org\n'],
    ['port 0', 'turn:turn.example.org:0'],
    ['port 70000', 'turn:turn.example.org:70000'],
    ['a transport on STUN', 'stun:stun.example.org?transport=udp'],
    ['another parameter', 'turn:turn.example.org?transport=udp&x=1'],
    ['no host', 'turn:'],
    ['a 10 KB host', `stun:${'a'.repeat(10_000)}.org`],
    ['not a string', 42],
  ])('refuses %s', (_why, url) => expect(IceServerUrl.safeParse(url).success).toBe(false));
});

describe('ICE server entries', () => {
  it('a TURN server needs a username and credential, a STUN server takes neither', () => {
    expect(IceServerEntry.safeParse(turn).success).toBe(true);
    expect(IceServerEntry.safeParse(stun).success).toBe(true);
    expect(IceServerEntry.safeParse({ url: turn.url, username: 'ana' }).success).toBe(false);
    expect(IceServerEntry.safeParse({ ...stun, username: 'a', credential: 'b' }).success).toBe(
      false,
    );
  });

  it('refuses 10 KB usernames or credentials, control characters and extra fields', () => {
    const big = 'x'.repeat(10 * 1024);
    expect(IceServerEntry.safeParse({ ...turn, username: big }).success).toBe(false);
    expect(IceServerEntry.safeParse({ ...turn, credential: big }).success).toBe(false);
    expect(IceServerEntry.safeParse({ ...turn, username: 'ana\u0000' }).success).toBe(false);
    expect(IceServerEntry.safeParse({ ...turn, username: '' }).success).toBe(false);
    expect(IceServerEntry.safeParse({ ...turn, urls: ['stun:evil.example'] }).success).toBe(false);
    const polluted: unknown = JSON.parse(`{"url":"${stun.url}","__proto__":{"username":"x"}}`);
    expect(IceServerEntry.safeParse(polluted).success).toBe(false);
  });
});

describe('ICE preferences', () => {
  it('refuses 500 servers, and the same server twice', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ url: `stun:s${i}.example.org` }));
    expect(IcePreferences.safeParse({ servers: many, hideIp: false }).success).toBe(false);
    expect(
      IcePreferences.safeParse({ servers: many.slice(0, MAX_ICE_SERVERS), hideIp: false }).success,
    ).toBe(true);
    expect(IcePreferences.safeParse({ servers: [stun, stun], hideIp: false }).success).toBe(false);
  });

  it('refuses hiding the IP address without a TURN server', () => {
    expect(IcePreferences.safeParse({ servers: [], hideIp: true }).success).toBe(false);
    expect(IcePreferences.safeParse({ servers: [stun], hideIp: true }).success).toBe(false);
    expect(IcePreferences.safeParse({ servers: [stun, turn], hideIp: true }).success).toBe(true);
  });

  it('hiding gives relay-only ICE through the TURN servers alone', () => {
    expect(iceConfigFor({ servers: [stun, turn], hideIp: true })).toEqual({
      iceServers: [{ urls: turn.url, username: 'ana', credential: 's3cret' }],
      iceTransportPolicy: 'relay',
    });
    expect(iceConfigFor({ servers: [stun, turn], hideIp: false })).toEqual({
      iceServers: [{ urls: stun.url }, { urls: turn.url, username: 'ana', credential: 's3cret' }],
      iceTransportPolicy: 'all',
    });
    // Until the settings are read: nothing can connect, so nothing shows the address.
    expect(ICE_CLOSED).toEqual({ iceServers: [], iceTransportPolicy: 'relay' });
  });
});
