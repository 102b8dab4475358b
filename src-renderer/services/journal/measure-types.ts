// What the UI can ask of the well-being questionnaires (HearthApp.journal.measures).
import type { InstrumentId, MeasureResult } from '../../../src-shared/journal';

export type { InstrumentId, MeasureResult };

export interface MeasureSettings {
  /** The questionnaires the person chose to take regularly; none until they choose. */
  chosen: InstrumentId[];
  /** How many days between two of the same questionnaire (they ask about the last two weeks). */
  everyDays: number;
}

export interface MeasureService {
  /** Every result, oldest first. The same array until something changes. */
  results(): readonly MeasureResult[];
  /** Rows that could not be opened at unlock (damaged storage). */
  damagedRows(): number;
  /**
   * Scores and seals a completed questionnaire, with the answer to its closing question if one
   * was given; rejects with a calm message when an answer is missing.
   */
  save(
    instrument: InstrumentId,
    answers: readonly (number | null)[],
    closing?: number | null,
  ): Promise<MeasureResult>;
  settings(): MeasureSettings;
  setSettings(next: MeasureSettings): Promise<void>;
  /** Chosen questionnaires whose time has come, unless put aside today with "Not now". */
  due(): readonly InstrumentId[];
  dismissReminder(): Promise<void>;
}
