import { format, parseISO } from 'date-fns';
import { ResourceWays } from './ResourceWays';

/** One crisis line, service or directory as the shipped data describes it. */
export interface ResourceEntryData {
  name: string;
  phone?: string;
  text?: string;
  web?: string;
  hours?: string;
  languages?: readonly string[];
  for?: string;
  description?: string;
  source: string;
  checked: string;
}

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' });
  } catch {
    return null;
  }
})();

/** A list item: how to reach the service, when, in which languages, and when it was checked. */
export function ResourceEntry({ entry }: { entry: ResourceEntryData }) {
  const languages = (entry.languages ?? []).map((code) => languageNames?.of(code) ?? code);
  return (
    <li className="resource" data-testid="help-resource">
      <p className="resource__name">{entry.name}</p>
      {entry.for ? <p className="resource__for">For {entry.for}</p> : null}
      {entry.description ? <p>{entry.description}</p> : null}
      <ResourceWays
        entry={entry}
        extra={
          languages.length > 0 ? (
            <>
              <dt>Languages</dt>
              <dd>{languages.join(', ')}</dd>
            </>
          ) : null
        }
      />
      <p className="resource__checked">
        Checked {format(parseISO(entry.checked), 'd MMM yyyy')} against{' '}
        {new URL(entry.source).hostname}
      </p>
    </li>
  );
}
