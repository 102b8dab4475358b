// Whether this device tells a circle's members online that its person is typing. On by default,
// as in other messengers; kept on this device only (device-preference.ts), like the theme.
import { devicePreference } from '../../safety/device-preference';

const sendTyping = devicePreference<boolean>(
  'hearth.sendTyping',
  (raw) => raw !== 'off',
  (on) => (on ? 'on' : 'off'),
);

/** Whether to send "is typing", read at the moment of typing. */
export const sendsTyping = (): boolean => sendTyping.get();

/** Turns sending "is typing" on or off on this device. */
export const setSendsTyping = (on: boolean): void => sendTyping.set(on);

/** The choice, following changes made anywhere in the page. */
export const useSendsTyping = (): boolean => sendTyping.use();
