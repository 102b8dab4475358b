// What one member knows of reports (issue 17): the reports sealed to them as a facilitator, the
// reports they sent, and what became of each. Built from the private notes this member could open
// (records/private-note.ts); every other member's desk holds none of this.
import type {
  OutcomeNote,
  PrivateNote,
  ReportConcern,
  ReportNote,
  ReportOutcome,
} from '../records/private-note';

/** A report as this member may see it, with its latest answer. */
export interface Report {
  id: string;
  reporter: string;
  /** The facilitators it was sealed to. */
  to: readonly string[];
  about: { member: string; message: string | null };
  concern: ReportConcern;
  details: string;
  ts: number;
  outcome: { outcome: ReportOutcome; by: string; at: number } | null;
}

/** The reports this member can see: those sealed to them, and their own. */
export interface ReportsView {
  /** Reports to this member as a facilitator, newest first. */
  inbox: readonly Report[];
  /** Reports this member sent, newest first. */
  mine: readonly Report[];
}

/** Who may send or answer reports, as the circle's membership says now. */
export interface ReportJudge {
  /**
   * Whether `key` was a member at `ts`: let in, and not yet removed or gone. A report from anyone
   * else is not shown (someone removed keeps old keys, and must not go on writing to facilitators).
   */
  wasMember(key: string, ts: number): boolean;
}

/**
 * Facilitators a report about `subject` goes to: every current facilitator but the subject (a
 * report about a facilitator goes to the others). Empty when there is nobody else to read it.
 */
export function reportRecipients(
  facilitators: Iterable<string>,
  subject: string,
  reporter: string,
): string[] {
  return [...facilitators].filter((k) => k !== subject && k !== reporter).sort();
}

export class ReportDesk {
  private readonly reports = new Map<string, ReportNote>();
  private readonly outcomes = new Map<string, OutcomeNote[]>();
  private version = 0;
  private cached: { version: number; view: ReportsView } | null = null;

  constructor(private readonly myKey: string) {}

  /** Takes notes this member opened; a note id seen before is ignored (only its writer could make another). */
  take(notes: readonly PrivateNote[]): void {
    for (const note of notes) {
      if (note.type === 'report') {
        if (this.reports.has(note.note)) continue;
        this.reports.set(note.note, note);
      } else {
        const list = this.outcomes.get(note.report) ?? [];
        if (list.some((o) => o.note === note.note)) continue;
        list.push(note);
        this.outcomes.set(note.report, list);
      }
      this.version++;
    }
  }

  /**
   * The reports this member can see. A report counts if its writer was a member when writing; an answer
   * counts only from a facilitator the report was sealed to, and the latest one is shown.
   */
  view(judge: ReportJudge, membersVersion: number): ReportsView {
    const version = this.version * 1_000_003 + membersVersion;
    if (this.cached?.version === version) return this.cached.view;
    const inbox: Report[] = [];
    const mine: Report[] = [];
    for (const r of this.reports.values()) {
      if (!judge.wasMember(r.author, r.ts)) continue;
      const report = this.reportOf(r);
      if (r.author === this.myKey) mine.push(report);
      if (r.to.includes(this.myKey)) inbox.push(report);
    }
    const newestFirst = (a: Report, b: Report) => b.ts - a.ts || (a.id < b.id ? -1 : 1);
    const view = { inbox: inbox.sort(newestFirst), mine: mine.sort(newestFirst) };
    this.cached = { version, view };
    return view;
  }

  private reportOf(r: ReportNote): Report {
    let outcome: Report['outcome'] = null;
    for (const o of this.outcomes.get(r.note) ?? []) {
      if (!r.to.includes(o.author)) continue;
      if (!outcome || o.ts > outcome.at) outcome = { outcome: o.outcome, by: o.author, at: o.ts };
    }
    return {
      id: r.note,
      reporter: r.author,
      to: r.to,
      about: r.about,
      concern: r.concern,
      details: r.details,
      ts: r.ts,
      outcome,
    };
  }
}
