import type { CircleResourceEntry } from '../../../src-shared/records/resources-body';
import { ResourceWays } from './ResourceWays';

/**
 * One support line a circle's facilitators added: how to reach it, when, and their note. Laid out
 * like the shipped entries (ResourceEntry), without a source or check date, since it has neither.
 */
export function CircleResourceItem({ entry }: { entry: CircleResourceEntry }) {
  return (
    <li className="resource" data-testid="circle-resource">
      <p className="resource__name">{entry.name}</p>
      <ResourceWays entry={entry} />
      {entry.note ? <p className="resource__note">{entry.note}</p> : null}
    </li>
  );
}
