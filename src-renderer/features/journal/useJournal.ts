// Snapshots of the journal service for React: each re-renders only when its slice changes.
import { useHearthSnapshot } from '../../app/HearthContext';
import type { HearthApp } from '../../services/types';

const selectEntries = (app: HearthApp) => app.journal.entries();
const selectBusy = (app: HearthApp) => app.journal.busy();
const selectDue = (app: HearthApp) => app.journal.reminderDue();
const selectReminder = (app: HearthApp) => app.journal.reminder();
const selectToday = (app: HearthApp) => app.journal.today();

const sameReminder = (a: ReturnType<typeof selectReminder>, b: ReturnType<typeof selectReminder>) =>
  a.enabled === b.enabled && a.time === b.time && a.prompt === b.prompt;

export const useJournalEntries = () => useHearthSnapshot(selectEntries);
export const useJournalBusy = () => useHearthSnapshot(selectBusy);
export const useReminderDue = () => useHearthSnapshot(selectDue);
export const useReminder = () => useHearthSnapshot(selectReminder, sameReminder);
export const useToday = () => useHearthSnapshot(selectToday);
