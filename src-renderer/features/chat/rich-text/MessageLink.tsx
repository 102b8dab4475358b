import { useState, type MouseEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';

/** True in the desktop app, where main asks before any link leaves (src-main/guards.ts). */
function desktopAsksFirst(): boolean {
  return typeof window !== 'undefined' && 'hearth' in window;
}

/** What the person is asked: where the link goes, spelled out, since that is what matters. */
function linkQuestion(href: string): string {
  const url = new URL(href);
  return url.protocol === 'mailto:'
    ? `This opens your email app to write to ${url.pathname}.`
    : `This opens ${url.hostname} in a new tab, outside Hearth. Hearth does not tell the site anything about your circles.`;
}

/**
 * A link someone wrote (href already checked: http(s) or mailto). It never opens straight away:
 * in the desktop app the window guard asks; in a browser this asks first, then opens the page
 * without telling it where the person came from (noopener, noreferrer). The question is drawn
 * on document.body: a <dialog> may not sit inside the message's paragraph.
 */
export function MessageLink({ href, children }: { href: string; children?: ReactNode }) {
  const [asking, setAsking] = useState(false);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (desktopAsksFirst()) return; // target=_blank reaches main's confirm-then-open
    event.preventDefault();
    setAsking(true);
  };
  return (
    <>
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        referrerPolicy="no-referrer"
        onClick={onClick}
        data-testid="message-link"
      >
        {children}
      </a>
      {asking
        ? createPortal(
            <ConfirmDialog
              title="Open this link?"
              confirmLabel="Open link"
              cancelLabel="Stay here"
              testId="message-link-open"
              onClose={() => setAsking(false)}
              onConfirm={() => {
                setAsking(false);
                window.open(href, '_blank', 'noopener,noreferrer');
              }}
            >
              <p>{linkQuestion(href)}</p>
              <p className="message-link__href">{href}</p>
            </ConfirmDialog>,
            document.body,
          )
        : null}
    </>
  );
}
