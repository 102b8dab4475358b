import { useId, useState } from 'react';
import {
  internationalDirectories,
  regions,
  resourcesFor,
} from '../../../src-shared/safety/crisis-resources';
import { Dialog } from '../../ui/Dialog';
import { SelectField } from '../../ui/SelectField';
import { initialRegion, rememberRegion } from './region-choice';
import { ResourceEntry } from './ResourceEntry';

/** What peer support is and is not, said where help is offered. */
export const PEER_SUPPORT_LINE =
  'Hearth circles are peer support: people who listen and share what helped them. They are not a crisis service or therapy. If you might act on thoughts of suicide or are in danger, contact a crisis line or your emergency number now.';

/**
 * Crisis lines and services for the person's region, shipped with the app and shown offline. The
 * region is the person's choice, suggested from the system's languages; every region also shows
 * its emergency number and the international directories.
 */
export function GetHelpDialog({ onClose }: { onClose: () => void }) {
  const [region, setRegion] = useState<string | null>(() => initialRegion());
  const listId = useId();
  const chosen = region === null ? null : resourcesFor(region);
  const choose = (code: string) => {
    setRegion(code === '' ? null : code);
    if (code !== '') rememberRegion(code);
  };
  return (
    <Dialog title="Get help now" onClose={onClose}>
      <div className="get-help" data-testid="get-help">
        <p className="get-help__lead">
          If you are in danger right now, call your local emergency number.
        </p>
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
        <p className="get-help__note">{PEER_SUPPORT_LINE}</p>
      </div>
    </Dialog>
  );
}
