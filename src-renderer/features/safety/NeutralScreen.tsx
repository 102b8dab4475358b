import { useEffect, useState } from 'react';
import { useHearth } from '../../app/HearthContext';
import { PLAIN_TITLE } from '../../app/unread-signal';

/**
 * What a quick exit leaves: a plain page that says nothing about Hearth, circles or health, with
 * no text from before. "Continue" leads to the unlock screen (the passphrase is needed again).
 */
export function NeutralScreen() {
  const app = useHearth();
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    document.title = 'Notes';
    // Back to the plain title, never the one from before (it may have held an unread count):
    // what follows is the unlock screen, and the app counts nothing while locked.
    return () => {
      document.title = PLAIN_TITLE;
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
