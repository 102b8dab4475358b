import { useHearth, useHearthSnapshot } from '../../app/HearthContext';
import type { ShellSettingsPatch } from '../../../src-shared/ipc/contract';
import type { DesktopShell, DesktopSnapshot, HearthApp } from '../../services/types';
import { useVaultAction, type VaultAction } from '../vault/useVaultAction';

const selectDesktop = (app: HearthApp): DesktopSnapshot | null => app.desktop?.snapshot() ?? null;

/** The desktop shell's state (null in a browser), kept up to date. */
export function useDesktopSnapshot(): DesktopSnapshot | null {
  return useHearthSnapshot(selectDesktop);
}

export interface DesktopAction extends VaultAction {
  desktop: DesktopShell | null;
  /** Saves a settings change through main; resolves true when it was saved. */
  update: (patch: ShellSettingsPatch) => Promise<boolean>;
}

/** The desktop shell to act on, with busy and error state for one change at a time. */
export function useDesktopAction(): DesktopAction {
  const app = useHearth();
  const action = useVaultAction();
  const desktop = app.desktop;
  const update = (patch: ShellSettingsPatch) =>
    action.run(async () => desktop?.updateSettings(patch));
  return { desktop, update, ...action };
}
