import { Section } from './Section';

/** Version, and what the browser version leaves out. */
export function AboutSection({ version, inBrowser }: { version: string; inBrowser: boolean }) {
  return (
    <Section title="About Hearth" testId="settings-about">
      <p>Version {version || 'unknown'}</p>
      {inBrowser ? (
        <p className="settings__hint" data-testid="settings-browser-note">
          You are using Hearth in a browser. Keychain unlock, auto-lock and the local signaling
          server are part of the desktop app.
        </p>
      ) : null}
    </Section>
  );
}
