import type { Member } from '../../services/types';
import { Button } from '../../ui/Button';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { BlockToggle } from '../safety/BlockToggle';

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
  /** Opens a private report about a member to the facilitators (anyone still in the circle). */
  onReport: (member: Member) => void;
  /** Members this device blocked; anyone may block anyone else, on this device only. */
  blocked: ReadonlySet<string>;
  /** Opens the dialog that says what blocking does. */
  onBlock: (member: Member) => void;
}

/** The list's own actions on top: a role change runs in place, without a dialog. */
export interface MemberActionHandlers extends MemberDialogs {
  setRole: (member: Member, role: Member['role']) => void;
  /** Unblocks at once (no dialog). */
  onUnblock: (member: Member) => void;
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
  const report = actions.canChangeSelf ? (
    <Button variant="quiet" onClick={() => actions.onReport(member)} data-testid="report-member">
      <span>
        Report<VisuallyHidden> {name}</VisuallyHidden>…
      </span>
    </Button>
  ) : null;
  const block = (
    <BlockToggle
      member={member}
      blocked={actions.blocked.has(member.key)}
      onBlock={actions.onBlock}
      onUnblock={actions.onUnblock}
    />
  );
  if (!actions.canManage)
    return (
      <div className="members__actions">
        {report}
        {block}
      </div>
    );
  return (
    <div className="members__actions">
      {report}
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
      {block}
    </div>
  );
}
