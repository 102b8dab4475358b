import { afterEach, describe, expect, it, vi } from 'vitest';
import { SerialQueue } from '../../src-renderer/services/circles/serial-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `cond` holds (real timers), failing after `ms`. */
async function waitFor(cond: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(5);
  }
}

class DiskFull extends Error {
  override name = 'QuotaExceededError';
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SerialQueue', () => {
  it('runs tasks strictly one after another, in the order they were queued', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      running--;
    };
    // The slowest first: a queue that did not wait would finish them out of order.
    q.run(task('a', 40));
    q.run(task('b', 0));
    q.run(task('c', 15));
    await q.idle(2_000);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(maxRunning).toBe(1);
  });

  it('retries a failing task and later tasks wait behind it', async () => {
    const recovered = vi.fn();
    const q = new SerialQueue(recovered, 10);
    const log: string[] = [];
    const errors: unknown[] = [];
    let failures = 2;
    q.run(
      async () => {
        if (failures-- > 0) {
          log.push('a failed');
          throw new DiskFull('disk full');
        }
        log.push('a written');
      },
      (e) => errors.push(e),
    );
    q.run(async () => {
      log.push('b written');
    });
    await q.idle(2_000);
    expect(log).toEqual(['a failed', 'a failed', 'a written', 'b written']);
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e instanceof DiskFull)).toBe(true);
    expect(recovered).toHaveBeenCalledTimes(1);
  });

  it('calls onRecovered only after a retry succeeds, not for tasks that work first time', async () => {
    const recovered = vi.fn();
    const q = new SerialQueue(recovered, 10);
    q.run(async () => {});
    q.run(async () => {});
    await q.idle(1_000);
    expect(recovered).not.toHaveBeenCalled();

    let fail = true;
    let recoveredBeforeSuccess = false;
    q.run(async () => {
      if (fail) {
        fail = false;
        throw new DiskFull();
      }
      recoveredBeforeSuccess = recovered.mock.calls.length > 0;
    });
    await q.idle(1_000);
    expect(recovered).toHaveBeenCalledTimes(1);
    expect(recoveredBeforeSuccess).toBe(false);
  });

  it('backs off 250 ms before the first retry by default', async () => {
    vi.useFakeTimers();
    const q = new SerialQueue();
    let calls = 0;
    q.run(async () => {
      calls++;
      if (calls === 1) throw new DiskFull();
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(60);
    expect(calls).toBe(2);
  });

  it('idle(timeout) resolves even while a task keeps failing', async () => {
    const q = new SerialQueue(() => {}, 10);
    let calls = 0;
    q.run(async () => {
      calls++;
      throw new DiskFull();
    });
    const started = Date.now();
    await q.idle(100);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(90);
    expect(waited).toBeLessThan(1_000);
    expect(calls).toBeGreaterThan(1); // it really was still retrying
    q.stop();
  });

  it('stop() ends retrying, so the queue settles', async () => {
    const q = new SerialQueue(() => {}, 10);
    let calls = 0;
    q.run(async () => {
      calls++;
      throw new DiskFull();
    });
    await waitFor(() => calls >= 2);
    q.stop();
    const atStop = calls;
    await sleep(150); // ~15 retries would happen here without stop()
    // At most the attempt already waiting out its backoff may still run.
    expect(calls).toBeLessThanOrEqual(atStop + 1);
    // The failing task has given up: the queue is idle long before this generous timeout.
    const started = Date.now();
    await q.idle(60_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
