import { MainLayout } from './features/shell/MainLayout';
import { LoadingScreen } from './features/shell/LoadingScreen';
import { SafetyBar } from './features/safety/SafetyBar';
import { NeutralScreen } from './features/safety/NeutralScreen';
import { useQuickExitShortcut } from './features/safety/useQuickExitShortcut';
import { SetupScreen } from './features/vault/SetupScreen';
import { UnlockScreen } from './features/vault/UnlockScreen';
import type { HearthApp, VaultPhase } from './services/types';
import { useHearth, useHearthSnapshot } from './app/HearthContext';

const selectPhase = (app: HearthApp): VaultPhase => app.vaultPhase();
const selectExited = (app: HearthApp): boolean => app.quickExited();

/**
 * Picks the screen for the vault's state (setting up, locked, or open) under the safety bar; a
 * quick exit replaces all of it with a neutral screen.
 */
export function App() {
  const app = useHearth();
  const phase = useHearthSnapshot(selectPhase);
  const exited = useHearthSnapshot(selectExited);
  useQuickExitShortcut(phase === 'unlocked' && !exited);
  if (exited) return <NeutralScreen />;
  return (
    <div className="app-frame">
      <SafetyBar canExit={phase === 'unlocked'} platform={app.hostInfo.platform} />
      <div className="app-frame__content">
        <PhaseScreen phase={phase} />
      </div>
    </div>
  );
}

function PhaseScreen({ phase }: { phase: VaultPhase }) {
  switch (phase) {
    case 'loading':
      return <LoadingScreen />;
    case 'new':
      return <SetupScreen />;
    case 'locked':
      return <UnlockScreen />;
    case 'unlocked':
      return <MainLayout />;
  }
}
