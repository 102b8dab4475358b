import { MainLayout } from './features/shell/MainLayout';
import { LoadingScreen } from './features/shell/LoadingScreen';
import { SetupScreen } from './features/vault/SetupScreen';
import { UnlockScreen } from './features/vault/UnlockScreen';
import type { HearthApp, VaultPhase } from './services/types';
import { useHearthSnapshot } from './app/HearthContext';

const selectPhase = (app: HearthApp): VaultPhase => app.vaultPhase();

/** Picks the screen for the vault's state: setting up, locked, or open. */
export function App() {
  const phase = useHearthSnapshot(selectPhase);
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
