import { useState } from 'react';
import { useHearth } from '../../app/HearthContext';
import { Button } from '../../ui/Button';

/** Locks Hearth at once: keys leave memory and the passphrase is needed again. */
export function LockButton() {
  const app = useHearth();
  const [locking, setLocking] = useState(false);
  const lock = async () => {
    if (locking) return;
    setLocking(true);
    try {
      await app.lock();
    } finally {
      setLocking(false);
    }
  };
  return (
    <Button
      variant="quiet"
      onClick={() => void lock()}
      aria-disabled={locking || undefined}
      data-testid="lock"
    >
      Lock
    </Button>
  );
}
