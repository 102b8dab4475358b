import { useId } from 'react';
import type { CircleResourceEntry } from '../../../src-shared/records/resources-body';
import { useHearthSnapshot } from '../../app/HearthContext';
import type { HearthApp } from '../../services/types';
import { CircleResourceItem } from './CircleResourceItem';

/** Said under every circle's list: nobody has checked these but the people who added them. */
export const CIRCLE_RESOURCES_NOTE =
  'Your circle’s facilitators added these. Unlike the lists above, Hearth has not checked them.';

interface CircleResources {
  localId: string;
  name: string;
  entries: readonly CircleResourceEntry[];
}

/** Every open circle with resources, in the order of the circle list; none while locked. */
function circlesWithResources(app: HearthApp): CircleResources[] {
  const out: CircleResources[] = [];
  for (const c of app.circles()) {
    const resources = app.circleView(c.localId)?.resources;
    if (resources) out.push({ localId: c.localId, name: c.name, entries: resources.entries });
  }
  return out;
}

/** Same circles, same lists (the views' resources are replaced when they change). */
const sameLists = (a: CircleResources[], b: CircleResources[]): boolean =>
  a.length === b.length &&
  a.every(
    (x, i) => x.localId === b[i]!.localId && x.name === b[i]!.name && x.entries === b[i]!.entries,
  );

/** In "Get help now", after the shipped lists: what each of the person's circles added. */
export function CircleResourcesSections() {
  const circles = useHearthSnapshot(circlesWithResources, sameLists);
  return circles.map((c) => <CircleSection key={c.localId} circle={c} />);
}

function CircleSection({ circle }: { circle: CircleResources }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} data-testid="help-circle-resources">
      <h3 id={headingId} className="get-help__heading">
        From {circle.name}’s facilitators
      </h3>
      <ul className="get-help__list">
        {circle.entries.map((entry, i) => (
          <CircleResourceItem key={`${i}-${entry.name}`} entry={entry} />
        ))}
      </ul>
      <p className="get-help__note">{CIRCLE_RESOURCES_NOTE}</p>
    </section>
  );
}
