// The journal service: entries decrypted in memory while the vault is open (5,000 entries are
// a few megabytes), every change sealed to IndexedDB before memory changes, nothing kept
// after lock. Exports go to the host; the daily reminder is a timer while unlocked.
import { randomId } from '../../../src-shared/crypto/keys';
import {
  compareNewestFirst,
  csvBytes,
  EXPORT_TYPES,
  exportFileName,
  journalToHtml,
  jsonBytes,
  JournalEntrySchema,
  LocalDate,
  LocalTime,
  localParts,
  markdownBytes,
  parseJournalFile,
  planImport,
  type ExportInput,
  type JournalEntry,
} from '../../../src-shared/journal';
import type { ExportFile } from '../../../src-shared/ipc/contract';
import type { HostBridge } from '../../host/host-bridge';
import type { Progress } from '../types';
import { instantOf, localNow, msUntil, utcOffsetAt } from './clock';
import type { JournalStore } from './journal-store';
import { MeasureBook } from './measure-book';
import type { MakePdf } from './pdf-maker';
import type {
  DateRange,
  EntryDraft,
  ExportFormat,
  ImportResult,
  JournalService,
  ReminderSettings,
} from './journal-types';

export const DEFAULT_REMINDER: ReminderSettings = {
  enabled: false,
  time: '20:00',
  prompt: 'How are you feeling today?',
};
const MAX_PROMPT_CHARS = 200;

interface ReminderState extends ReminderSettings {
  /** The local date the reminder was last put aside with "Not now". */
  dismissedOn: string | null;
}

export interface JournalDeps {
  store: JournalStore;
  host: Pick<HostBridge, 'saveExport' | 'printToPdf'>;
  /** Draws the PDF export (in a worker in the app, inline in tests). */
  makePdf: MakePdf;
  onChange: () => void;
  /** Called when the reminder comes due (a desktop notification in Electron); the in-app banner shows either way. */
  remind?: () => void;
  now?: () => Date;
  /** Lets the UI repaint during a long export (a macrotask in the app). */
  yieldToUi?: () => Promise<void>;
}

export class Journal implements JournalService {
  private byId = new Map<string, JournalEntry>();
  private sorted: readonly JournalEntry[] = [];
  private damaged = 0;
  private progress: Progress | null = null;
  private settings: ReminderState = { ...DEFAULT_REMINDER, dismissedOn: null };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private opened = false;
  private readonly now: () => Date;
  private readonly yieldToUi: () => Promise<void>;
  readonly measures: MeasureBook;

  constructor(private readonly deps: JournalDeps) {
    this.now = deps.now ?? (() => new Date());
    this.yieldToUi = deps.yieldToUi ?? (() => new Promise((r) => setTimeout(r, 0)));
    this.measures = new MeasureBook(deps.store, this.now, deps.onChange);
  }

  /** After unlock: loads and decrypts everything. */
  async open(): Promise<void> {
    const { entries, damaged } = await this.deps.store.loadAll();
    this.byId = new Map(entries.map((e) => [e.id, e]));
    this.damaged = damaged;
    this.settings = {
      ...DEFAULT_REMINDER,
      dismissedOn: null,
      ...(await this.deps.store.loadPref<ReminderState>('reminder').catch(() => undefined)),
    };
    await this.measures.open();
    this.opened = true;
    this.changed();
    this.schedule();
  }

  /** On lock: forgets every entry and stops the reminder. */
  close(): void {
    this.opened = false;
    this.measures.close();
    this.byId = new Map();
    this.sorted = [];
    this.damaged = 0;
    this.progress = null;
    this.settings = { ...DEFAULT_REMINDER, dismissedOn: null };
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  entries(): readonly JournalEntry[] {
    return this.sorted;
  }

  damagedRows(): number {
    return this.damaged;
  }

  today(): string {
    return localNow(this.now()).date;
  }

  async save(draft: EntryDraft): Promise<JournalEntry> {
    this.requireOpen();
    const previous = draft.id ? this.byId.get(draft.id) : undefined;
    if (draft.id && !previous)
      throw new Error('This entry no longer exists. It may have been deleted.');
    if (!LocalDate.safeParse(draft.date).success || !LocalTime.safeParse(draft.time).success)
      throw new Error('Please choose a date and a time.');
    // An edit that keeps the date and time keeps the moment it was written on, even if this
    // computer's clock is now in another time zone.
    const sameMoment =
      previous !== undefined && previous.date === draft.date && previous.time === draft.time;
    const when = sameMoment ? new Date(previous.at) : instantOf(draft.date, draft.time);
    const utcOffset = sameMoment ? previous.utcOffset : utcOffsetAt(when);
    const at = when.toISOString();
    const now = this.now().toISOString();
    // updatedAt decides which version wins on import: it must move forward with every edit.
    const updatedAt =
      previous && now <= previous.updatedAt
        ? new Date(Date.parse(previous.updatedAt) + 1).toISOString()
        : now;
    const candidate = {
      id: previous?.id ?? randomId(12),
      kind: draft.kind,
      at,
      ...localParts(at, utcOffset),
      utcOffset,
      mood: draft.mood,
      emotions: [...new Set(draft.emotions.map((t) => t.trim()).filter(Boolean))],
      sleep: draft.sleep.trim(),
      energy: draft.energy.trim(),
      text: draft.text,
      createdAt: previous?.createdAt ?? now,
      updatedAt,
    };
    const parsed = JournalEntrySchema.safeParse(candidate);
    if (!parsed.success) throw new Error(draftProblem(parsed.error.issues[0]?.path[0]));
    await this.deps.store.putAll([parsed.data]);
    this.byId.set(parsed.data.id, parsed.data);
    this.changed();
    if (parsed.data.kind === 'check-in') this.schedule();
    return parsed.data;
  }

  async remove(id: string): Promise<void> {
    this.requireOpen();
    await this.deps.store.delete(id);
    this.byId.delete(id);
    this.changed();
  }

  async importJson(bytes: Uint8Array): Promise<ImportResult> {
    this.requireOpen();
    return this.withProgress('Importing your journal…', async () => {
      const parsed = parseJournalFile(bytes);
      if (!parsed.ok) return parsed;
      const plan = planImport(this.byId, parsed.entries);
      const writes = [...plan.add, ...plan.replace];
      const results = this.measures.newResults(parsed.measures);
      // One transaction: a failed write (a full disk) leaves neither entries nor results half in.
      if (writes.length + results.length > 0) await this.deps.store.putImport(writes, results);
      for (const e of writes) this.byId.set(e.id, e);
      this.measures.adopt(results);
      const measuresAdded = results.length;
      this.changed();
      return {
        ok: true,
        added: plan.add.length,
        updated: plan.replace.length,
        unchanged: plan.unchanged,
        keptNewer: plan.keptNewer,
        measuresAdded,
      } as const;
    });
  }

  async exportFile(
    format: ExportFormat,
    range: DateRange | null,
    withEntries = true,
  ): Promise<ExportFile> {
    this.requireOpen();
    return this.withProgress(`Preparing the ${EXPORT_TYPES[format].label} file…`, () =>
      this.build(format, range, withEntries),
    );
  }

  async exportTo(
    format: ExportFormat,
    range: DateRange | null,
    withEntries = true,
  ): Promise<boolean> {
    this.requireOpen();
    const printToPdf = this.deps.host.printToPdf;
    if (format === 'pdf' && printToPdf) {
      // The desktop app prints the HTML rendering in main: real fonts, emoji and all.
      const input = this.exportInput(range, withEntries);
      return this.withProgress('Preparing the PDF…', () =>
        printToPdf({
          suggestedName: exportFileName('pdf', range, this.today()),
          html: journalToHtml(input),
        }),
      );
    }
    const file = await this.exportFile(format, range, withEntries);
    return this.deps.host.saveExport(file);
  }

  busy(): Progress | null {
    return this.progress;
  }

  reminder(): ReminderSettings {
    const { enabled, time, prompt } = this.settings;
    return { enabled, time, prompt };
  }

  async setReminder(next: ReminderSettings): Promise<void> {
    this.requireOpen();
    if (!LocalTime.safeParse(next.time).success)
      throw new Error('Please choose a time for the reminder.');
    const prompt = next.prompt.trim().slice(0, MAX_PROMPT_CHARS) || DEFAULT_REMINDER.prompt;
    await this.saveSettings({ ...this.settings, enabled: next.enabled, time: next.time, prompt });
  }

  reminderDue(): boolean {
    if (!this.opened || !this.settings.enabled) return false;
    const { date, time } = localNow(this.now());
    if (time < this.settings.time || this.settings.dismissedOn === date) return false;
    return !this.sorted.some((e) => e.kind === 'check-in' && e.date === date);
  }

  async dismissReminder(): Promise<void> {
    this.requireOpen();
    await this.saveSettings({ ...this.settings, dismissedOn: this.today() });
  }

  private async saveSettings(next: ReminderState): Promise<void> {
    await this.deps.store.savePref('reminder', next);
    this.settings = next;
    this.deps.onChange();
    this.schedule();
  }

  /** Wakes the UI when the reminder time comes (and again each day while unlocked). */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.opened || !this.settings.enabled) return;
    this.timer = setTimeout(
      () => {
        this.deps.onChange();
        if (this.reminderDue()) this.deps.remind?.();
        this.schedule();
      },
      msUntil(this.now(), this.settings.time),
    );
  }

  private exportInput(range: DateRange | null, withEntries = true): ExportInput {
    return {
      entries: this.sorted,
      measures: this.measures.results(),
      withEntries,
      range,
      exportedAt: this.now().toISOString(),
    };
  }

  private async build(
    format: ExportFormat,
    range: DateRange | null,
    withEntries: boolean,
  ): Promise<ExportFile> {
    const input = this.exportInput(range, withEntries);
    const { mimeType } = EXPORT_TYPES[format];
    const suggestedName = exportFileName(format, range, this.today());
    await this.yieldToUi(); // let the progress bar show before the work starts
    switch (format) {
      case 'markdown':
        return { suggestedName, mimeType, bytes: markdownBytes(input) };
      case 'json':
        return { suggestedName, mimeType, bytes: jsonBytes(input) };
      case 'csv':
        return { suggestedName, mimeType, bytes: csvBytes(input) };
      case 'pdf': {
        const bytes = await this.deps.makePdf(input, (fraction) => {
          this.progress = { label: 'Preparing the PDF…', fraction };
          this.deps.onChange();
        });
        return { suggestedName, mimeType, bytes };
      }
    }
  }

  private async withProgress<T>(label: string, task: () => Promise<T>): Promise<T> {
    if (this.progress)
      throw new Error('Please wait: the journal is still busy with the last export or import.');
    this.progress = { label, fraction: null };
    this.deps.onChange();
    try {
      return await task();
    } finally {
      this.progress = null;
      this.deps.onChange();
    }
  }

  private changed(): void {
    this.sorted = [...this.byId.values()].sort(compareNewestFirst);
    this.deps.onChange();
  }

  private requireOpen(): void {
    if (!this.opened) throw new Error('The journal is locked.');
  }
}

function draftProblem(field: unknown): string {
  switch (field) {
    case 'text':
      return 'This entry is too long to save. Please split it into two entries.';
    case 'emotions':
      return 'Please use at most 20 emotion words, each up to 40 characters.';
    case 'sleep':
    case 'energy':
      return 'Please keep the sleep and energy notes to 500 characters each.';
    case 'mood':
      return 'Please choose a mood from 1 to 5, or none.';
    default:
      return 'Please check the date and time.';
  }
}
