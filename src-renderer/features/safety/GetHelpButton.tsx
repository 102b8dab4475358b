import { useState } from 'react';
import { Button } from '../../ui/Button';
import { GetHelpDialog } from './GetHelpDialog';

/** Always in reach: opens crisis lines and services for the person's region, offline. */
export function GetHelpButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} data-testid="get-help-button">
        Get help now
      </Button>
      {open ? <GetHelpDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
