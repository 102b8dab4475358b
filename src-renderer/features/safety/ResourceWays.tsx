import type { ReactNode } from 'react';

/** How to reach a service, as both the shipped lists and a circle's own lines give it. */
export interface ResourceWaysData {
  phone?: string;
  text?: string;
  web?: string;
  hours?: string;
}

/**
 * The ways to reach one service: call, text or chat, web, hours, then `extra` rows. Phone numbers
 * stay text. A web link opens outside Hearth, and the desktop app asks first (src-main/guards.ts);
 * both data sources allow only https links, so the host shown is where it goes.
 */
export function ResourceWays({ entry, extra }: { entry: ResourceWaysData; extra?: ReactNode }) {
  return (
    <dl className="resource__ways">
      {entry.phone ? (
        <>
          <dt>Call</dt>
          <dd className="resource__phone">{entry.phone}</dd>
        </>
      ) : null}
      {entry.text ? (
        <>
          <dt>Text or chat</dt>
          <dd>{entry.text}</dd>
        </>
      ) : null}
      {entry.web ? (
        <>
          <dt>Web</dt>
          <dd>
            <a href={entry.web} target="_blank" rel="noreferrer noopener">
              {new URL(entry.web).hostname}
            </a>
          </dd>
        </>
      ) : null}
      {entry.hours ? (
        <>
          <dt>Hours</dt>
          <dd>{entry.hours}</dd>
        </>
      ) : null}
      {extra}
    </dl>
  );
}
