import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { ChatMessage } from '../../services/types';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { EditMessage } from './EditMessage';
import { useOwnMessageCircle } from './own-message-context';
import './own-message.css';

/**
 * One of our own messages: its content (`children`) with "Edit" and "Delete…" below it, or the
 * editor in its place while editing. Without a circle to change it in (we are no longer a
 * member), only the content.
 */
export function OwnMessage({ message, children }: { message: ChatMessage; children: ReactNode }) {
  const localId = useOwnMessageCircle();
  const app = useHearth();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Saving or cancelling an edit gives the focus back to "Edit", where the person was.
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  if (localId === null || message.deleted) return children;
  if (editing)
    return <EditMessage localId={localId} message={message} onDone={() => setEditing(false)} />;

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await app.deleteMessage(localId, message.id);
      setConfirming(false);
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : 'It could not be deleted.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {children}
      <p className="message__own-actions">
        <Button
          ref={editButton}
          variant="quiet"
          onClick={() => setEditing(true)}
          data-testid="edit-message"
        >
          <span>
            Edit<VisuallyHidden> your message</VisuallyHidden>
          </span>
        </Button>
        <Button variant="quiet" onClick={() => setConfirming(true)} data-testid="delete-message">
          <span>
            Delete<VisuallyHidden> your message</VisuallyHidden>…
          </span>
        </Button>
      </p>
      {confirming ? (
        <ConfirmDialog
          title="Delete this message?"
          confirmLabel="Delete for everyone"
          cancelLabel="Keep it"
          busy={busy}
          error={error}
          onConfirm={() => void remove()}
          onClose={() => setConfirming(false)}
          testId="confirm-delete"
        >
          <p>Delete this message for everyone? People who already read it may remember it.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
