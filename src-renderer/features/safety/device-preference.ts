// Preferences about this device only (care check on or off, covered topics, accepted guidelines),
// kept in the browser profile's localStorage: outside the vault, like the region (region-choice.ts
// says why). A storage that refuses a write (full, or disabled) loses nothing for now: the choice
// is kept in memory until the page reloads.
import { useSyncExternalStore } from 'react';

const inMemory = new Map<string, string>();

/** The stored text under `key`, or null. */
export function readDevicePreference(key: string): string | null {
  if (inMemory.has(key)) return inMemory.get(key)!;
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value` under `key`; kept in memory when the storage refuses it. */
export function writeDevicePreference(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
    inMemory.delete(key);
  } catch {
    inMemory.set(key, value);
  }
}

/**
 * One preference as state every component of the page follows: `use()` re-renders on `set`, and
 * returns the same value object until the stored text changes (as useSyncExternalStore needs).
 */
export function devicePreference<T>(
  key: string,
  parse: (raw: string | null) => T,
  serialize: (value: T) => string,
) {
  const listeners = new Set<() => void>();
  // Read from storage once, then after each change: React asks for the value on every render
  // of every component that uses it, and a storage read each time showed in delivery profiles.
  let fresh = false;
  let last: T;
  const get = (): T => {
    if (!fresh) {
      last = parse(readDevicePreference(key));
      fresh = true;
    }
    return last;
  };
  const changed = () => {
    fresh = false;
    for (const listener of listeners) listener();
  };
  // Another tab of this profile changed it (or cleared the storage).
  if (typeof window !== 'undefined')
    window.addEventListener('storage', (event) => {
      if (event.key === key || event.key === null) changed();
    });
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    get,
    set(value: T): void {
      writeDevicePreference(key, serialize(value));
      changed();
    },
    use: (): T => useSyncExternalStore(subscribe, get),
  };
}
