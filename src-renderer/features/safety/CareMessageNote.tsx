import { useState } from 'react';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { GetHelpDialog } from './GetHelpDialog';
import { RESPOND_STEPS } from './respond-guidance';

/**
 * Under a received message that mentions suicide or self-harm (found on this device; nobody is
 * told): how to respond, and the support options to share.
 */
export function CareMessageNote() {
  const [open, setOpen] = useState<'respond' | 'help' | null>(null);
  return (
    <div className="care-note care-note--message" data-testid="care-message-note">
      <p className="care-note__text">This message may be about suicide or self-harm.</p>
      <div className="care-note__actions">
        <Button variant="quiet" onClick={() => setOpen('respond')} data-testid="care-respond">
          How to respond
        </Button>
        <Button variant="quiet" onClick={() => setOpen('help')}>
          Support options
        </Button>
      </div>
      {open === 'respond' ? (
        <Dialog title="Responding to someone who is struggling" onClose={() => setOpen(null)}>
          <ol className="care-steps" data-testid="care-steps">
            {RESPOND_STEPS.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </Dialog>
      ) : null}
      {open === 'help' ? <GetHelpDialog onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
