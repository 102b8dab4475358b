import { Dialog } from '../../ui/Dialog';
import { HelpResources } from './HelpResources';

/** What peer support is and is not, said where help is offered. */
export const PEER_SUPPORT_LINE =
  'Hearth circles are peer support: people who listen and share what helped them. They are not a crisis service or therapy. If you might act on thoughts of suicide or are in danger, contact a crisis line or your emergency number now.';

/** "Get help now": the crisis lines for the person's region (HelpResources) in a dialog. */
export function GetHelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Get help now" onClose={onClose}>
      <div className="get-help" data-testid="get-help">
        <p className="get-help__lead">
          If you are in danger right now, call your local emergency number.
        </p>
        <HelpResources />
        <p className="get-help__note">{PEER_SUPPORT_LINE}</p>
      </div>
    </Dialog>
  );
}
