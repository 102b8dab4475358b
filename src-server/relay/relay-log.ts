// The relay's log: one JSON object per line on stdout (event, counts, durations). A line never
// holds a room name, a secret or an address: rooms appear as the number the store gave their code.

/** One log line's fields; `event` names what happened. */
export type RelayLogFields = { event: string } & Record<string, string | number | boolean>;

export type RelayLog = (fields: RelayLogFields) => void;

/** Writes each line to `write` (stdout by default) with the time first. */
export function jsonLog(write: (line: string) => void = (l) => process.stdout.write(l)): RelayLog {
  return (fields) => write(JSON.stringify({ t: new Date().toISOString(), ...fields }) + '\n');
}
