// The desktop settings main keeps in userData/settings.json. Pure: the file is read and written
// through the functions passed in, so a damaged or hostile file is tested without a disk.
import { z } from 'zod';
import {
  ShellSettings,
  ShellSettingsPatch,
  SignalingUrl,
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

/** Signaling servers the app learned from share codes and circles: allowed, not used for new circles. */
export const MAX_KNOWN_SIGNALING_URLS = 64;

export interface StoredSettings {
  readonly settings: Settings;
  readonly knownSignalingUrls: readonly string[];
}

/** The file's two parts; every field is checked on its own so one bad value does not reset the rest. */
export function parseStoredSettings(text: string | null): StoredSettings {
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
  const known = z
    .array(SignalingUrl)
    .max(MAX_KNOWN_SIGNALING_URLS)
    .safeParse(obj['knownSignalingUrls']);
  return {
    settings: ShellSettings.parse(settings),
    knownSignalingUrls: known.success ? known.data : [],
  };
}

export interface SettingsIo {
  read(): Promise<string | null>;
  /** Writes the whole file (main writes a temporary file and renames it over the old one). */
  write(text: string): Promise<void>;
}

/** The settings in memory, written through on every change. Writes are serialised. */
export class SettingsStore {
  private state: StoredSettings = { settings: DEFAULT_SETTINGS, knownSignalingUrls: [] };
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly io: SettingsIo) {}

  async load(): Promise<StoredSettings> {
    this.state = parseStoredSettings(await this.io.read().catch(() => null));
    return this.state;
  }

  get settings(): Settings {
    return this.state.settings;
  }

  get knownSignalingUrls(): readonly string[] {
    return this.state.knownSignalingUrls;
  }

  /** Applies a validated patch; throws on an invalid one and changes nothing. */
  async update(patch: unknown): Promise<Settings> {
    const parsed = ShellSettingsPatch.parse(patch);
    // `{ trayIcon: undefined }` is a valid patch that changes nothing, not a reset to undefined.
    const given = Object.fromEntries(
      Object.entries(parsed).filter(([, value]) => value !== undefined),
    );
    const merged = { ...this.state.settings, ...given };
    const settings = ShellSettings.parse({
      ...merged,
      signalingUrls: dedupe(merged.signalingUrls),
    });
    await this.save({ ...this.state, settings });
    return settings;
  }

  /** Adds signaling URLs to the known list (newest kept when full); resolves to the ones that were new. */
  async rememberSignalingUrls(urls: readonly string[]): Promise<string[]> {
    const fresh = dedupe(urls).filter((u) => !this.state.knownSignalingUrls.includes(u));
    if (fresh.length === 0) return [];
    const knownSignalingUrls = [...this.state.knownSignalingUrls, ...fresh].slice(
      -MAX_KNOWN_SIGNALING_URLS,
    );
    await this.save({ ...this.state, knownSignalingUrls });
    return fresh;
  }

  private async save(next: StoredSettings): Promise<void> {
    const text = JSON.stringify(
      { settings: next.settings, knownSignalingUrls: next.knownSignalingUrls },
      null,
      2,
    );
    const write = this.writing.then(() => this.io.write(text));
    this.writing = write.catch(() => {});
    await write; // a failed write leaves the old state in memory, as on disk
    this.state = next;
  }
}

const dedupe = (urls: readonly string[]): string[] => [...new Set(urls)];
