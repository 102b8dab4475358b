// Opening (decrypt + verify + parse) many records at once, e.g. a newcomer's 10k-record
// catch-up. Signature checks cost ~0.1 ms each in WebAssembly, so big batches go to a small
// pool of Web Workers (DESIGN.md: "verify in batches off the UI thread"); small ones, such as
// a single new message, stay on this thread where they are fastest.
import { openRecord, type OpenResult } from '../../../src-shared/records/seal';

/** What the session needs from an opened record (no plaintext bytes are carried back). */
export type Opened = { ok: true; record: Extract<OpenResult, { ok: true }>['record']; nonceKey: string } | Extract<OpenResult, { ok: false }>;

export interface OpenJob {
  circleId: string;
  contentKeys: [number, Uint8Array][];
  items: unknown[];
}

export interface RecordOpener {
  /** Gets ready ahead of need (starts workers); optional work, never required for correctness. */
  warm(): void;
  /** Opens `items` in chunks; the promises resolve in any order but are returned in item order. */
  openInChunks(job: OpenJob, chunkSize: number): Promise<Opened[]>[];
  destroy(): void;
}

/** Opens one chunk; the shared worker body and the fallback use exactly this. */
export function openChunk(job: OpenJob): Opened[] {
  const keys = new Map(job.contentKeys);
  return job.items.map((item) => {
    const r = openRecord(item, job.circleId, keys);
    return r.ok ? { ok: true, record: r.record, nonceKey: r.nonceKey } : r;
  });
}

/** Same thread, no workers: used where Worker does not exist (Node tests) and for small batches. */
export const inlineOpener: RecordOpener = {
  openInChunks(job, chunkSize) {
    const out: Promise<Opened[]>[] = [];
    for (let i = 0; i < job.items.length; i += chunkSize) {
      const chunk = { ...job, items: job.items.slice(i, i + chunkSize) };
      // Each chunk waits a macrotask so the window can paint between chunks.
      out.push(new Promise((resolve) => setTimeout(() => resolve(openChunk(chunk)), 0)));
    }
    return out;
  },
  warm() {},
  destroy() {},
};

/** A pool of record-opening workers, started on first use. */
export class WorkerRecordOpener implements RecordOpener {
  private workers: Worker[] = [];
  private next = 0;
  /** Set when a worker failed: from then on this session opens records inline. */
  private broken = false;
  private seq = 0;
  /** Chunks sent to a worker and not answered yet, with the job to open inline if it fails. */
  private readonly waiting = new Map<number, { job: OpenJob; resolve: (r: Opened[]) => void }>();

  constructor(private readonly size: number) {}

  warm(): void {
    if (!this.broken) this.start();
  }

  openInChunks(job: OpenJob, chunkSize: number): Promise<Opened[]>[] {
    if (this.broken) return inlineOpener.openInChunks(job, chunkSize);
    this.start();
    const out: Promise<Opened[]>[] = [];
    for (let i = 0; i < job.items.length; i += chunkSize) {
      const id = this.seq++;
      const worker = this.workers[this.next++ % this.workers.length]!;
      const chunk = { ...job, items: job.items.slice(i, i + chunkSize) };
      out.push(new Promise((resolve) => this.waiting.set(id, { job: chunk, resolve })));
      worker.postMessage({ id, job: chunk });
    }
    return out;
  }

  destroy(): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
    this.settleInline();
  }

  /** A worker that failed or was stopped: open what it still owed here, so nothing waits forever. */
  private settleInline(): void {
    for (const [id, { job, resolve }] of this.waiting) {
      this.waiting.delete(id);
      resolve(openChunk(job));
    }
  }

  private start(): void {
    if (this.workers.length > 0) return;
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(new URL('./record-opener.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<{ id: number; results?: Opened[]; failed?: true }>) => {
        const entry = this.waiting.get(event.data.id);
        if (!entry) return;
        this.waiting.delete(event.data.id);
        entry.resolve(event.data.results ?? openChunk(entry.job));
      };
      // A worker that cannot start or crashes: stop using the pool and open everything here.
      worker.onerror = () => {
        this.broken = true;
        this.destroy();
      };
      this.workers.push(worker);
    }
  }
}
