// Equality checks for snapshots read from the app, so unchanged data keeps its identity.
import type { CircleSummary, CircleView, JoinPhase, Progress } from '../services/types';

export function sameList<T>(
  a: readonly T[],
  b: readonly T[],
  sameItem: (x: T, y: T) => boolean = Object.is,
): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((item, i) => sameItem(item, b[i] as T));
}

export const sameCircleSummary = (a: CircleSummary, b: CircleSummary): boolean =>
  a.localId === b.localId &&
  a.name === b.name &&
  a.description === b.description &&
  a.myKey === b.myKey &&
  a.myRole === b.myRole &&
  a.unread === b.unread;

/** Same circle, same version, and the same blocked set (which `version` does not count). */
export const sameCircleView = (a: CircleView | null, b: CircleView | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.localId === b.localId &&
    a.version === b.version &&
    a.blocked === b.blocked);

export const sameProgress = (a: Progress | null, b: Progress | null): boolean =>
  a === b || (a !== null && b !== null && a.label === b.label && a.fraction === b.fraction);

export function sameJoinPhase(a: JoinPhase, b: JoinPhase): boolean {
  if (a === b) return true;
  switch (a.phase) {
    case 'connecting':
      return b.phase === 'connecting';
    case 'waiting':
      return b.phase === 'waiting' && a.signalingReachable === b.signalingReachable;
    case 'awaiting-approval':
      return b.phase === 'awaiting-approval';
    case 'refused':
      return b.phase === 'refused' && a.reason === b.reason;
    case 'admitted':
      return b.phase === 'admitted' && a.localId === b.localId;
    case 'failed':
      return b.phase === 'failed' && a.message === b.message;
  }
}
