// Which signaling URL each circle (and each join in progress) dials. y-webrtc opens one WebSocket
// per URL string for the whole page, so a circle given its own URL for each server gets its own
// connections: the same server URL with a query parameter servers ignore, holding a random tag
// made when the circle opens. The tag lives in memory only (never stored, never logged, never
// handed to main or shown), and a new one is made at every open, so a server cannot follow a
// circle across sessions by it. What each connection carries is kept to its own rooms by
// src-shared/sync/signaling-isolation.ts.
import { randomId } from '../../../src-shared/crypto/keys';
import type { OpenRoom } from './room-connection';

/** The query parameter holding the tag. Hearth's server and y-webrtc's reference one ignore queries. */
export const TAG_PARAM = 'c';

/** A fresh tag for one circle's or one join's connections: 128 random bits, never reused. */
export const newSignalingTag = (): string => randomId(16);

/**
 * `url` with `tag` as its TAG_PARAM (replacing one already there), or null when `url` is not a
 * ws:/wss: URL: a URL that cannot carry the tag would be shared by every circle, so it is not dialled.
 */
export function taggedUrl(url: string, tag: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return null;
  parsed.searchParams.set(TAG_PARAM, tag);
  return parsed.toString();
}

/** `url` without the tag, normalised as URL writes it: equal for a server as typed and as dialled. */
export function untaggedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.searchParams.delete(TAG_PARAM);
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The URLs one circle dials: each of `urls` tagged, in order, without duplicates or untaggable ones. */
export function taggedUrls(urls: readonly string[], tag: string): string[] {
  const out = urls.map((u) => taggedUrl(u, tag)).filter((u): u is string => u !== null);
  return [...new Set(out)];
}

/** Opens rooms as `openRoom` does, each on its servers' URLs tagged with `tag`. */
export function withSignalingTag(openRoom: OpenRoom, tag: string): OpenRoom {
  return (options, onChange) =>
    openRoom({ ...options, signalingUrls: taggedUrls(options.signalingUrls, tag) }, onChange);
}

/** `next`, or `prev` when it holds the same URLs in the same order: views compare by identity. */
export function stableList(prev: string[], next: string[]): string[] {
  return next.length === prev.length && next.every((u, i) => u === prev[i]) ? prev : next;
}
