import type { Standing } from '../../services/types';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../chat/format';

const STANDING_TEXT: Record<Exclude<Standing, 'member'>, string> = {
  removed:
    "You're no longer in this circle. What you saw before stays here, read only; nothing new will arrive.",
  left: 'You left this circle. What you saw before stays here, read only; nothing new will arrive.',
};

/**
 * Tells someone who is no longer in the circle what that means for them, and offers to delete
 * what this device holds. The status region is always there, so the change is announced.
 */
export function StandingBanner({
  standing,
  onDeleteHistory,
}: {
  standing: Standing;
  onDeleteHistory: () => void;
}) {
  return (
    <div className="standing" role="status" data-testid="standing" data-standing={standing}>
      {standing === 'member' ? null : (
        <Banner tone="info" data-testid="standing-banner">
          <p>{STANDING_TEXT[standing]}</p>
          <div className="actions standing__actions">
            <Button onClick={onDeleteHistory} data-testid="standing-delete">
              Delete this circle's history from this device
            </Button>
          </div>
        </Banner>
      )}
    </div>
  );
}

/** Where the message box was: a short note that nothing can be written here any more. */
export function ReadOnlyNote() {
  return (
    <p className="read-only-note" data-testid="read-only-note">
      This circle is read only on this device now. You can still read what was here.
    </p>
  );
}

/** In place of the composer while a facilitator has muted this member. */
export function MutedNote({ until }: { until: number }) {
  return (
    <p className="read-only-note" role="status" data-testid="muted-note">
      A facilitator has paused your messages in this circle until {formatDateTime(until)}. You can
      still read everything, and the circle's facilitators can tell you more.
    </p>
  );
}
