// The region whose crisis resources the person sees. Chosen by the person, suggested from the
// system's languages (navigator.languages, e.g. en-GB), never from the network. Kept in this
// browser profile's localStorage, outside the vault, so the lock screen can show the same
// resources: a region is no secret beyond what the system's own language settings say, and
// THREAT_MODEL.md lists it among what a stolen disk shows.
import { regions, suggestRegion } from '../../../src-shared/safety/crisis-resources';

const KEY = 'hearth.crisisRegion';

/** The region chosen before, or the one the system's languages suggest, or null. */
export function initialRegion(
  storage: Pick<Storage, 'getItem'> | null = safeStorage(),
  languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): string | null {
  const chosen = storage?.getItem(KEY) ?? null;
  if (chosen !== null && regions().some((r) => r.code === chosen)) return chosen;
  return suggestRegion(languages);
}

/** Remembers the person's choice for next time (the lock screen included). */
export function rememberRegion(
  code: string,
  storage: Pick<Storage, 'setItem'> | null = safeStorage(),
): void {
  try {
    storage?.setItem(KEY, code);
  } catch {
    // A full or disabled storage: the choice lasts until the dialog closes, which is enough.
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
