// The desktop settings main keeps in userData/settings.json. Pure: the file is read and written
// through the functions passed in, so a damaged or hostile file is tested without a disk.
import {
  ShellSettings,
  ShellSettingsPatch,
  type ShellSettings as Settings,
} from '../src-shared/ipc/contract';

export const SETTINGS_FILE = 'settings.json';

export const DEFAULT_SETTINGS: Settings = {
  // On unless the user turns it off: a new circle made on the desktop can then be joined across
  // the LAN with no server anywhere else.
  embeddedSignaling: true,
  signalingUrls: [],
  notifications: true,
  // Message text on screen is for the user alone unless they say otherwise.
  notificationPreviews: false,
  autoLockMinutes: 10,
  trayIcon: false,
};

/**
 * The file's settings; every field is checked on its own so one bad value does not reset the
 * rest. Anything else in the file is dropped, the learned signaling servers of older versions
 * (`knownSignalingUrls`) among it: those named members' LAN addresses in plain text. They now live
 * only in the vault and in main's memory while it is unlocked (signaling-policy.ts).
 */
export function parseStoredSettings(text: string | null): Settings {
  let raw: unknown = null;
  try {
    raw = text === null ? null : JSON.parse(text);
  } catch {
    raw = null;
  }
  const obj =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : {};
  const given =
    typeof obj['settings'] === 'object' && obj['settings'] !== null
      ? (obj['settings'] as Record<string, unknown>)
      : {};
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    const field = ShellSettings.shape[key];
    const parsed = field.safeParse(given[key]);
    if (parsed.success) settings[key] = parsed.data;
  }
  return ShellSettings.parse(settings);
}

/** The whole file for `settings`: only the settings object, nothing learned. */
export function settingsFileText(settings: Settings): string {
  return JSON.stringify({ settings }, null, 2);
}

export interface SettingsIo {
  read(): Promise<string | null>;
  /** Writes the whole file (main writes a temporary file and renames it over the old one). */
  write(text: string): Promise<void>;
}

/** The settings in memory, written through on every change. Writes are serialised. */
export class SettingsStore {
  private state: Settings = DEFAULT_SETTINGS;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly io: SettingsIo) {}

  /**
   * Reads the file. One that holds anything but the settings as this version writes them (learned
   * signaling servers from an older version, unknown or damaged fields) is written again at once.
   */
  async load(): Promise<Settings> {
    const text = await this.io.read().catch(() => null);
    this.state = parseStoredSettings(text);
    if (text !== null && text !== settingsFileText(this.state))
      await this.save(this.state).catch((error: unknown) => {
        console.error('[hearth] settings could not be rewritten:', error);
      });
    return this.state;
  }

  get settings(): Settings {
    return this.state;
  }

  /** Applies a validated patch; throws on an invalid one and changes nothing. */
  async update(patch: unknown): Promise<Settings> {
    const parsed = ShellSettingsPatch.parse(patch);
    // `{ trayIcon: undefined }` is a valid patch that changes nothing, not a reset to undefined.
    const given = Object.fromEntries(
      Object.entries(parsed).filter(([, value]) => value !== undefined),
    );
    const merged = { ...this.state, ...given };
    const settings = ShellSettings.parse({
      ...merged,
      signalingUrls: [...new Set(merged.signalingUrls)],
    });
    await this.save(settings);
    return settings;
  }

  private async save(next: Settings): Promise<void> {
    const text = settingsFileText(next);
    const write = this.writing.then(() => this.io.write(text));
    this.writing = write.catch(() => {});
    await write; // a failed write leaves the old state in memory, as on disk
    this.state = next;
  }
}
