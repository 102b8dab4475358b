import type { Member } from '../../services/types';
import { Button } from '../../ui/Button';
import { VisuallyHidden } from '../../ui/VisuallyHidden';

/** What the page lets the member list do: who may act, and the dialogs it opens. */
export interface MemberDialogs {
  /** A facilitator: may change roles and remove. */
  canManage: boolean;
  /** Still in the circle: may rename oneself and leave. */
  canChangeSelf: boolean;
  onRemove: (member: Member) => void;
  /** Opens muting (or ending a mute) for a member. */
  onMute: (member: Member) => void;
  /** Members muted now, with when it ends. */
  mutes: ReadonlyMap<string, { until: number; reason: string }>;
  onRename: () => void;
  onLeave: () => void;
}

/** The list's own actions on top: a role change runs in place, without a dialog. */
export interface MemberActionHandlers extends MemberDialogs {
  setRole: (member: Member, role: Member['role']) => void;
}

interface MemberActionsProps {
  member: Member;
  self: boolean;
  actions: MemberActionHandlers;
  /** A role change for this member is under way. */
  busy: boolean;
}

/**
 * The buttons beside one member. Each names the person for screen readers ("Make Sam
 * co-facilitator"), since a list of identical "Remove" buttons says nothing on its own. A label
 * with a hidden part is one span: the button spaces its children apart, which would leave a gap
 * where the hidden name sits.
 */
export function MemberActions({ member, self, actions, busy }: MemberActionsProps) {
  const name = member.displayName;
  if (self) {
    if (!actions.canChangeSelf) return null;
    return (
      <div className="members__actions">
        <Button variant="quiet" onClick={actions.onRename} data-testid="rename-self">
          Change my name…
        </Button>
        <Button variant="quiet" onClick={actions.onLeave} data-testid="leave-circle">
          Leave circle…
        </Button>
      </div>
    );
  }
  if (!actions.canManage) return null;
  return (
    <div className="members__actions">
      {member.role === 'facilitator' ? (
        <Button
          variant="quiet"
          disabled={busy}
          onClick={() => actions.setRole(member, 'member')}
          data-testid="role-demote"
        >
          <span>
            Take back <VisuallyHidden>{name}'s </VisuallyHidden>facilitator role
          </span>
        </Button>
      ) : (
        <Button
          variant="quiet"
          disabled={busy}
          onClick={() => actions.setRole(member, 'facilitator')}
          data-testid="role-promote"
        >
          <span>
            Make <VisuallyHidden>{name} </VisuallyHidden>co-facilitator
          </span>
        </Button>
      )}
      <Button variant="quiet" onClick={() => actions.onMute(member)} data-testid="mute-member">
        <span>
          {actions.mutes.has(member.key) ? 'End mute of' : 'Mute'}
          <VisuallyHidden> {name}</VisuallyHidden>…
        </span>
      </Button>
      <Button variant="quiet" onClick={() => actions.onRemove(member)} data-testid="remove-member">
        <span>
          Remove<VisuallyHidden> {name}</VisuallyHidden> from circle…
        </span>
      </Button>
    </div>
  );
}
