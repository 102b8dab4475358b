import { useId, useState } from 'react';
import {
  internationalDirectories,
  regions,
  resourcesFor,
} from '../../../src-shared/safety/crisis-resources';
import { SelectField } from '../../ui/SelectField';
import { CircleResourcesSections } from './CircleResourcesSections';
import { initialRegion, rememberRegion } from './region-choice';
import { ResourceEntry } from './ResourceEntry';

/**
 * Crisis lines and services for the person's region, shipped with the app and shown offline. The
 * region is the person's choice, suggested from the system's languages; every region also shows
 * its emergency number and the international directories, then what the person's circles added.
 * Shown in "Get help now" and wherever an answer says someone may need help at once.
 */
export function HelpResources() {
  const [region, setRegion] = useState<string | null>(() => initialRegion());
  const listId = useId();
  const chosen = region === null ? null : resourcesFor(region);
  const choose = (code: string) => {
    setRegion(code === '' ? null : code);
    if (code !== '') rememberRegion(code);
  };
  return (
    <>
      <SelectField
        label="Your country or region"
        value={region ?? ''}
        onChange={(e) => choose(e.target.value)}
        options={[
          { value: '', label: 'Choose…' },
          ...regions().map((r) => ({ value: r.code, label: r.name })),
        ]}
        data-testid="help-region"
      />
      {chosen ? (
        <section aria-labelledby={listId} data-testid="help-region-resources">
          <h3 id={listId} className="get-help__heading">
            {chosen.name}
          </h3>
          <p className="get-help__emergency" data-testid="help-emergency">
            Emergency: <strong>{chosen.emergency.map((e) => e.number).join(' or ')}</strong>
          </p>
          <ul className="get-help__list">
            {chosen.services.map((service) => (
              <ResourceEntry key={service.name} entry={service} />
            ))}
          </ul>
        </section>
      ) : (
        <p>Choose where you are to see crisis lines you can call or text.</p>
      )}
      <section aria-label="Anywhere in the world">
        <h3 className="get-help__heading">Anywhere in the world</h3>
        <ul className="get-help__list">
          {internationalDirectories().map((d) => (
            <ResourceEntry key={d.name} entry={d} />
          ))}
        </ul>
      </section>
      <CircleResourcesSections />
    </>
  );
}
