import { useEffect, useState } from 'react';
import { careCheck } from '../../../src-shared/care/care-check';
import { Button } from '../../ui/Button';
import { useCareCheckOn } from './care-preference';
import { GetHelpDialog } from './GetHelpDialog';

/** How long the draft rests before it is checked: no flicker while someone types. */
const CHECK_AFTER_MS = 400;

/**
 * A gentle offer of support while someone writes about suicide or self-harm. Checked on this
 * device only: nothing is blocked, logged, reported or sent, and nobody else is told.
 */
export function CareDraftNote({
  draft,
  onSuggestWarning,
}: {
  draft: string;
  /** Given while the draft has no content warning: the note offers to add one. */
  onSuggestWarning?: () => void;
}) {
  const on = useCareCheckOn();
  const [concern, setConcern] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    if (!on || draft.trim() === '') {
      setConcern(false);
      return;
    }
    const timer = setTimeout(() => setConcern(careCheck(draft) === 'concern'), CHECK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, on]);
  // A new conversation (the draft emptied after sending) may deserve the offer again.
  useEffect(() => {
    if (draft === '') setDismissed(false);
  }, [draft]);
  if (!concern || dismissed) return null;
  return (
    <div className="care-note" role="note" aria-label="Support" data-testid="care-draft-note">
      <p className="care-note__text">
        It sounds like things may be really hard right now. You do not have to go through it alone:
        people are ready to listen, at any hour.
      </p>
      <div className="care-note__actions">
        <Button variant="secondary" onClick={() => setHelpOpen(true)} data-testid="care-help">
          See support options
        </Button>
        {onSuggestWarning ? (
          <Button variant="quiet" onClick={onSuggestWarning} data-testid="care-add-warning">
            Add a content warning
          </Button>
        ) : null}
        <Button variant="quiet" onClick={() => setDismissed(true)} data-testid="care-dismiss">
          Not now
        </Button>
      </div>
      {helpOpen ? <GetHelpDialog onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}
