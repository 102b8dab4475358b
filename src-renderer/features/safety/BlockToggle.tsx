import type { Member } from '../../services/types';
import { Button } from '../../ui/Button';

interface BlockToggleProps {
  member: Member;
  /** Blocked on this device now. */
  blocked: boolean;
  /** Opens the dialog that says what a block does. */
  onBlock: (member: Member) => void;
  /** Unblocks at once. */
  onUnblock: (member: Member) => void;
}

/**
 * "Block Sam…" or "Unblock Sam" beside another member, for every member: one button whose
 * label changes, so focus stays on it after an unblock.
 */
export function BlockToggle({ member, blocked, onBlock, onUnblock }: BlockToggleProps) {
  return (
    <Button
      variant="quiet"
      onClick={() => (blocked ? onUnblock(member) : onBlock(member))}
      data-testid={blocked ? 'unblock-member' : 'block-member'}
    >
      {blocked ? `Unblock ${member.displayName}` : `Block ${member.displayName}…`}
    </Button>
  );
}
