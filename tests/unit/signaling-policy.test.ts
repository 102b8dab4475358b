// main's gate on the page's WebSockets, written as attacks: a page (or script injected into it)
// reaches only the signaling origins allowed at that moment; the servers handed over while
// unlocked are held in memory only, capped, and gone after lock.
import { describe, expect, it } from 'vitest';
import {
  installSignalingGate,
  webSocketAllowed,
  type GateSession,
} from '../../src-main/signaling-gate';
import {
  allowedSignalingUrls,
  MAX_UNLOCKED_SIGNALING_URLS,
  UnlockedSignaling,
} from '../../src-main/signaling-policy';

const ALLOWED = ['ws://192.168.1.37:4444', 'wss://signal.example.org/path?room=1'];

describe('webSocketAllowed', () => {
  it('admits the allowed origins, whatever path or query a circle adds', () => {
    for (const url of [
      'ws://192.168.1.37:4444',
      'ws://192.168.1.37:4444/c/123?t=abc',
      'wss://signal.example.org',
      'wss://signal.example.org:443/other',
      'WSS://SIGNAL.EXAMPLE.ORG/x',
    ])
      expect(webSocketAllowed(url, ALLOWED), url).toBe(true);
  });

  it('refuses look-alikes: another port, scheme, host, a suffix, credentials, junk', () => {
    for (const url of [
      'ws://192.168.1.37:4445',
      'wss://192.168.1.37:4444',
      'ws://signal.example.org',
      'wss://signal.example.org.evil.example',
      'wss://evil.example/signal.example.org',
      'wss://signal.example.org@evil.example',
      'ws://192.168.1.38:4444',
      'ws://[::1]:4444',
      'ws://',
      'ws:not a url',
      `ws://${'a'.repeat(3000)}.example`,
    ])
      expect(webSocketAllowed(url, ALLOWED), url).toBe(false);
  });

  it('refuses every WebSocket when nothing is allowed (a locked app with no LAN server)', () => {
    expect(webSocketAllowed('ws://192.168.1.37:4444', [])).toBe(false);
  });

  it('leaves other requests alone: the app’s own files are not its business', () => {
    expect(webSocketAllowed('app://hearth/index.html', [])).toBe(true);
    expect(webSocketAllowed('http://127.0.0.1:5173/src/main.tsx', [])).toBe(true);
  });
});

describe('installSignalingGate', () => {
  it('asks for the allowed list at each request, so lock and unlock apply at once', () => {
    let listener: Parameters<GateSession['webRequest']['onBeforeRequest']>[0] | null = null;
    installSignalingGate({ webRequest: { onBeforeRequest: (l) => void (listener = l) } }, () =>
      allowedSignalingUrls({ lan: [], configured: [], unlocked: unlocked.urls }),
    );
    const unlocked = new UnlockedSignaling();
    const verdict = (url: string) => {
      let cancel: boolean | null = null;
      listener!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('ws://192.168.1.37:4444/room')).toBe(true); // locked: cancelled
    unlocked.add(['ws://192.168.1.37:4444']);
    expect(verdict('ws://192.168.1.37:4444/room')).toBe(false);
    unlocked.clear();
    expect(verdict('ws://192.168.1.37:4444/room')).toBe(true);
    expect(verdict('app://hearth/assets/index.js')).toBe(false);
  });
});

describe('UnlockedSignaling', () => {
  it('keeps each server once, the newest when full, and none after clear', () => {
    const list = new UnlockedSignaling();
    list.add(['ws://a:1', 'ws://a:1']);
    list.add(['ws://a:1']);
    expect(list.urls).toEqual(['ws://a:1']);
    for (let i = 0; i < 70; i++) list.add([`ws://h${i}:1`]);
    expect(list.urls).toHaveLength(MAX_UNLOCKED_SIGNALING_URLS);
    expect(list.urls.at(-1)).toBe('ws://h69:1');
    list.clear();
    expect(list.urls).toEqual([]);
  });
});
