// The colour theme chosen on this device: the system's (the default), light or dark. Kept in the
// browser profile's localStorage, outside the vault (safety/device-preference.ts), so the lock
// screen already wears it. A theme reveals nothing about the person or their circles.
import { devicePreference } from '../safety/device-preference';

export type Theme = 'system' | 'light' | 'dark';

/** Reads a stored theme; anything unknown is the system's. */
export const parseTheme = (raw: string | null): Theme =>
  raw === 'light' || raw === 'dark' ? raw : 'system';

const theme = devicePreference<Theme>('hearth.theme', parseTheme, (t) => t);

/** Puts the theme on the page: base.css switches every colour on the root's data-theme. */
export function applyTheme(value: Theme, root: HTMLElement = document.documentElement): void {
  if (value === 'system') delete root.dataset.theme;
  else root.dataset.theme = value;
}

/** At start-up, before anything is drawn, so the page does not flash the other theme. */
export const applyStoredTheme = (): void => applyTheme(theme.get());

/** Chooses the theme on this device, applied at once. */
export function setTheme(value: Theme): void {
  theme.set(value);
  applyTheme(value);
}

/** The theme chosen on this device, following changes made anywhere in the page. */
export const useTheme = (): Theme => theme.use();
