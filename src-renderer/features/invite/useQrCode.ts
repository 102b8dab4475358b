import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export type QrState =
  { status: 'drawing' } | { status: 'ready'; dataUrl: string } | { status: 'error' };

/** Draws text as a QR code image (a data: URL). Always dark on white, so cameras read it in either theme. */
export function useQrCode(text: string): QrState {
  const [state, setState] = useState<QrState>({ status: 'drawing' });
  useEffect(() => {
    let live = true;
    setState({ status: 'drawing' });
    QRCode.toDataURL(text, {
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 336,
      color: { dark: '#1f1b18', light: '#ffffff' },
    }).then(
      (dataUrl) => live && setState({ status: 'ready', dataUrl }),
      () => live && setState({ status: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return state;
}
