// Questionnaire results kept like journal entries: decrypted in memory while the vault is
// open, each sealed to IndexedDB before memory changes, nothing kept after lock. Results are
// never edited; an import adds the ones whose id is new here.
import { randomId } from '../../../src-shared/crypto/keys';
import {
  closingAsked,
  compareOldestFirst,
  INSTRUMENT_IDS,
  MeasureResultSchema,
  nextDue,
  scoreAnswers,
  type InstrumentId,
  type MeasureResult,
} from '../../../src-shared/journal';
import { localNow } from './clock';
import type { JournalStore } from './journal-store';
import type { MeasureService, MeasureSettings } from './measure-types';

export const DEFAULT_MEASURE_SETTINGS: MeasureSettings = { chosen: [], everyDays: 14 };
export const MEASURE_INTERVALS = [7, 14, 28] as const;

interface StoredSettings extends MeasureSettings {
  /** The local date the reminder was last put aside with "Not now". */
  dismissedOn: string | null;
}

export class MeasureBook implements MeasureService {
  private byId = new Map<string, MeasureResult>();
  private sorted: readonly MeasureResult[] = [];
  private damaged = 0;
  private state: StoredSettings = { ...DEFAULT_MEASURE_SETTINGS, dismissedOn: null };
  private dueNow: readonly InstrumentId[] = [];
  private dueDay = '';
  private opened = false;

  constructor(
    private readonly store: JournalStore,
    private readonly now: () => Date,
    private readonly onChange: () => void,
  ) {}

  async open(): Promise<void> {
    const { results, damaged } = await this.store.loadMeasures();
    this.byId = new Map(results.map((r) => [r.id, r]));
    this.damaged = damaged;
    const saved = await this.store.loadPref<StoredSettings>('measures').catch(() => undefined);
    this.state = { ...DEFAULT_MEASURE_SETTINGS, dismissedOn: null, ...saved };
    this.opened = true;
    this.changed();
  }

  close(): void {
    this.opened = false;
    this.byId = new Map();
    this.sorted = [];
    this.damaged = 0;
    this.state = { ...DEFAULT_MEASURE_SETTINGS, dismissedOn: null };
    this.dueNow = [];
    this.dueDay = '';
  }

  results(): readonly MeasureResult[] {
    return this.sorted;
  }

  damagedRows(): number {
    return this.damaged;
  }

  async save(
    instrument: InstrumentId,
    answers: readonly (number | null)[],
    closing?: number | null,
  ): Promise<MeasureResult> {
    const scored = scoreAnswers(instrument, answers);
    if (!scored.ok)
      throw new Error(
        `Please answer every question before finishing (${scored.missing.length === 1 ? 'question' : 'questions'} ${scored.missing.join(', ')}).`,
      );
    const when = this.now();
    const parsed = MeasureResultSchema.parse({
      id: randomId(12),
      instrument,
      at: when.toISOString(),
      date: localNow(when).date,
      answers: [...answers],
      // Kept only where it was asked: answers changed back to all "Not at all" take it away.
      ...(closing != null && closingAsked(instrument, answers) ? { closing } : {}),
    });
    await this.store.putMeasures([parsed]);
    this.byId.set(parsed.id, parsed);
    this.changed();
    return parsed;
  }

  /** Of `incoming`, the results whose id is new here: an import adds only those (never edits). */
  newResults(incoming: readonly MeasureResult[]): MeasureResult[] {
    return incoming.filter((r) => !this.byId.has(r.id));
  }

  /** Takes results an import has just written to the store. */
  adopt(written: readonly MeasureResult[]): void {
    if (written.length === 0) return;
    for (const r of written) this.byId.set(r.id, r);
    this.changed();
  }

  settings(): MeasureSettings {
    return { chosen: this.state.chosen, everyDays: this.state.everyDays };
  }

  async setSettings(next: MeasureSettings): Promise<void> {
    this.requireOpen();
    if (!MEASURE_INTERVALS.includes(next.everyDays as (typeof MEASURE_INTERVALS)[number]))
      throw new Error('Please choose how often: every week, two weeks or four weeks.');
    const chosen = INSTRUMENT_IDS.filter((id) => next.chosen.includes(id));
    await this.saveState({ ...this.state, chosen, everyDays: next.everyDays });
  }

  due(): readonly InstrumentId[] {
    // A day may have turned since the last change; the next look sees it.
    if (localNow(this.now()).date !== this.dueDay) this.refresh();
    return this.dueNow;
  }

  async dismissReminder(): Promise<void> {
    this.requireOpen();
    await this.saveState({ ...this.state, dismissedOn: localNow(this.now()).date });
  }

  private refresh(): void {
    const today = localNow(this.now()).date;
    this.dueDay = today;
    const due =
      this.state.dismissedOn === today
        ? []
        : this.state.chosen.filter(
            (id) => nextDue(this.sorted, id, this.state.everyDays, today) <= today,
          );
    // The same array while nothing changed, so the UI re-renders only on a change.
    if (due.join() !== this.dueNow.join()) this.dueNow = due;
  }

  private requireOpen(): void {
    if (!this.opened) throw new Error('The journal is locked.');
  }

  private async saveState(next: StoredSettings): Promise<void> {
    await this.store.savePref('measures', next);
    this.state = next;
    this.refresh();
    this.onChange();
  }

  private changed(): void {
    this.sorted = [...this.byId.values()].sort(compareOldestFirst);
    this.refresh();
    this.onChange();
  }
}
