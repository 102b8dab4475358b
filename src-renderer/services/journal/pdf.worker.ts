// Worker side of pdfMaker: fetches the font once and lays out each PDF, reporting progress.
import { fetchFont, type PdfWorkerReply, type PdfWorkerRequest } from './pdf-maker';

let font: Promise<Uint8Array> | undefined;
const reply = (message: PdfWorkerReply, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<PdfWorkerRequest>) => {
  try {
    font ??= fetchFont(event.data.fontUrl);
    font.catch(() => (font = undefined)); // a failed fetch is tried again next time
    const [{ journalToPdf }, fontBytes] = await Promise.all([
      import('../../../src-shared/journal/export-pdf'),
      font,
    ]);
    const bytes = await journalToPdf(event.data.input, {
      font: fontBytes,
      onProgress: (progress) => reply({ progress }),
    });
    reply({ bytes }, [bytes.buffer]);
  } catch (e) {
    reply({
      failed: e instanceof Error && e.message ? e.message : 'Hearth could not make the PDF.',
    });
  }
};
