import { useEffect, useState } from 'react';
import { useHearth } from '../../app/HearthContext';

/**
 * What a quick exit leaves: a plain page that says nothing about Hearth, circles or health, with
 * no text from before. "Continue" leads to the unlock screen (the passphrase is needed again).
 */
export function NeutralScreen() {
  const app = useHearth();
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    const title = document.title;
    document.title = 'Notes';
    return () => {
      document.title = title;
    };
  }, []);
  const leave = () => {
    if (leaving) return;
    setLeaving(true);
    void app.leaveNeutralScreen().finally(() => setLeaving(false));
  };
  return (
    <main className="neutral-screen" data-testid="neutral-screen">
      <h1 className="neutral-screen__title">Notes</h1>
      <p className="neutral-screen__text">No notes yet.</p>
      <button
        type="button"
        className="neutral-screen__continue"
        onClick={leave}
        aria-disabled={leaving || undefined}
        data-testid="neutral-continue"
      >
        Continue
      </button>
    </main>
  );
}
