import { useId, useRef } from 'react';
import type { InviteCode } from '../../services/types';
import { Button } from '../../ui/Button';
import { CodeBox } from './CodeBox';
import { useCopy } from './useCopy';
import { useQrCode } from './useQrCode';

const QR_SIZE = 168;

/** The share code with a Copy button, the hearth:// link, and the link as a QR code. */
export function InviteDetails({ invite }: { invite: InviteCode }) {
  const codeLabelId = useId();
  const linkLabelId = useId();
  const codeRef = useRef<HTMLDivElement>(null);
  const { status, copy } = useCopy(invite.token, codeRef);
  const qr = useQrCode(invite.link);

  return (
    <div className="stack">
      <div className="stack stack--tight">
        <p className="field__label" id={codeLabelId}>
          Share code
        </p>
        <CodeBox ref={codeRef} labelId={codeLabelId} value={invite.token} testId="invite-code" />
        <div className="actions actions--inline">
          <Button variant="primary" onClick={() => void copy()}>
            Copy
          </Button>
          <span className="copy-status" role="status">
            {status}
          </span>
        </div>
      </div>
      <div className="invite-link">
        <div className="stack stack--tight invite-link__text">
          <p className="field__label" id={linkLabelId}>
            Link
          </p>
          <CodeBox labelId={linkLabelId} value={invite.link} testId="invite-link" />
          <p className="field__hint">
            The same invitation as a link, and as a QR code for showing on a screen.
          </p>
        </div>
        <div className="qr">
          {qr.status === 'ready' ? (
            <img
              src={qr.dataUrl}
              width={QR_SIZE}
              height={QR_SIZE}
              alt="QR code for the invite link"
            />
          ) : null}
          {qr.status === 'drawing' ? <p className="qr__placeholder">Drawing the QR code…</p> : null}
          {qr.status === 'error' ? (
            <p className="qr__placeholder">
              The QR code could not be drawn. The code and link still work.
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
