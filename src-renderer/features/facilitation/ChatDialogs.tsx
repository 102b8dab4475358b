import type { CircleView } from '../../services/types';
import { InvitePanel } from '../invite/InvitePanel';
import { RelayDialog } from '../relay/RelayDialog';
import { ReportDialog } from '../reports/ReportDialog';
import { ReportsDialog } from '../reports/ReportsDialog';
import { BlockMemberDialog } from '../safety/BlockMemberDialog';
import { ApprovalQueue } from './ApprovalQueue';
import { DeleteHistoryDialog } from './DeleteHistoryDialog';
import { FacilitatorLogDialog } from './FacilitatorLogDialog';
import { GuidelinesDialog } from './GuidelinesDialog';
import { HideMessageDialog } from './HideMessageDialog';
import { MuteMemberDialog } from './MuteMemberDialog';
import { LeaveDialog } from './LeaveDialog';
import { RemoveMemberDialog } from './RemoveMemberDialog';
import { RenameDialog } from './RenameDialog';
import { ResourcesDialog } from './ResourcesDialog';
import type { ChatDialog } from './useChatDialogs';
import './facilitation.css';

interface ChatDialogsProps {
  dialog: ChatDialog | null;
  view: CircleView;
  onClose: () => void;
  /** The circle's history is gone from this device. */
  onWiped: () => void;
}

/** The open dialog of a circle's page, fed from the live view (so a queue empties as people are let in). */
export function ChatDialogs({ dialog, view, onClose, onWiped }: ChatDialogsProps) {
  if (!dialog) return null;
  const { localId, members } = view;
  switch (dialog.kind) {
    case 'invite':
      return (
        <InvitePanel
          localId={localId}
          circleName={view.name}
          invites={view.invites}
          members={members}
          onClose={onClose}
        />
      );
    case 'knocks':
      return (
        <ApprovalQueue
          localId={localId}
          knocks={view.knocks}
          invites={view.invites}
          members={members}
          onClose={onClose}
        />
      );
    case 'log':
      return (
        <FacilitatorLogDialog entries={view.facilitatorLog} members={members} onClose={onClose} />
      );
    case 'remove':
      return (
        <RemoveMemberDialog
          localId={localId}
          circleName={view.name}
          member={dialog.member}
          onClose={onClose}
        />
      );
    case 'mute':
      return (
        <MuteMemberDialog
          localId={localId}
          member={dialog.member}
          muted={view.mutes.get(dialog.member.key) ?? null}
          onClose={onClose}
        />
      );
    case 'block':
      return (
        <BlockMemberDialog
          localId={localId}
          member={dialog.member}
          blocked={view.blocked.has(dialog.member.key)}
          onClose={onClose}
        />
      );
    case 'moderate':
      return (
        <HideMessageDialog
          localId={localId}
          message={dialog.message}
          authorName={view.people.get(dialog.message.author)?.displayName ?? 'Someone'}
          onClose={onClose}
        />
      );
    case 'guidelines':
      return (
        <GuidelinesDialog
          localId={localId}
          circleName={view.name}
          guidelines={view.guidelines}
          canEdit={view.myRole === 'facilitator'}
          onClose={onClose}
        />
      );
    case 'report':
      return (
        <ReportDialog
          localId={localId}
          member={dialog.member}
          message={dialog.message}
          onClose={onClose}
        />
      );
    case 'relay':
      return (
        <RelayDialog
          localId={localId}
          epoch={view.epoch}
          relays={view.relays}
          status={view.relay}
          onClose={onClose}
        />
      );
    case 'reports':
      return (
        <ReportsDialog
          localId={localId}
          reports={view.reports}
          people={view.people}
          messages={view.messages}
          canAnswer={view.myRole === 'facilitator' && view.standing === 'member'}
          onClose={onClose}
        />
      );
    case 'resources':
      return (
        <ResourcesDialog
          localId={localId}
          circleName={view.name}
          resources={view.resources}
          onClose={onClose}
        />
      );
    case 'rename':
      return (
        <RenameDialog
          localId={localId}
          myKey={view.myKey}
          currentName={members.get(view.myKey)?.displayName ?? ''}
          onClose={onClose}
        />
      );
    case 'leave':
      return (
        <LeaveDialog
          localId={localId}
          circleName={view.name}
          members={members}
          myKey={view.myKey}
          onClose={onClose}
          onWiped={onWiped}
        />
      );
    case 'delete-history':
      return (
        <DeleteHistoryDialog
          localId={localId}
          circleName={view.name}
          onClose={onClose}
          onWiped={onWiped}
        />
      );
  }
}
