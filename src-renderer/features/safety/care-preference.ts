// Whether the care check runs on this device: on unless the person turned it off. What the check
// reads is never stored or sent anywhere; only this switch is kept (device-preference.ts).
import { devicePreference } from './device-preference';

const careCheck = devicePreference(
  'hearth.careCheck',
  (raw) => raw !== 'off',
  (on) => (on ? 'on' : 'off'),
);

/** Turns the care check on or off on this device. */
export const setCareCheck = (on: boolean): void => careCheck.set(on);

/** Whether the care check is on, following changes made anywhere in the page. */
export const useCareCheckOn = (): boolean => careCheck.use();
