import { useHearth } from '../../app/HearthContext';
import { Button } from '../../ui/Button';
import { quickExitKeys } from './quick-exit-keys';

/** Hides everything at once and locks (also on a shortcut, see useQuickExitShortcut). */
export function QuickExitButton({ platform }: { platform: string }) {
  const app = useHearth();
  return (
    <Button
      variant="quiet"
      onClick={() => app.quickExit()}
      aria-keyshortcuts={quickExitKeys(platform).aria}
      title={`Quick exit (${quickExitKeys(platform).label})`}
      data-testid="quick-exit"
    >
      Quick exit
    </Button>
  );
}
