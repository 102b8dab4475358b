// Opening (decrypt + verify + parse) many records at once, e.g. a newcomer's 10k-record
// catch-up. Signature checks cost ~0.1 ms each in WebAssembly, so big batches go to a small
// pool of Web Workers (docs/ARCHITECTURE.md "Catch-up": verified in batches off the UI thread); small ones, such as
// a single new message, stay on this thread where they are fastest.
import {
  contentKeyMap,
  envelopeKey,
  openRecord,
  peekRecord,
  type OpenResult,
  type RecordPeek,
} from '../../../src-shared/records/seal';

/** What the session needs from an opened record (no plaintext bytes are carried back). */
export type Opened =
  | { ok: true; record: Extract<OpenResult, { ok: true }>['record']; nonceKey: string }
  | Extract<OpenResult, { ok: false }>;

export interface OpenJob {
  circleId: string;
  contentKeys: [number, Uint8Array][];
  items: unknown[];
  /** Each item's envelope key, if already worked out (in the same order), so it is not hashed twice. */
  envelopeKeys?: readonly string[];
}

/**
 * What a pool can do to a chunk: open it fully, peek at what it claims (for ordering), only work
 * out each item's envelope key (to skip what was judged before), or scan for key and claims.
 */
export type OpenTask = 'open' | 'peek' | 'key' | 'scan';
/** What 'scan' reads from each item: its envelope key and its claims, in one decryption. */
export interface Scanned {
  key: string | null;
  peek: RecordPeek | null;
}
type TaskResult<T extends OpenTask> = T extends 'open'
  ? Opened[]
  : T extends 'peek'
    ? (RecordPeek | null)[]
    : T extends 'scan'
      ? Scanned[]
      : (string | null)[];

export interface RecordOpener {
  /** Gets ready ahead of need (starts workers); optional work, never required for correctness. */
  warm(): void;
  /** Runs `task` on `items` in chunks; the promises resolve in any order but are returned in item order. */
  inChunks<T extends OpenTask>(task: T, job: OpenJob, chunkSize: number): Promise<TaskResult<T>>[];
  destroy(): void;
}

/** Opens one chunk; the shared worker body and the fallback use exactly this. */
export function openChunk(job: OpenJob): Opened[] {
  // Keys out of step with the items would file records under other records' keys.
  if (job.envelopeKeys && job.envelopeKeys.length !== job.items.length)
    throw new RangeError('envelope keys do not match the items');
  const keys = contentKeyMap(job.contentKeys);
  return job.items.map((item, i) => {
    const r = openRecord(item, job.circleId, keys, job.envelopeKeys?.[i]);
    return r.ok ? { ok: true, record: r.record, nonceKey: r.nonceKey } : r;
  });
}

/** Peeks at one chunk (see peekRecord): decrypts, does not verify. */
export function peekChunk(job: OpenJob): (RecordPeek | null)[] {
  const keys = contentKeyMap(job.contentKeys);
  return job.items.map((item) => peekRecord(item, keys));
}

/** Envelope keys of one chunk (see envelopeKey); null for an item that is not an envelope. */
export const keyChunk = (job: OpenJob): (string | null)[] =>
  job.items.map((item) => (item instanceof Uint8Array ? envelopeKey(item) : null));

/** Keys and claims of one chunk (see Scanned). */
export function scanChunk(job: OpenJob): Scanned[] {
  const peeks = peekChunk(job);
  return keyChunk(job).map((key, i) => ({ key, peek: peeks[i]! }));
}

/** Runs a task on a chunk here; the worker body and every fallback use this. */
export function runTask<T extends OpenTask>(task: T, job: OpenJob): TaskResult<T> {
  const run = { open: openChunk, peek: peekChunk, key: keyChunk, scan: scanChunk }[task];
  return run(job) as TaskResult<T>;
}

/** A chunk as posted to a worker: every item's bytes in one buffer, which is moved, not copied. */
export interface PackedJob {
  circleId: string;
  contentKeys: [number, Uint8Array][];
  bytes: Uint8Array;
  /** Where each item ends in `bytes`. */
  ends: Uint32Array;
}

/**
 * Packs a chunk for posting, or null if an item is not bytes. Structured-cloning thousands of
 * small byte arrays, each with a buffer of its own, cost the page more than the work sent away.
 */
export function packJob(job: OpenJob): PackedJob | null {
  let total = 0;
  for (const item of job.items) {
    if (!(item instanceof Uint8Array)) return null;
    total += item.length;
  }
  const bytes = new Uint8Array(total);
  const ends = new Uint32Array(job.items.length);
  let offset = 0;
  job.items.forEach((item, i) => {
    bytes.set(item as Uint8Array, offset);
    offset += (item as Uint8Array).length;
    ends[i] = offset;
  });
  return { circleId: job.circleId, contentKeys: job.contentKeys, bytes, ends };
}

export function unpackJob(packed: PackedJob): OpenJob {
  const items: Uint8Array[] = [];
  let start = 0;
  for (const end of packed.ends) {
    items.push(packed.bytes.subarray(start, end));
    start = end;
  }
  return { circleId: packed.circleId, contentKeys: packed.contentKeys, items };
}

/** What the page posts to a worker, and what it moves rather than copies. */
export interface WorkerRequest {
  id: number;
  task: OpenTask;
  /** The chunk packed (see packJob), or as it is when it cannot be packed. */
  packed?: PackedJob;
  job?: OpenJob;
}

/** The request for one chunk; both sides of the worker boundary use this pair of functions. */
export function workerRequest(
  id: number,
  task: OpenTask,
  chunk: OpenJob,
): { request: WorkerRequest; transfer: Transferable[] } {
  const packed = packJob(chunk);
  return packed
    ? { request: { id, task, packed }, transfer: [packed.bytes.buffer, packed.ends.buffer] }
    : { request: { id, task, job: chunk }, transfer: [] };
}

/** Runs a request in the worker. */
export function runRequest(request: WorkerRequest): unknown {
  const job = request.packed ? unpackJob(request.packed) : request.job;
  if (!job) throw new TypeError('a request without a chunk');
  return runTask(request.task, job);
}

function chunksOf(job: OpenJob, chunkSize: number): OpenJob[] {
  const chunks: OpenJob[] = [];
  for (let i = 0; i < job.items.length; i += chunkSize)
    chunks.push({
      ...job,
      items: job.items.slice(i, i + chunkSize),
      envelopeKeys: job.envelopeKeys?.slice(i, i + chunkSize),
    });
  return chunks;
}

/** Same thread, no workers: used where Worker does not exist (Node tests) and for small batches. */
export const inlineOpener: RecordOpener = {
  inChunks(task, job, chunkSize) {
    // Each chunk waits a macrotask so the window can paint between chunks.
    return chunksOf(job, chunkSize).map(
      (chunk) => new Promise((resolve) => setTimeout(() => resolve(runTask(task, chunk)), 0)),
    );
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
  /** Chunks sent to a worker and not answered yet, with the task to run inline if it fails. */
  private readonly waiting = new Map<
    number,
    { task: OpenTask; job: OpenJob; resolve: (r: unknown) => void }
  >();

  constructor(private readonly size: number) {}

  warm(): void {
    if (!this.broken) this.start();
  }

  inChunks<T extends OpenTask>(task: T, job: OpenJob, chunkSize: number): Promise<TaskResult<T>>[] {
    if (this.broken) return inlineOpener.inChunks(task, job, chunkSize);
    this.start();
    return chunksOf(job, chunkSize).map((chunk) => {
      const id = this.seq++;
      const worker = this.workers[this.next++ % this.workers.length]!;
      const result = new Promise<TaskResult<T>>((resolve) =>
        this.waiting.set(id, { task, job: chunk, resolve: resolve as (r: unknown) => void }),
      );
      try {
        const { request, transfer } = workerRequest(id, task, chunk);
        worker.postMessage(request, transfer);
      } catch {
        // Something in the chunk cannot be posted: this chunk is opened here instead.
        this.settleLater(id);
      }
      return result;
    });
  }

  destroy(): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
    this.settleInline();
  }

  /** A worker that failed or was stopped: open what it still owed here, so nothing waits forever. */
  private settleInline(): void {
    for (const id of [...this.waiting.keys()]) this.settleLater(id);
  }

  /** Runs one owed chunk here, in a task of its own, so a big backlog does not freeze the window. */
  private settleLater(id: number): void {
    const entry = this.waiting.get(id);
    if (!entry) return;
    this.waiting.delete(id);
    setTimeout(() => entry.resolve(runTask(entry.task, entry.job)), 0);
  }

  private start(): void {
    if (this.workers.length > 0) return;
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(new URL('./record-opener.worker.ts', import.meta.url), {
        type: 'module',
      });
      worker.onmessage = (
        event: MessageEvent<{ id: number; results?: unknown; failed?: true }>,
      ) => {
        if (event.data.failed) {
          // A worker that cannot do its job once will not do the next one better: open this
          // chunk and everything after it here, each chunk in a task of its own.
          this.broken = true;
          this.settleLater(event.data.id);
          return;
        }
        const entry = this.waiting.get(event.data.id);
        if (!entry) return;
        this.waiting.delete(event.data.id);
        entry.resolve(event.data.results);
      };
      // A worker that cannot start, crashes, or sends what cannot be read: stop using the pool
      // and open everything here.
      worker.onerror = worker.onmessageerror = () => {
        this.broken = true;
        this.destroy();
      };
      this.workers.push(worker);
    }
  }
}
