import { quickExitKeys } from '../safety/quick-exit-keys';
import { Section } from './Section';

/** The browser build's quick-exit shortcut (the desktop app shows it under Locking). */
export function QuickExitSection({ platform }: { platform: string }) {
  return (
    <Section title="Quick exit" testId="settings-quick-exit">
      <p className="settings__hint">
        Press <kbd data-testid="quick-exit-keys">{quickExitKeys(platform).label}</kbd>, or the Quick
        exit button at the top, to leave Hearth at once for a neutral page and lock it. Your
        passphrase opens it again.
      </p>
    </Section>
  );
}
