import { useId } from 'react';
import { Button } from '../../ui/Button';
import { useCircles } from '../circles/useCircles';

interface EmptyStateProps {
  onNewCircle: () => void;
  onJoin: () => void;
}

/** The main pane when no circle is open: what a circle is and how to start or join one. */
export function EmptyState({ onNewCircle, onJoin }: EmptyStateProps) {
  const hasCircles = useCircles().length > 0;
  const titleId = useId();
  return (
    <section className="pane-page empty-state" aria-labelledby={titleId}>
      <h2 id={titleId}>{hasCircles ? 'Choose a circle' : 'Welcome'}</h2>
      {hasCircles ? <p>Pick one of your circles from the list to open it.</p> : null}
      <p>
        A circle is a small, private group for support. Messages are encrypted and shared directly
        between the members’ computers. Only members of the circle can read them.
      </p>
      <ul className="empty-state__ways">
        <li>
          <p>
            <strong>Start a circle</strong> if you want to bring people together. You will get a
            share code to give them privately.
          </p>
          <Button variant="primary" onClick={onNewCircle}>
            Start a circle
          </Button>
        </li>
        <li>
          <p>
            <strong>Someone gave you a share code?</strong> Paste it to ask to join their circle.
          </p>
          <Button onClick={onJoin}>Enter a share code</Button>
        </li>
      </ul>
    </section>
  );
}
