import { useHearth, useHearthSnapshot } from '../../app/HearthContext';
import type { DesktopApp, DesktopSnapshot } from '../../host/desktop-app';
import type { HearthApp } from '../../services/types';
import { useVaultAction, type VaultAction } from '../vault/useVaultAction';

const selectDesktop = (app: HearthApp): DesktopSnapshot | null => app.desktop?.snapshot() ?? null;

/** The desktop shell's state (null in a browser), kept up to date. */
export function useDesktopSnapshot(): DesktopSnapshot | null {
  return useHearthSnapshot(selectDesktop);
}

/** The desktop shell to act on, with busy and error state for one change at a time. */
export function useDesktopAction(): { desktop: DesktopApp | null } & VaultAction {
  const app = useHearth();
  return { desktop: app.desktop, ...useVaultAction() };
}
