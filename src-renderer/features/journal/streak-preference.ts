// Whether the mood page shows "days in a row": off unless the person turns it on, since a count
// that breaks can read as pressure. A preference about this device only (device-preference.ts).
import { devicePreference } from '../safety/device-preference';

const showStreaks = devicePreference(
  'hearth.journalStreaks',
  (raw) => raw === 'on',
  (on) => (on ? 'on' : 'off'),
);

/** Shows or hides the streaks on this device. */
export const setShowStreaks = (on: boolean): void => showStreaks.set(on);

/** Whether streaks are shown, following changes made anywhere in the page. */
export const useShowStreaks = (): boolean => showStreaks.use();
