// Whether the care check runs on this device: on unless the person turned it off. A preference
// about this device only, kept in localStorage beside the region (region-choice.ts says why it is
// outside the vault); what the check reads is never stored or sent anywhere.
import { useSyncExternalStore } from 'react';

const KEY = 'hearth.careCheck';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

/** Turns the care check on or off on this device. */
export function setCareCheck(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused: the choice still holds until the page reloads.
  }
  fallback = on;
  for (const listener of listeners) listener();
}

let fallback: boolean | null = null;

/** Whether the care check is on, following changes made anywhere in the page. */
export function useCareCheckOn(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => fallback ?? read(),
  );
}
