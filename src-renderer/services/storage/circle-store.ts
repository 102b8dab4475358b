// Encrypted persistence of circles: their secrets, their Yjs updates and the records this
// device has already judged (so a restart neither re-verifies 100k signatures nor trusts the
// CRDT to keep history: docs/ARCHITECTURE.md "Local storage": each peer keeps its own validated store).
import { fromBase64Url, toBase64Url } from '../../../src-shared/bytes';
import type { EpochKeys, MemberKeys } from '../../../src-shared/crypto/keys';
import type { Tombstone } from '../../../src-shared/circle/tombstone';
import type { RecordContent } from '../../../src-shared/records/schema';
import type { Vault } from '../vault/vault';
import type { HearthDb, SealedLogRow } from './db';

export interface CircleSecrets {
  localId: string;
  circleId: string;
  /** Random per device and circle; names this device's buckets in the log. */
  writerId: string;
  keys: MemberKeys;
  epochs: EpochKeys[];
  genesisSigned: Uint8Array;
  signalingUrls: string[];
  displayName: string;
  createdAt: number;
}

/**
 * Records that passed the crypto checks (kept even while their author is not yet known), and
 * the tombstones of those whose text their author deleted (circle/tombstone.ts).
 */
export interface JudgedBatch {
  records: { key: string; record: RecordContent | Tombstone }[];
  /** Envelope keys of records that failed the checks, so they are not judged again. */
  rejected: string[];
}

export interface PendingJoinRow {
  id: string;
  token: string;
  displayName: string;
  keys: MemberKeys;
  requestId: string;
  knock: Uint8Array;
}

type Json = Record<string, unknown>;
const b = toBase64Url;
const u = (s: unknown): Uint8Array => {
  const out = typeof s === 'string' ? fromBase64Url(s) : null;
  if (!out) throw new Error('stored value is damaged');
  return out;
};
const keysToJson = (k: MemberKeys) => ({ pk: b(k.signPublicKey), sk: b(k.signSecretKey) });
const keysFromJson = (j: Json): MemberKeys => ({ signPublicKey: u(j.pk), signSecretKey: u(j.sk) });

/** The blocked keys a stored row holds: none in rows from before blocking, or if damaged. */
const blockedIn = (j: Json): string[] =>
  Array.isArray(j.blocked) ? j.blocked.filter((k): k is string => typeof k === 'string') : [];

/** Compact a per-circle log once it has this many rows. */
export const COMPACT_AFTER_ROWS = 64;

export class CircleStore {
  constructor(
    private readonly db: HearthDb,
    private readonly vault: Vault,
  ) {}

  /** Writes the circle's sealed row; the members this device blocked there stay as stored. */
  async saveCircle(s: CircleSecrets): Promise<void> {
    const json = {
      ...s,
      keys: keysToJson(s.keys),
      epochs: s.epochs.map((e) => ({
        epoch: e.epoch,
        roomSecret: b(e.roomSecret),
        contentKey: b(e.contentKey),
      })),
      genesisSigned: b(s.genesisSigned),
    };
    await this.db.transaction('rw', this.db.circles, async () => {
      const blocked = await this.storedBlocked(s.localId);
      await this.db.circles.put({
        id: s.localId,
        enc: this.vault.sealJson({ ...json, blocked }, `circles:${s.localId}`),
      });
    });
  }

  /**
   * The member keys this device blocked in each stored circle, by local id. A field of the
   * circle's sealed row, so that who someone blocked is never in the clear, and not even whether
   * they blocked anyone; rows written before blocking existed have none.
   */
  async loadBlocked(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const row of await this.db.circles.toArray()) {
      try {
        out.set(row.id, blockedIn(this.vault.openJson<Json>(row.enc, `circles:${row.id}`)));
      } catch {
        // A damaged row: its circle does not open either (loadCircles).
      }
    }
    return out;
  }

  /** Replaces the circle's blocked keys inside its sealed row; rejects if the circle is gone. */
  async saveBlocked(localId: string, keys: readonly string[]): Promise<void> {
    await this.db.transaction('rw', this.db.circles, async () => {
      const row = await this.db.circles.get(localId);
      if (!row) throw new Error('This circle is no longer on this device.');
      const place = `circles:${localId}`;
      const json = this.vault.openJson<Json>(row.enc, place);
      await this.db.circles.put({
        id: localId,
        enc: this.vault.sealJson({ ...json, blocked: [...keys] }, place),
      });
    });
  }

  async loadCircles(): Promise<CircleSecrets[]> {
    const rows = await this.db.circles.toArray();
    return rows.map((row) => {
      const j = this.vault.openJson<Json & { epochs: Json[] }>(row.enc, `circles:${row.id}`);
      delete j.blocked; // read by loadBlocked; not one of the secrets
      return {
        ...(j as unknown as CircleSecrets),
        keys: keysFromJson(j.keys as Json),
        epochs: j.epochs.map((e) => ({
          epoch: e.epoch as number,
          roomSecret: u(e.roomSecret),
          contentKey: u(e.contentKey),
        })),
        genesisSigned: u(j.genesisSigned),
      };
    });
  }

  /**
   * Appends a Yjs update and/or a batch of judged records in one transaction: one write for the
   * two logs (each IndexedDB transaction costs the UI thread), and both or neither land.
   */
  async appendLogs(
    circle: string,
    { update, judged }: { update: Uint8Array | null; judged: JudgedBatch | null },
  ): Promise<void> {
    const updateRow = update ? { circle, enc: this.vault.seal(update, `updates:${circle}`) } : null;
    const judgedRow = judged
      ? { circle, enc: this.vault.sealJson(judged, `records:${circle}`) }
      : null;
    await this.db.transaction('rw', this.db.updates, this.db.records, async () => {
      if (updateRow) await this.db.updates.add(updateRow);
      if (judgedRow) await this.db.records.add(judgedRow);
    });
  }

  async loadUpdates(circle: string): Promise<{ updates: Uint8Array[]; rows: number }> {
    const rows = await this.db.updates.where('circle').equals(circle).sortBy('seq');
    return {
      updates: rows.map((r) => this.vault.open(r.enc, `updates:${circle}`)),
      rows: rows.length,
    };
  }

  /** Replaces every stored update of a circle with one merged state, atomically. */
  async compactUpdates(circle: string, state: Uint8Array): Promise<void> {
    await this.replaceLog(this.db.updates, circle, this.vault.seal(state, `updates:${circle}`));
  }

  async loadJudged(circle: string): Promise<{ batch: JudgedBatch; rows: number }> {
    const rows = await this.db.records.where('circle').equals(circle).sortBy('seq');
    const batch: JudgedBatch = { records: [], rejected: [] };
    for (const row of rows) {
      const part = this.vault.openJson<JudgedBatch>(row.enc, `records:${circle}`);
      for (const r of part.records) batch.records.push(r);
      for (const k of part.rejected) batch.rejected.push(k);
    }
    return { batch, rows: rows.length };
  }

  async compactJudged(circle: string, batch: JudgedBatch): Promise<void> {
    await this.replaceLog(this.db.records, circle, this.vault.sealJson(batch, `records:${circle}`));
  }

  async savePendingJoin(join: PendingJoinRow): Promise<void> {
    const json = { ...join, keys: keysToJson(join.keys), knock: b(join.knock) };
    await this.db.joins.put({ id: join.id, enc: this.vault.sealJson(json, `joins:${join.id}`) });
  }

  async loadPendingJoins(): Promise<PendingJoinRow[]> {
    const rows = await this.db.joins.toArray();
    return rows.map((row) => {
      const j = this.vault.openJson<Json>(row.enc, `joins:${row.id}`);
      return {
        ...(j as unknown as PendingJoinRow),
        keys: keysFromJson(j.keys as Json),
        knock: u(j.knock),
      };
    });
  }

  /** Deletes everything this device holds of a circle: keys, document and judged records. */
  async deleteCircle(localId: string): Promise<void> {
    await this.db.transaction(
      'rw',
      [this.db.circles, this.db.updates, this.db.records],
      async () => {
        await this.db.circles.delete(localId);
        await this.db.updates.where('circle').equals(localId).delete();
        await this.db.records.where('circle').equals(localId).delete();
      },
    );
  }

  async deletePendingJoin(id: string): Promise<void> {
    await this.db.joins.delete(id);
  }

  private async storedBlocked(localId: string): Promise<string[]> {
    const row = await this.db.circles.get(localId);
    try {
      return row ? blockedIn(this.vault.openJson<Json>(row.enc, `circles:${localId}`)) : [];
    } catch {
      return []; // a damaged row is replaced whole, as before blocking existed
    }
  }

  private async replaceLog(
    table: HearthDb['updates'],
    circle: string,
    enc: Uint8Array,
  ): Promise<void> {
    await this.db.transaction('rw', table, async () => {
      await table.where('circle').equals(circle).delete();
      await table.add({ circle, enc } satisfies SealedLogRow);
    });
  }
}
