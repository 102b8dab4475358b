// From what a facilitator typed to the entries of a `resources` record (records/resources-body.ts),
// with a calm message for each field the schema would refuse. The record schema decides; this
// only tidies the typing (spaces, empty fields, a web address typed without https://) and words
// the refusals, so that the editor can show them next to the field they are about.
import {
  CircleResourceEntry,
  MAX_CIRCLE_RESOURCES,
  RESOURCE_FIELDS,
  RESOURCE_LIMITS,
  ResourcePhone,
  ResourceWeb,
  type ResourceField,
} from '../records/resources-body';

/** One entry as typed: every field a string, '' for "not given". */
export type ResourceDraft = Record<ResourceField, string>;

/** What is wrong with one entry, by field; `reach` when it has no phone, text or web. */
export type ResourceProblems = Partial<Record<ResourceField | 'reach', string>>;

export type ResourceCheck =
  | { ok: true; entries: CircleResourceEntry[] }
  | { ok: false; message: string; problems: ResourceProblems[] };

/** An empty draft, for a new entry. */
export const emptyResourceDraft = (): ResourceDraft => ({
  name: '',
  phone: '',
  text: '',
  web: '',
  hours: '',
  note: '',
});

/** A stored entry as a draft, for editing. */
export function draftOf(entry: CircleResourceEntry): ResourceDraft {
  const draft = emptyResourceDraft();
  for (const field of RESOURCE_FIELDS) draft[field] = entry[field] ?? '';
  return draft;
}

/** `example.org/help` means https://example.org/help; anything with a scheme is left as typed. */
function webAddress(typed: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' ? url.href : typed;
  } catch {
    return typed;
  }
}

function webProblem(web: string): string | undefined {
  if (ResourceWeb.safeParse(web).success) return undefined;
  if (web.length > RESOURCE_LIMITS.web)
    return `A web address can be up to ${RESOURCE_LIMITS.web} characters.`;
  let url: URL | null = null;
  try {
    url = new URL(web);
  } catch {
    // not an address at all: the general message below
  }
  if (url && (url.username !== '' || url.password !== ''))
    return 'This address has a name or password in it. Please give the plain address.';
  return 'Please give a web address that starts with https:// (Hearth links only to secure sites).';
}

const LENGTH_TEXT: Record<Exclude<ResourceField, 'phone' | 'web'>, string> = {
  name: 'A name',
  text: 'A text or chat line',
  hours: 'Opening hours',
  note: 'A note',
};

/** Tidies one draft: spaces trimmed, empty fields left out, a bare web address given https://. */
function tidy(draft: ResourceDraft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of RESOURCE_FIELDS) {
    const value = draft[field].trim();
    if (value !== '') out[field] = field === 'web' ? webAddress(value) : value;
  }
  return out;
}

function problemsOf(entry: Record<string, string>): ResourceProblems {
  const problems: ResourceProblems = {};
  for (const field of ['name', 'text', 'hours', 'note'] as const) {
    const value = entry[field];
    if (field === 'name' && value === undefined) problems.name = 'Please give the service a name.';
    else if (value !== undefined && value.length > RESOURCE_LIMITS[field])
      problems[field] =
        `${LENGTH_TEXT[field]} can be up to ${RESOURCE_LIMITS[field]} characters (this one has ${value.length}).`;
  }
  if (entry.phone !== undefined && !ResourcePhone.safeParse(entry.phone).success)
    problems.phone = `A phone number can have digits, spaces, +, - and brackets, up to ${RESOURCE_LIMITS.phone} characters.`;
  if (entry.web !== undefined) problems.web = webProblem(entry.web);
  if (entry.phone === undefined && entry.text === undefined && entry.web === undefined)
    problems.reach =
      'Please add at least one way to reach this service: a phone number, a text or chat line, or a web address.';
  for (const key of Object.keys(problems) as (keyof ResourceProblems)[])
    if (problems[key] === undefined) delete problems[key];
  return problems;
}

/**
 * The entries a `resources` record may carry, made from `drafts`; or a message and, for each
 * draft, what is wrong with it. Never ok for anything CircleResourceEntry would refuse.
 */
export function checkResourceDrafts(drafts: readonly ResourceDraft[]): ResourceCheck {
  if (drafts.length > MAX_CIRCLE_RESOURCES)
    return {
      ok: false,
      message: `A circle can list up to ${MAX_CIRCLE_RESOURCES} resources. Please remove one first.`,
      problems: drafts.map(() => ({})),
    };
  const tidied = drafts.map(tidy);
  const parsed = tidied.map((entry) => CircleResourceEntry.safeParse(entry));
  const entries: CircleResourceEntry[] = [];
  for (const p of parsed) if (p.success) entries.push(p.data);
  if (entries.length === parsed.length) return { ok: true, entries };
  const problems = tidied.map((entry, i) =>
    parsed[i]!.success ? {} : withFallback(problemsOf(entry)),
  );
  // The first problem, spelled out: what a caller without the per-field view can show.
  const first = problems.findIndex((p) => Object.keys(p).length > 0);
  const what = Object.values(problems[first]!)[0];
  return { ok: false, message: `Resource ${first + 1} needs a change: ${what}`, problems };
}

/** The schema refused the entry but no rule above says why: say so on its name, not nowhere. */
function withFallback(problems: ResourceProblems): ResourceProblems {
  return Object.keys(problems).length > 0
    ? problems
    : { name: 'Something in this resource could not be saved. Please check each field.' };
}
