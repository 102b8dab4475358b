import type { FacilitatorLogEntry, Member } from '../../services/types';
import { Dialog } from '../../ui/Dialog';
import { MemberName } from '../chat/MemberName';
import { logKindText } from './logText';
import { nameOf } from './permissions';
import { formatDateTime } from './timeText';

interface FacilitatorLogDialogProps {
  entries: readonly FacilitatorLogEntry[];
  members: ReadonlyMap<string, Member>;
  onClose: () => void;
}

/** Removals, departures, role changes and withdrawn invites, newest first, with their reasons. */
export function FacilitatorLogDialog({ entries, members, onClose }: FacilitatorLogDialogProps) {
  return (
    <Dialog title="Facilitators' log" onClose={onClose}>
      <p className="field__hint">
        Only facilitators see this log. It keeps what was done in the circle, by whom and why.
      </p>
      {entries.length === 0 ? (
        <p>Nothing has been recorded yet.</p>
      ) : (
        <ol className="facilitator-log" data-testid="facilitator-log">
          {entries.map((entry, i) => (
            <li
              key={`${entry.at}-${entry.kind}-${entry.member}-${i}`}
              className="facilitator-log__entry"
            >
              <p className="facilitator-log__what">
                <strong>{logKindText(entry.kind)}</strong>
                <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at)}</time>
              </p>
              <dl className="facilitator-log__facts">
                {entry.member ? (
                  <>
                    <dt>Who</dt>
                    <dd>
                      <MemberName name={nameOf(members, entry.member)} memberKey={entry.member} />
                    </dd>
                  </>
                ) : null}
                {entry.kind !== 'left' ? (
                  <>
                    <dt>By</dt>
                    <dd>
                      <MemberName name={nameOf(members, entry.by)} memberKey={entry.by} />
                    </dd>
                  </>
                ) : null}
                {entry.reason ? (
                  <>
                    <dt>Reason</dt>
                    <dd className="facilitator-log__reason">{entry.reason}</dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
