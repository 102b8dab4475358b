import './safety.css';
import { GetHelpButton } from './GetHelpButton';
import { QuickExitButton } from './QuickExitButton';

/**
 * The strip on every screen (the lock screen too): help is one click away, and, while anything
 * could be on screen, so is quick exit.
 */
export function SafetyBar({ canExit, platform }: { canExit: boolean; platform: string }) {
  return (
    <aside className="safety-bar" aria-label="Help and quick exit">
      <GetHelpButton />
      {canExit ? <QuickExitButton platform={platform} /> : null}
    </aside>
  );
}
