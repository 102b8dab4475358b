import { useState } from 'react';
import { checkInMessage, MAX_SHARE_LINE_CHARS, type Mood } from '../../../src-shared/journal';
import { useHearth } from '../../app/HearthContext';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { useCircles } from '../circles/useCircles';

interface ShareCheckInProps {
  mood: Mood;
  onClose: () => void;
}

/**
 * Sends a mood and a short line the person writes now to one circle, as an ordinary message.
 * Nothing else from the journal is sent; the preview shows exactly what the circle will read.
 */
export function ShareCheckIn({ mood, onClose }: ShareCheckInProps) {
  const app = useHearth();
  const circles = useCircles();
  const [circle, setCircle] = useState(circles[0]?.localId ?? '');
  const [line, setLine] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const message = checkInMessage(mood, line);

  const send = async () => {
    if (!circle) return;
    try {
      await app.sendMessage(circle, message);
      setSent(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Dialog title="Share a check-in" onClose={onClose}>
      {circles.length === 0 ? (
        <p>You are not in a circle yet. Start or join one to share a check-in.</p>
      ) : sent ? (
        <p role="status" data-testid="share-sent">
          Shared with {circles.find((c) => c.localId === circle)?.name}.
        </p>
      ) : (
        <div className="stack">
          <p>Only your mood and the line below are sent. Your journal stays on this computer.</p>
          <SelectField
            label="Circle"
            value={circle}
            onChange={(e) => setCircle(e.target.value)}
            options={circles.map((c) => ({ value: c.localId, label: c.name }))}
            data-testid="share-circle"
          />
          <TextField
            label="A short line (optional)"
            maxLength={MAX_SHARE_LINE_CHARS}
            value={line}
            onChange={(e) => setLine(e.target.value)}
            data-testid="share-line"
          />
          <div className="journal-share__preview">
            <p className="field__label">The circle will see</p>
            <p data-testid="share-preview">{message}</p>
          </div>
          <Alert message={error} />
        </div>
      )}
      <div className="actions">
        {circles.length > 0 && !sent ? (
          <Button variant="primary" onClick={() => void send()} data-testid="share-send">
            Send to the circle
          </Button>
        ) : null}
        <Button onClick={onClose}>{sent ? 'Done' : 'Cancel'}</Button>
      </div>
    </Dialog>
  );
}
