// A long task's progress, as services report it and the UI shows it. Its own module so that the
// services that report it need not import the app's whole surface (services/types.ts).

/** Something long is running; fraction is 0..1, or null when it cannot be estimated. */
export interface Progress {
  label: string;
  fraction: number | null;
}
