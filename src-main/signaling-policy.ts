// Which signaling servers the renderer may connect to, and the ones main knows only while the
// vault is unlocked. main's gate (signaling-gate.ts) admits a WebSocket only to these origins;
// nothing else is reachable. Pure.

export interface SignalingSources {
  /** The embedded server's URLs while it runs. */
  readonly lan: readonly string[];
  /** The user's own servers from settings. */
  readonly configured: readonly string[];
  /** Servers of the user's circles and joins, handed over by the page while unlocked. */
  readonly unlocked: readonly string[];
}

/** Every URL the gate allows, in order, deduplicated. */
export function allowedSignalingUrls(sources: SignalingSources): string[] {
  return [...new Set([...sources.lan, ...sources.configured, ...sources.unlocked])];
}

/** Signaling URLs offered to new circles: the LAN server first, then the user's own. */
export function signalingUrlsForNewCircles(
  sources: Pick<SignalingSources, 'lan' | 'configured'>,
): string[] {
  return [...new Set([...sources.lan, ...sources.configured])].slice(0, 32);
}

/** As many as the servers of a dozen circles with their joins; the oldest go first past it. */
export const MAX_UNLOCKED_SIGNALING_URLS = 64;

/**
 * The signaling servers the unlocked page says its circles and joins use (they are stored in the
 * vault, sealed like everything else). Memory only, never written to disk; emptied when the app
 * locks and when a page loads (a new page starts locked), so a locked app allows none of them.
 */
export class UnlockedSignaling {
  private list: string[] = [];

  get urls(): readonly string[] {
    return this.list;
  }

  /** Adds already validated URLs; the newest MAX_UNLOCKED_SIGNALING_URLS are kept. */
  add(urls: readonly string[]): void {
    const fresh = urls.filter((u) => !this.list.includes(u));
    this.list = [...this.list, ...new Set(fresh)].slice(-MAX_UNLOCKED_SIGNALING_URLS);
  }

  clear(): void {
    this.list = [];
  }
}
