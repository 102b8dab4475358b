import { useState, type FormEvent } from 'react';
import { DEFAULT_GUIDELINES } from '../../../src-shared/circle/moderation';
import { useHearth } from '../../app/HearthContext';
import type { CircleView } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextArea } from '../../ui/TextArea';
import { formatDateTime } from '../chat/format';
import { PEER_SUPPORT_LINE } from '../safety/GetHelpDialog';
import { useAction } from './useAction';

const MAX_GUIDELINES_CHARS = 4_000;

interface GuidelinesDialogProps {
  localId: string;
  circleName: string;
  guidelines: CircleView['guidelines'];
  canEdit: boolean;
  onClose: () => void;
}

/** The circle's guidelines, pinned: everyone reads them here; facilitators change them here. */
export function GuidelinesDialog({
  localId,
  circleName,
  guidelines,
  canEdit,
  onClose,
}: GuidelinesDialogProps) {
  const app = useHearth();
  const current = guidelines?.text ?? DEFAULT_GUIDELINES;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(current);
  const [textError, setTextError] = useState<string | null>(null);
  const save = useAction('The guidelines could not be saved just now. Please try again.');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setTextError('Guidelines need a few words.');
      return;
    }
    setTextError(null);
    if (await save.run('save', () => app.setGuidelines(localId, text.trim()))) setEditing(false);
  };

  return (
    <Dialog title={`${circleName}: guidelines`} onClose={onClose}>
      {editing ? (
        <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate>
          <TextArea
            label="Guidelines"
            hint="Everyone reads these before they first write, and again when you change them."
            rows={10}
            maxLength={MAX_GUIDELINES_CHARS}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={textError}
            data-testid="guidelines-text"
          />
          <Alert message={save.error} />
          <div className="actions">
            <Button
              type="submit"
              variant="primary"
              disabled={save.running !== null}
              data-testid="guidelines-save"
            >
              Save guidelines
            </Button>
            <Button onClick={() => setEditing(false)}>Cancel</Button>
          </div>
        </form>
      ) : (
        <div className="stack" data-testid="guidelines-view">
          <p className="guidelines__text">{current}</p>
          <p className="guidelines__meta">
            {guidelines
              ? `Set by a facilitator on ${formatDateTime(guidelines.at)}.`
              : 'These are Hearth’s default guidelines; a facilitator can change them.'}
          </p>
          <p className="guidelines__note">{PEER_SUPPORT_LINE}</p>
          {canEdit ? (
            <div className="actions">
              <Button onClick={() => setEditing(true)} data-testid="guidelines-edit">
                Edit guidelines
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </Dialog>
  );
}
