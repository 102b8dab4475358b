// Makes the journal's PDF off the UI thread: a Web Worker runs pdf-lib, so the page stays
// responsive and the progress bar moves while thousands of entries are laid out. Where a
// worker cannot run (Node tests, a worker that fails to start), the same code runs here.
import type { ExportInput } from '../../../src-shared/journal';

export type MakePdf = (
  input: ExportInput,
  onProgress: (fraction: number) => void,
) => Promise<Uint8Array>;

/** Worker messages: progress while laying out, then the bytes or a failure. */
export type PdfWorkerReply = { progress: number } | { bytes: Uint8Array } | { failed: string };
export interface PdfWorkerRequest {
  input: ExportInput;
  fontUrl: string;
}

/** The PDF on this thread; pdf-lib and fontkit (about 1 MB) load the first time. */
export async function makePdfHere(
  input: ExportInput,
  font: Uint8Array | Promise<Uint8Array>,
  onProgress: (fraction: number) => void,
): Promise<Uint8Array> {
  const [{ journalToPdf }, bytes] = await Promise.all([
    import('../../../src-shared/journal/export-pdf'),
    font,
  ]);
  return journalToPdf(input, {
    font: bytes,
    onProgress: async (fraction) => {
      onProgress(fraction);
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the page repaint
    },
  });
}

/** The font, shipped with the app and fetched from its own origin only when a PDF is made. */
export async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok)
    throw new Error('Hearth could not load the font for the PDF. Please try again.');
  return new Uint8Array(await response.arrayBuffer());
}

/** Seconds an unused worker is kept: a second export soon after the first finds it warm. */
const IDLE_MS = 60_000;

/**
 * A MakePdf that uses one worker, started at the first export and ended after a minute unused;
 * if the worker cannot start, the PDF is made on this thread instead.
 */
export function pdfMaker(fontUrl: string): MakePdf {
  let worker: Worker | null = null;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const end = (w: Worker) => {
    w.terminate();
    if (worker === w) worker = null;
  };
  return (input, onProgress) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const here = () => makePdfHere(input, fetchFont(fontUrl), onProgress).then(resolve, reject);
      clearTimeout(idle);
      try {
        worker ??= new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' });
      } catch {
        void here();
        return;
      }
      const w = worker;
      let answered = false;
      w.onmessage = (event: MessageEvent<PdfWorkerReply>) => {
        const reply = event.data;
        answered = true;
        if ('progress' in reply) return onProgress(reply.progress);
        idle = setTimeout(() => end(w), IDLE_MS);
        if ('bytes' in reply) resolve(reply.bytes);
        else reject(new Error(reply.failed));
      };
      w.onerror = (event) => {
        event.preventDefault();
        end(w);
        // A worker that never answered could not start here: make the PDF on this thread.
        if (!answered) void here();
        else reject(new Error('Hearth could not finish the PDF. Please try again.'));
      };
      w.postMessage({
        input,
        fontUrl: new URL(fontUrl, location.href).href,
      } satisfies PdfWorkerRequest);
    });
}
