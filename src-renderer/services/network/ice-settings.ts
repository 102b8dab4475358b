// The person's STUN and TURN servers and "Hide my IP address from members". TURN credentials are
// secrets: the settings are one row sealed with the vault key (never settings.json or
// localStorage), read at unlock before any room opens and forgotten at lock. What they say is
// written into the NetworkSettings every room reads as it opens (circles/room-connection.ts), so a
// change applies to connections made afterwards.
import {
  ICE_CLOSED,
  IcePreferences,
  IceServerEntry,
  iceConfigFor,
  iceServerKind,
  NO_ICE_PREFERENCES,
  type IceConfig,
} from '../../../src-shared/sync/ice-servers';
import type { NetworkSettings } from '../circles/room-connection';
import type { HearthDb } from '../storage/db';
import type { Vault } from '../vault/vault';
import { probeIceServer, type ProbeResult } from './ice-probe';

/** The sealed row's key in the key/value table of sealed rows (db.ts). */
export const ICE_ROW_KEY = 'network:ice';
const PLACE = `journalPrefs:${ICE_ROW_KEY}`;

/** A server as the screen shows it: never its credential. */
export interface IceServerView {
  url: string;
  kind: 'stun' | 'turn';
  username: string | null;
}

export interface IceSettingsView {
  servers: IceServerView[];
  hideIp: boolean;
  /** The stored settings could not be read: nothing connects until they are set again. */
  unreadable: boolean;
}

/** What the Network section uses (HearthApp.network). */
export interface IceSettingsApi {
  /** Null while locked. */
  view(): IceSettingsView | null;
  /** Adds a server; rejects with a user-facing message if it is not a valid one. */
  add(entry: { url: string; username?: string; credential?: string }): Promise<void>;
  remove(url: string): Promise<void>;
  /** Rejects with a user-facing message when turning on without a TURN server. */
  setHideIp(on: boolean): Promise<void>;
  /** Replaces unreadable settings with empty ones. */
  reset(): Promise<void>;
  /** Asks the listed server `url` alone for candidates and says what happened. */
  test(url: string): Promise<ProbeResult>;
}

/** The first problem zod found, in its user-facing words. */
const problem = (error: { issues: { message: string }[] }): string =>
  error.issues[0]?.message ?? 'That is not a server Hearth can use.';

export class IceSettings implements IceSettingsApi {
  private prefs: IcePreferences | null = null;
  private unreadable = false;
  private cached: IceSettingsView | null = null;

  constructor(
    private readonly db: HearthDb,
    private readonly vault: Vault,
    /** The object every room reads its ICE settings from as it opens. */
    private readonly network: NetworkSettings,
    private readonly onChange: () => void,
    private readonly probe: typeof probeIceServer = probeIceServer,
  ) {
    this.apply(ICE_CLOSED);
  }

  /** At unlock, before any room opens. Unreadable settings leave every connection closed. */
  async load(): Promise<void> {
    const row = await this.db.journalPrefs.get(ICE_ROW_KEY);
    let parsed: IcePreferences | null = NO_ICE_PREFERENCES;
    if (row) {
      try {
        const result = IcePreferences.safeParse(this.vault.openJson<unknown>(row.enc, PLACE));
        parsed = result.success ? result.data : null;
      } catch {
        parsed = null;
      }
    }
    this.unreadable = parsed === null;
    this.prefs = parsed ?? NO_ICE_PREFERENCES;
    this.apply(parsed === null ? ICE_CLOSED : iceConfigFor(parsed));
    this.changed();
  }

  /** At lock: the servers and their credentials leave memory; nothing connects until unlock. */
  forget(): void {
    this.prefs = null;
    this.unreadable = false;
    this.apply(ICE_CLOSED);
    this.changed();
  }

  view(): IceSettingsView | null {
    if (this.prefs === null) return null;
    this.cached ??= {
      servers: this.prefs.servers.map((s) => ({
        url: s.url,
        kind: iceServerKind(s.url),
        username: s.username ?? null,
      })),
      hideIp: this.prefs.hideIp,
      unreadable: this.unreadable,
    };
    return this.cached;
  }

  async add(entry: { url: string; username?: string; credential?: string }): Promise<void> {
    const prefs = this.unlocked();
    const url = entry.url.trim();
    const turn = iceServerKind(url) === 'turn';
    const server = IceServerEntry.safeParse({
      url,
      ...(turn ? { username: entry.username, credential: entry.credential } : {}),
    });
    if (!server.success) throw new Error(problem(server.error));
    if (prefs.servers.some((s) => s.url === url)) throw new Error('That server is listed already.');
    await this.save({ ...prefs, servers: [...prefs.servers, server.data] });
  }

  async remove(url: string): Promise<void> {
    const prefs = this.unlocked();
    const servers = prefs.servers.filter((s) => s.url !== url);
    // Removing the last TURN server ends hiding too, said plainly on the screen.
    const hideIp = prefs.hideIp && servers.some((s) => iceServerKind(s.url) === 'turn');
    await this.save({ servers, hideIp });
  }

  async setHideIp(on: boolean): Promise<void> {
    await this.save({ ...this.unlocked(), hideIp: on });
  }

  async reset(): Promise<void> {
    this.unlocked();
    await this.save(NO_ICE_PREFERENCES);
  }

  test(url: string): Promise<ProbeResult> {
    const server = this.unlocked().servers.find((s) => s.url === url);
    if (!server) return Promise.reject(new Error('That server is no longer listed.'));
    return this.probe(server);
  }

  private unlocked(): IcePreferences {
    if (this.prefs === null) throw new Error('Unlock Hearth first.');
    return this.prefs;
  }

  /** Checks, seals and stores `next`, then uses it for connections made from now on. */
  private async save(next: IcePreferences): Promise<void> {
    const checked = IcePreferences.safeParse(next);
    if (!checked.success) throw new Error(problem(checked.error));
    await this.db.journalPrefs.put({
      key: ICE_ROW_KEY,
      enc: this.vault.sealJson(checked.data, PLACE),
    });
    this.prefs = checked.data;
    this.unreadable = false;
    this.apply(iceConfigFor(checked.data));
    this.changed();
  }

  private apply(config: IceConfig): void {
    this.network.iceServers = config.iceServers;
    this.network.iceTransportPolicy = config.iceTransportPolicy;
  }

  private changed(): void {
    this.cached = null;
    this.onChange();
  }
}
