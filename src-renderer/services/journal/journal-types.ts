// What the UI can ask of the journal (HearthApp.journal).
import type { DateRange, ExportFormat, JournalEntry, Mood } from '../../../src-shared/journal';
import type { ExportFile } from '../../../src-shared/ipc/contract';
import type { Progress } from '../progress';
import type { MeasureService } from './measure-types';

export type { DateRange, ExportFormat, JournalEntry, Mood };

/** What the editor hands in: the entry without its bookkeeping. `id` set means an edit. */
export interface EntryDraft {
  id?: string;
  kind: JournalEntry['kind'];
  /** Local date `YYYY-MM-DD` and time `HH:MM` on this computer's clock. */
  date: string;
  time: string;
  mood: JournalEntry['mood'];
  emotions: string[];
  sleep: string;
  energy: string;
  text: string;
}

export type ImportResult =
  | {
      ok: true;
      added: number;
      updated: number;
      unchanged: number;
      keptNewer: number;
      /** Questionnaire results that were new here. */
      measuresAdded: number;
    }
  | { ok: false; message: string };

export interface ReminderSettings {
  enabled: boolean;
  /** Local time `HH:MM` after which the reminder shows, until a check-in is made that day. */
  time: string;
  /** The short question the check-in opens with. */
  prompt: string;
}

export interface JournalService {
  /** Well-being questionnaires and their results, kept with the journal. */
  readonly measures: MeasureService;
  /** Every entry, newest first. The same array until something changes. */
  entries(): readonly JournalEntry[];
  /** Rows that could not be opened at unlock (damaged storage), for a calm notice. */
  damagedRows(): number;
  /** Saves a new entry or an edit; rejects with a user-facing message when the draft is invalid. */
  save(draft: EntryDraft): Promise<JournalEntry>;
  remove(id: string): Promise<void>;
  /** Reads a JSON export; a bad file changes nothing and returns a message. */
  importJson(bytes: Uint8Array): Promise<ImportResult>;
  /**
   * The export as a file (PDF drawn with pdf-lib), without saving it anywhere. `withEntries`
   * false makes the PDF a short summary (chart and questionnaires, no entry text); default true.
   */
  exportFile(
    format: ExportFormat,
    range: DateRange | null,
    withEntries?: boolean,
  ): Promise<ExportFile>;
  /** Exports and hands the file to the host (save dialog or download); false when cancelled. */
  exportTo(format: ExportFormat, range: DateRange | null, withEntries?: boolean): Promise<boolean>;
  /** A long operation (export, import) that is running, or null. */
  busy(): Progress | null;
  /** Today's date on this computer's clock, `YYYY-MM-DD`. */
  today(): string;
  reminder(): ReminderSettings;
  setReminder(settings: ReminderSettings): Promise<void>;
  /** The reminder is on, its time has come today, and no check-in was made or dismissed today. */
  reminderDue(): boolean;
  dismissReminder(): Promise<void>;
}
