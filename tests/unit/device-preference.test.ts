// Preferences kept on this device (care check, covered topics, accepted guidelines): a storage
// that refuses writes loses nothing until the page reloads, junk in storage reads as the default,
// and a preference hands React the same value until its stored text changes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  devicePreference,
  readDevicePreference,
  writeDevicePreference,
} from '../../src-renderer/features/safety/device-preference';

function storage(refuse = false) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (refuse) throw new DOMException('full', 'QuotaExceededError');
      items.set(k, v);
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('device preferences', () => {
  it('a storage that refuses a write keeps the choice in memory', () => {
    vi.stubGlobal('localStorage', storage(true));
    writeDevicePreference('t.refused', 'off');
    expect(readDevicePreference('t.refused')).toBe('off');
  });

  it('a storage that throws on read reads as nothing set', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('disabled');
      },
    });
    expect(readDevicePreference('t.unreadable')).toBeNull();
  });

  it('junk in storage reads as the default, and the value is the same object until it changes', () => {
    const store = storage();
    store.items.set('t.topics', '{not json');
    vi.stubGlobal('localStorage', store);
    const topics = devicePreference<ReadonlySet<string>>(
      't.topics',
      (raw) => {
        try {
          const list: unknown = JSON.parse(raw ?? '[]');
          return new Set(Array.isArray(list) ? list.filter((t) => typeof t === 'string') : []);
        } catch {
          return new Set();
        }
      },
      (set) => JSON.stringify([...set]),
    );
    const first = topics.get();
    expect([...first]).toEqual([]);
    expect(topics.get()).toBe(first);
    topics.set(new Set(['grief']));
    expect([...topics.get()]).toEqual(['grief']);
    expect(store.items.get('t.topics')).toBe('["grief"]');
  });
});
