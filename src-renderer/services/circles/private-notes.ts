// The private notes of one open circle (records/private-note.ts): opens the ones sealed to this
// member and keeps what they say in a ReportDesk. Notes for others stay closed; they are stored
// and passed on like any record, and this device learns nothing from them.
import { ReportDesk, type ReportsView } from '../../../src-shared/circle/report-desk';
import type { CircleLedger } from '../../../src-shared/circle/ledger';
import type { MemberKeys } from '../../../src-shared/crypto/keys';
import { openPrivateNote, type PrivateNote } from '../../../src-shared/records/private-note';
import type { RecordOf } from '../../../src-shared/records/schema';

export class PrivateNotes {
  private readonly desk: ReportDesk;
  /** Carrier ids tried already: a note is opened once, whatever path brought it. */
  private readonly tried = new Set<string>();

  constructor(
    myKey: string,
    private readonly keys: MemberKeys,
    private readonly changed: () => void,
  ) {
    this.desk = new ReportDesk(myKey);
  }

  /** Opens the notes sealed to us among `records`; the rest are left as they are. */
  take(records: readonly RecordOf<'private-note'>[]): void {
    const opened: PrivateNote[] = [];
    for (const record of records) {
      const id = `${record.author}/${record.id}`;
      if (this.tried.has(id)) continue;
      this.tried.add(id);
      const note = openPrivateNote(record, this.keys);
      if (note) opened.push(note);
    }
    if (opened.length === 0) return;
    this.desk.take(opened);
    this.changed();
  }

  /** The reports this member can see (report-desk.ts), judged against who was a member when. */
  view(ledger: Pick<CircleLedger, 'people' | 'departures' | 'membersVersion'>): ReportsView {
    const wasMember = (key: string, ts: number) => {
      const gone = ledger.departures.get(key);
      return ledger.people.has(key) && (!gone || ts < gone.at);
    };
    return this.desk.view({ wasMember }, ledger.membersVersion);
  }
}
