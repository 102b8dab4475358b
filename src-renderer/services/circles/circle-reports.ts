// Private reports (issue 17): a member tells the circle's current facilitators about a message or
// a member, and a facilitator tells the reporter what became of it. Both travel as private notes
// (src-shared/records/private-note.ts): only the recipients can read them, and nobody else can
// tell who wrote them. The checks here give the person a clear message before anything is sent.
import { reportRecipients, type Report } from '../../../src-shared/circle/report-desk';
import { fromBase64Url } from '../../../src-shared/bytes';
import {
  draftPrivateNote,
  MAX_REPORT_DETAILS_CHARS,
  type NoteDraft,
  type ReportConcern,
  type ReportOutcome,
} from '../../../src-shared/records/private-note';
import type { CircleSession } from './circle-session';
import { facilitatorOnly } from './circle-facilitation';

/** What a report is about: a member, and one of their messages if it is about a message. */
export interface ReportAbout {
  member: string;
  message: string | null;
}

/** The current facilitators' keys. */
function facilitatorsOf(session: CircleSession): string[] {
  return [...session.ledger.members.values()]
    .filter((m) => m.role === 'facilitator')
    .map((m) => m.key);
}

/** Seals `draft` to `recipients` and writes it to the log, unlinked from us. */
async function writeNote(
  session: CircleSession,
  recipients: readonly string[],
  draft: NoteDraft,
): Promise<void> {
  const { circleId, epoch, keys } = session.authoring();
  const keysOf = recipients.map((k) => fromBase64Url(k)).filter((k) => k !== null);
  const note = draftPrivateNote({ circleId, epoch, ts: Date.now() }, keys, keysOf, draft);
  session.appendNote(note);
  await session.persist();
}

/**
 * Sends a report about a member (or one of their messages) to the circle's current facilitators,
 * leaving out the member reported if they are one. Refused, with a message that says why, when
 * there is nobody else to read it.
 */
export async function sendReport(
  session: CircleSession,
  about: ReportAbout,
  concern: ReportConcern,
  details: string,
): Promise<void> {
  if (about.member === session.myKey) throw new Error('You cannot report yourself.');
  if (!session.ledger.people.has(about.member))
    throw new Error('This person is not part of the circle.');
  if (about.message !== null && !session.ledger.has({ author: about.member, id: about.message }))
    throw new Error('This message is not in the circle any more.');
  const text = details.trim();
  if (text.length > MAX_REPORT_DETAILS_CHARS)
    throw new Error(`Please keep the details to ${MAX_REPORT_DETAILS_CHARS} characters or fewer.`);
  const to = reportRecipients(facilitatorsOf(session), about.member, session.myKey);
  if (to.length === 0)
    throw new Error(
      'There is no other facilitator in this circle who could read this report. ' +
        'You can still block this person, and Get help is always there.',
    );
  await writeNote(session, to, { type: 'report', to, about, concern, details: text });
}

/**
 * Tells the reporter (and the other facilitators the report went to) what became of a report:
 * acted on, or reviewed. The reporter learns only that, not who answered or what was done.
 */
export async function answerReport(
  session: CircleSession,
  reportId: string,
  outcome: ReportOutcome,
): Promise<void> {
  facilitatorOnly(session);
  const report: Report | undefined = session
    .view()
    .reports.inbox.find((r: Report) => r.id === reportId);
  if (!report) throw new Error('This report is not one you can answer.');
  const current = new Set(facilitatorsOf(session));
  const to = [report.reporter, ...report.to.filter((k) => current.has(k))];
  await writeNote(session, to, { type: 'outcome', report: reportId, outcome });
}
