// Real peers for end-to-end tests: each peer is its own Chromium process with its own
// profile, talking WebRTC over loopback through a Hearth signaling server on 127.0.0.1.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium';
import { startSignalingServer, type SignalingServer } from '../../src-server/signaling/server';
import type { InviteOptions } from '../../src-renderer/services/types';

export const PASSPHRASE = 'a calm evening walk';

export async function startSignal(): Promise<SignalingServer> {
  return startSignalingServer({ host: '127.0.0.1', port: 0 });
}

export interface DeadSignaling {
  url: string;
  port: number;
  /** Gives the port back (to start a real server on it, say). */
  close(): Promise<void>;
}

/**
 * A signaling address where nothing answers: a listener on 127.0.0.1 that drops every
 * connection. It holds the port, so that no other server can take it while the test counts on
 * it being dead (a closed port can be handed to the next program that asks for one).
 */
export async function deadSignaling(port = 0): Promise<DeadSignaling> {
  const server = createNetServer((socket) => socket.destroy());
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const actual = (server.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${actual}`,
    port: actual,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export class Peer {
  private constructor(
    readonly name: string,
    readonly profileDir: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** Launches a peer (a new Chromium process). Pass `profileDir` to reopen an earlier profile. */
  static async launch(
    name: string,
    appUrl: string,
    profileDir = mkdtempSync(join(tmpdir(), `hearth-${name}-`)),
  ): Promise<Peer> {
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
      permissions: ['camera', 'microphone'],
      viewport: { width: 1100, height: 760 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error(`[${name}] page error:`, e.message));
    await page.goto(appUrl);
    return new Peer(name, profileDir, context, page);
  }

  async createVault(passphrase = PASSPHRASE): Promise<void> {
    await this.page.getByTestId('passphrase').fill(passphrase);
    await this.page.getByTestId('passphrase-confirm').fill(passphrase);
    await this.page.getByTestId('vault-submit').click();
    await expect
      .poll(() => this.page.getByTestId('new-circle').isVisible(), { timeout: 20_000 })
      .toBe(true);
  }

  async unlock(passphrase = PASSPHRASE): Promise<void> {
    await this.page.getByTestId('passphrase').fill(passphrase);
    await this.page.getByTestId('vault-submit').click();
    await expect
      .poll(() => this.page.getByTestId('new-circle').isVisible(), { timeout: 20_000 })
      .toBe(true);
  }

  async createCircle(name: string, displayName: string, description = ''): Promise<void> {
    await this.page.getByTestId('new-circle').click();
    await this.page.getByTestId('circle-name').fill(name);
    if (description) await this.page.getByTestId('circle-description').fill(description);
    await this.page.getByTestId('display-name').fill(displayName);
    await this.page.getByTestId('create-circle').click();
    await expect
      .poll(() => this.page.getByTestId('composer').isVisible(), { timeout: 10_000 })
      .toBe(true);
  }

  /**
   * Opens the invite panel, makes a share code with the form's defaults (7 days, one use, a
   * facilitator approves each newcomer) except where `options` says otherwise, and returns it.
   * Opening the panel makes nothing by itself.
   */
  async invite(options: Partial<InviteOptions> = {}): Promise<string> {
    await this.page.getByTestId('invite-button').click();
    const form = this.page.getByTestId('invite-form');
    if (options.expiresIn !== undefined)
      await form.getByLabel('Expires after').selectOption(options.expiresIn);
    if (options.maxUses !== undefined)
      await form
        .getByLabel('How many people can use it')
        .selectOption(options.maxUses === null ? 'unlimited' : String(options.maxUses));
    if (options.approval !== undefined)
      await form
        .getByLabel('A facilitator approves each newcomer')
        .setChecked(options.approval === 'facilitator');
    await form.getByRole('button', { name: 'Make share code' }).click();
    const code = this.page.getByTestId('invite-code');
    await expect
      .poll(async () => (await code.textContent())?.trim() ?? '', { timeout: 10_000 })
      .toMatch(/^hearth1/);
    const token = (await code.textContent())!.trim();
    await this.page.keyboard.press('Escape');
    return token;
  }

  async startJoin(code: string, displayName: string): Promise<void> {
    await this.page.getByTestId('join-circle').click();
    await this.page.getByTestId('join-code').fill(code);
    await this.page.getByTestId('join-name').fill(displayName);
    await this.page.getByTestId('join-submit').click();
  }

  async join(code: string, displayName: string, timeout = 30_000): Promise<void> {
    await this.startJoin(code, displayName);
    await this.waitUntilWriting(timeout);
  }

  /**
   * Waits until this member can write in the open circle, accepting the circle's guidelines first
   * when they stand in front of the composer (a member's first visit, issue 17).
   */
  async waitUntilWriting(timeout = 30_000): Promise<void> {
    const composer = this.page.getByTestId('composer');
    const gate = this.page.getByTestId('guidelines-gate');
    await expect
      .poll(async () => (await composer.isVisible()) || (await gate.isVisible()), { timeout })
      .toBe(true);
    if (await gate.isVisible()) await this.page.getByTestId('guidelines-accept').click();
    await expect.poll(() => composer.isVisible()).toBe(true);
  }

  async send(text: string): Promise<void> {
    if (await this.page.getByTestId('guidelines-gate').isVisible()) await this.waitUntilWriting();
    const composer = this.page.getByTestId('composer');
    await composer.fill(text);
    await composer.press('Enter');
  }

  async waitForMessage(text: string, timeout = 20_000): Promise<void> {
    try {
      await expect
        .poll(() => this.page.getByTestId('message-text').filter({ hasText: text }).count(), {
          timeout,
          message: `${this.name} waits for “${text}”`,
        })
        .toBeGreaterThan(0);
    } catch (e) {
      await this.page
        .screenshot({ path: join(tmpdir(), `hearth-e2e-${this.name}-failure.png`) })
        .catch(() => {});
      throw e;
    }
  }

  /** Texts of the messages currently rendered (the list is virtualized: the visible window). */
  async visibleMessages(): Promise<string[]> {
    return this.page.getByTestId('message-text').allTextContents();
  }

  /** Runs axe-core on the current screen and fails on any violation. */
  async expectAccessible(screen: string): Promise<void> {
    // Evaluated through the DevTools protocol: the app's CSP (rightly) refuses inline scripts.
    if (!(await this.page.evaluate(() => 'axe' in window))) await this.page.evaluate(axeSource());
    const violations = await this.page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(ctx: Document): Promise<{
              violations: { id: string; help: string; nodes: { target: unknown }[] }[];
            }>;
          };
        }
      ).axe;
      const result = await axe.run(document);
      return result.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
      );
    });
    expect(violations, `axe violations on ${screen}`).toEqual([]);
  }

  /** Locks through the button, as a person does; locking writes out whatever was still pending. */
  async lock(): Promise<void> {
    await this.page.getByTestId('lock').click();
    await expect
      .poll(() => this.page.getByTestId('passphrase').isVisible(), { timeout: 10_000 })
      .toBe(true);
  }

  /**
   * The secret and key bytes this peer holds while unlocked: the vault key, and for each open
   * circle the member's signing seed and public key and every epoch's room secret and content
   * key. Read from the app's internals, which only the test build exposes (as hearthTestApi).
   */
  async keyMaterial(): Promise<{ name: string; bytes: number[] }[]> {
    return this.page.evaluate(() => {
      type Keys = { signPublicKey: Uint8Array; signSecretKey: Uint8Array };
      type Epoch = { epoch: number; roomSecret: Uint8Array; contentKey: Uint8Array };
      type Internals = {
        vault: { key: Uint8Array | null };
        circleSet: { sessions: Map<string, { secrets: { keys: Keys; epochs: Epoch[] } }> };
      };
      const app = (window as unknown as { hearthTestApi: Internals }).hearthTestApi;
      const out: { name: string; bytes: number[] }[] = [];
      const add = (name: string, bytes: Uint8Array | null | undefined) => {
        if (!bytes || bytes.length < 16)
          throw new Error(`no ${name} to look for: the app's internals changed`);
        out.push({ name, bytes: [...bytes] });
      };
      add('vault key', app.vault.key);
      const sessions = app.circleSet.sessions;
      if (sessions.size === 0) throw new Error("no open circle: the app's internals changed");
      for (const { secrets } of sessions.values()) {
        add('signing seed', secrets.keys.signSecretKey.subarray(0, 32));
        add('signing public key', secrets.keys.signPublicKey);
        for (const e of secrets.epochs) {
          add(`room secret ${e.epoch}`, e.roomSecret);
          add(`content key ${e.epoch}`, e.contentKey);
        }
      }
      return out;
    });
  }

  /** The nonce the vault key is wrapped with: stored in the clear, so a search must find it. */
  async vaultNonce(): Promise<{ name: string; bytes: number[] }> {
    const bytes = await this.page.evaluate(
      () =>
        new Promise<number[]>((ok, fail) => {
          const req = indexedDB.open('hearth');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const get = req.result.transaction('meta').objectStore('meta').get('vault');
            get.onerror = () => fail(get.error);
            get.onsuccess = () => {
              req.result.close();
              ok([...(get.result as { value: { nonce: Uint8Array } }).value.nonce]);
            };
          };
        }),
    );
    return { name: 'vault nonce', bytes };
  }

  /**
   * Reads every value of every IndexedDB store and reports which needles appear: texts as text
   * or UTF-8 bytes, keys as raw bytes or as base64, base64url or hex text. Also counts the rows
   * of each store, so a test can tell the data it looked through was there. With `openSealed`,
   * each circle's sealed log rows are also opened with the vault key (the test build's handle).
   */
  async rawDatabaseContains(
    texts: string[],
    keys: { name: string; bytes: number[] }[] = [],
    openSealed = false,
  ): Promise<{ found: string[]; rows: Record<string, number> }> {
    return this.page.evaluate(
      async ({ texts, keys, openSealed }) => {
        type Vault = { vault: { open(enc: Uint8Array, place: string): Uint8Array } };
        const vault = openSealed
          ? (window as unknown as { hearthTestApi: Vault }).hearthTestApi.vault
          : null;
        const enc = new TextEncoder();
        const b64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));
        const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
        const byText = new Map<string, string>();
        const byBytes = new Map<string, Uint8Array>();
        for (const t of texts) {
          byText.set(t, t);
          byBytes.set(t, enc.encode(t));
        }
        for (const k of keys) {
          byBytes.set(k.name, new Uint8Array(k.bytes));
          const base64 = b64(k.bytes);
          byText.set(`${k.name} (base64)`, base64.replace(/=+$/, ''));
          byText.set(
            `${k.name} (base64url)`,
            base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'),
          );
          byText.set(`${k.name} (hex)`, hex(k.bytes));
        }
        const found = new Set<string>();
        const rows: Record<string, number> = {};
        const hasBytes = (hay: Uint8Array, n: Uint8Array) => {
          outer: for (let i = 0; i + n.length <= hay.length; i++) {
            for (let j = 0; j < n.length; j++) if (hay[i + j] !== n[j]) continue outer;
            return true;
          }
          return false;
        };
        const visit = (v: unknown): void => {
          if (v == null) return;
          if (typeof v === 'string') byText.forEach((t, name) => v.includes(t) && found.add(name));
          else if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
            const bytes = v instanceof Uint8Array ? v : new Uint8Array(v);
            byBytes.forEach((n, name) => hasBytes(bytes, n) && found.add(name));
          } else if (Array.isArray(v)) v.forEach(visit);
          else if (typeof v === 'object')
            Object.entries(v).forEach(([k, x]) => (visit(k), visit(x)));
        };
        for (const info of await indexedDB.databases()) {
          const db = await new Promise<IDBDatabase>((ok, fail) => {
            const req = indexedDB.open(info.name!);
            req.onsuccess = () => ok(req.result);
            req.onerror = () => fail(req.error);
          });
          for (const store of Array.from(db.objectStoreNames)) {
            const values = await new Promise<unknown[]>((ok, fail) => {
              const req = db.transaction(store).objectStore(store).getAll();
              req.onsuccess = () => ok(req.result);
              req.onerror = () => fail(req.error);
            });
            rows[store] = (rows[store] ?? 0) + values.length;
            values.forEach(visit);
            if (vault && (store === 'updates' || store === 'records'))
              for (const { circle, enc } of values as { circle: string; enc: Uint8Array }[])
                visit(vault.open(enc, `${store}:${circle}`));
          }
          db.close();
        }
        return { found: [...found], rows };
      },
      { texts, keys, openSealed },
    );
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Closes the browser and deletes the profile. */
  async dispose(): Promise<void> {
    await this.context.close().catch(() => {});
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

let axe: string | undefined;
function axeSource(): string {
  axe ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axe;
}

/** The app URL for a signaling server (the browser host reads ?signal=). */
export const appUrl = (webUrl: string, signal: SignalingServer | string) =>
  `${webUrl}/index.html?signal=${encodeURIComponent(typeof signal === 'string' ? signal : signal.url)}`;

/**
 * Peers for one test file that all use one signaling server, started with the first peer.
 * Call `disposeAll` after each test: it closes the browsers, deletes their profiles and stops
 * the server.
 */
export function peerPool(webUrl: string) {
  let peers: Peer[] = [];
  let signal: SignalingServer | undefined;
  return {
    async launch(name: string): Promise<Peer> {
      signal ??= await startSignal();
      const peer = await Peer.launch(name, appUrl(webUrl, signal));
      peers.push(peer);
      return peer;
    },
    /** Opens a closed peer's profile again in a new browser, as the same person coming back. */
    async reopen(peer: Peer, name = `${peer.name}-again`): Promise<Peer> {
      if (!signal) throw new Error('reopen needs a peer launched from this pool first');
      const again = await Peer.launch(name, appUrl(webUrl, signal), peer.profileDir);
      peers.push(again);
      return again;
    },
    async disposeAll(): Promise<void> {
      // Every browser closes before any profile goes: a reopened profile has two peers.
      await Promise.all(peers.map((p) => p.close().catch(() => {})));
      await Promise.all(peers.map((p) => p.dispose()));
      peers = [];
      await signal?.close();
      signal = undefined;
    },
  };
}
