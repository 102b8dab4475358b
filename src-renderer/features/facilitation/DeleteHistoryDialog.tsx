import { useHearth } from '../../app/HearthContext';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useAction } from './useAction';

interface DeleteHistoryDialogProps {
  localId: string;
  circleName: string;
  onClose: () => void;
  onWiped: () => void;
}

/** For someone no longer in the circle: deletes what this device still holds of it. */
export function DeleteHistoryDialog({
  localId,
  circleName,
  onClose,
  onWiped,
}: DeleteHistoryDialogProps) {
  const app = useHearth();
  const wipe = useAction("The circle's history could not be deleted just now. Please try again.");
  const confirm = async () => {
    if (await wipe.run('wipe', () => app.leaveCircle(localId, { wipe: true }))) onWiped();
  };
  return (
    <ConfirmDialog
      title={`Delete ${circleName} from this device?`}
      confirmLabel="Delete history"
      cancelLabel="Keep it"
      busy={wipe.running !== null}
      error={wipe.error}
      onConfirm={() => void confirm()}
      onClose={onClose}
      testId="delete-history-confirm"
    >
      <p>
        The messages you can still read here will be deleted from this device. This cannot be
        undone. Nobody else's copy changes.
      </p>
    </ConfirmDialog>
  );
}
