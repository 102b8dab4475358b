// Which region "Get help now" opens on: the person's own earlier choice, else one suggested by the
// system's languages, never anything else (no network, nothing a peer sent). A value in storage
// that names no shipped region (a damaged or hand-edited profile) is passed over.
import { describe, expect, it } from 'vitest';
import { initialRegion, rememberRegion } from '../../src-renderer/features/safety/region-choice';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('the region Get help opens on', () => {
  it('is the one chosen before, whatever the system says', () => {
    const storage = memoryStorage();
    rememberRegion('ie', storage);
    expect(initialRegion(storage, ['en-GB'])).toBe('ie');
  });

  it('is suggested from the system languages when nothing was chosen', () => {
    expect(initialRegion(memoryStorage(), ['fr', 'de-AT', 'en-GB'])).toBe('at');
    expect(initialRegion(memoryStorage(), ['fr'])).toBeNull();
    expect(initialRegion(null, [])).toBeNull();
  });

  it('passes over a stored value that names no shipped region (a damaged or hand-edited profile)', () => {
    for (const junk of ['xx', '', '<script>', 'javascript:alert(1)', 'GB '])
      expect(initialRegion(memoryStorage({ 'hearth.crisisRegion': junk }), ['en-US'])).toBe('us');
  });

  it('a storage that refuses writes loses the choice quietly', () => {
    const refusing = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => rememberRegion('gb', refusing)).not.toThrow();
  });
});
