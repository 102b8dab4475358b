import { useState, type FormEvent } from 'react';
import { DisplayName, MAX_NAME_CHARS } from '../../../src-shared/records/schema';
import { useHearth } from '../../app/HearthContext';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/TextField';
import { badgeFor } from '../chat/badge';
import { useAction } from './useAction';
import { SubmitActions } from '../../ui/SubmitActions';

interface RenameDialogProps {
  localId: string;
  myKey: string;
  currentName: string;
  onClose: () => void;
}

/** Changes this member's own name in the circle; nobody else can change it. */
export function RenameDialog({ localId, myKey, currentName, onClose }: RenameDialogProps) {
  const app = useHearth();
  const [name, setName] = useState(currentName);
  const [nameError, setNameError] = useState<string | null>(null);
  const rename = useAction('Your name could not be changed just now. Please try again.');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    // The record schema's own rule, so what the form accepts every peer accepts too.
    const parsed = DisplayName.safeParse(name);
    if (!parsed.success) {
      setNameError(`Please choose a name of 1 to ${MAX_NAME_CHARS} characters.`);
      return;
    }
    setNameError(null);
    if (parsed.data === currentName) return onClose();
    if (await rename.run('rename', () => app.renameSelf(localId, parsed.data))) onClose();
  };

  return (
    <Dialog title="Change your name" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          label="Your name in this circle"
          hint={`Everyone in the circle sees it beside your badge, ${badgeFor(myKey)}, which stays the same.`}
          autoComplete="off"
          maxLength={MAX_NAME_CHARS}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            // The message goes as soon as the name reads right, not at the next press of Save.
            if (nameError !== null && DisplayName.safeParse(e.target.value).success)
              setNameError(null);
          }}
          error={nameError}
          data-testid="rename-input"
        />
        <Alert message={rename.error} />
        <SubmitActions
          label={'Save name'}
          busy={rename.running !== null}
          onCancel={onClose}
          testId="rename-confirm"
        />
      </form>
    </Dialog>
  );
}
