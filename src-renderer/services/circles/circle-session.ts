// One open circle: its Y.Doc, its validated ledger, its room and its persistence.
//
// Flow: stored judged records -> ledger (no crypto again), stored Yjs updates -> doc, then every
// log item not judged yet is opened (decrypt + verify) and fed to the ledger. New items take the
// same path, so what we show is always what we validated. The jobs live in their own modules:
// judging (judging-pipeline.ts), taking in (record-intake.ts), keeping the log clean
// (log-keeper.ts), writes (write-batcher.ts), presence (presence-tracker.ts), the room
// (room-connection.ts), the head start (head-start-records.ts), epoch keys (epoch-keyring.ts).
import * as Y from 'yjs';
import { toBase64Url } from '../../../src-shared/bytes';
import { BucketLog } from '../../../src-shared/circle/bucket-log';
import { EpochKeyring } from '../../../src-shared/circle/epoch-keyring';
import type { Authoring } from '../../../src-shared/circle/founding';
import { CircleLedger } from '../../../src-shared/circle/ledger';
import { genesisFingerprintOf } from '../../../src-shared/circle/lobby';
import type { EpochKeys } from '../../../src-shared/crypto/keys';
import {
  RecordContent,
  type RecordKind,
  type RecordOf,
  type MessageRef,
  type WarningTopic,
} from '../../../src-shared/records/schema';
import { envelopeKey, sealRecord, verifySigned } from '../../../src-shared/records/seal';
import type { DraftedNote } from '../../../src-shared/records/private-note';
import type { KnockRequest, SessionView, Standing } from '../types';
import { COMPACT_AFTER_ROWS, type CircleSecrets, type CircleStore } from '../storage/circle-store';
import { EpochFollower } from './epoch-follower';
import { HandoverRooms } from './handover-rooms';
import { HeadStartRecords } from './head-start-records';
import { ExpiryAlarm, ledgerView } from './circle-view-parts';
import { messageBody } from './message-drafts';
import { PresenceTracker } from './presence-tracker';
import { PrivateNotes } from './private-notes';
import { Rekeys } from './rekeys';
import { inlineOpener, type RecordOpener } from './record-opener';
import { RecordDrafter } from './record-drafter';
import { RelayWatch } from './relay-watch';
import { RecordIntake } from './record-intake';
import { RoomExit } from './room-exit';
import {
  openWebrtcRoom,
  RoomConnection,
  type NetworkSettings,
  type OpenRoom,
} from './room-connection';
import { LogKeeper } from './log-keeper';
import { stableList } from './signaling-urls';
import { OWN_WRITE_DELAY_MS, WriteBatcher } from './write-batcher';

export type { NetworkSettings } from './room-connection';
export class CircleSession {
  readonly ledger: CircleLedger;
  readonly doc = new Y.Doc();
  readonly log: BucketLog;
  readonly myKey: string;
  /** Hash of the signed genesis: what share codes carry so newcomers can check the circle. */
  readonly genesisFingerprint: Uint8Array;
  private readonly keyring: EpochKeyring;
  private secretsNow: CircleSecrets;
  private readonly intake: RecordIntake;
  private readonly keeper: LogKeeper;
  private readonly writes: WriteBatcher;
  readonly presence: PresenceTracker;
  private readonly notes: PrivateNotes;
  private readonly drafter: RecordDrafter;
  private readonly relayWatch: RelayWatch;
  private readonly connection: RoomConnection;
  private readonly follower: EpochFollower;
  private readonly handovers: HandoverRooms;
  private handoverCount = -1;
  private readonly rekeys: Rekeys;
  private standingNow: Standing = 'member';
  /** How the room goes after our departure; null while we are a member. */
  private exit: RoomExit | null = null;
  private knockList: readonly KnockRequest[] = [];
  /** An invite's state is worked out when the view is made: it is made again when one expires. */
  private readonly expiry = new ExpiryAlarm();
  /** What newcomers we admit get in their welcome, and what our own welcome gave us. */
  private readonly headStart = new HeadStartRecords();
  private version = 0;
  private cachedView: SessionView | null = null;
  private unobserve: (() => void) | null = null;
  private opened = false;
  private closed = false;
  private lastSignalingUrls: string[] = [];

  constructor(
    secrets: CircleSecrets,
    private readonly store: CircleStore,
    private readonly network: NetworkSettings,
    private readonly onChange: () => void,
    opener: RecordOpener = inlineOpener,
    openRoom: OpenRoom = openWebrtcRoom,
  ) {
    this.secretsNow = secrets;
    const changed = () => this.changed();
    const genesis = verifySigned(secrets.genesisSigned);
    if (!genesis.ok || genesis.record.kind !== 'genesis')
      throw new Error('stored circle genesis is damaged');
    this.ledger = new CircleLedger(genesis.record);
    this.log = new BucketLog(this.doc, secrets.writerId);
    this.myKey = toBase64Url(secrets.keys.signPublicKey);
    this.genesisFingerprint = genesisFingerprintOf(secrets.genesisSigned);
    this.keyring = new EpochKeyring(secrets.epochs);
    this.writes = new WriteBatcher(store, secrets.localId, this.doc, changed);
    const watch = new RelayWatch(this.ledger, () => this.keyring.current.epoch, this.doc, changed);
    this.presence = new PresenceTracker(secrets.keys, this.myKey, watch.source, changed, () =>
      watch.claimsChanged(),
    );
    (this.relayWatch = watch).follow(this.presence);
    this.drafter = new RecordDrafter(this.ledger, this.myKey, () => ({
      circleId: this.secretsNow.circleId,
      epoch: this.keyring.current.epoch,
      keys: this.secretsNow.keys,
    }));
    this.notes = new PrivateNotes(this.myKey, secrets.keys, changed);
    this.keeper = new LogKeeper(this.log, {
      lost: (keys) => this.intake.lost(keys),
      isKnown: (author) => this.ledger.people.has(author),
      keep: (record) => this.writes.queueRecord(record),
      storeState: (state) =>
        this.writes.run(() => this.store.compactUpdates(this.localId, state())),
    });
    this.intake = new RecordIntake(secrets.circleId, this.keyring, opener, {
      ledger: this.ledger,
      writes: this.writes,
      presence: this.presence,
      headStart: this.headStart,
      notes: this.notes,
      changed,
      ingested: () => this.afterIngest(),
      viewShowsProgress: () => !!this.cachedView?.syncing,
      keeper: this.keeper,
      erasure: { log: this.log, store, localId: secrets.localId },
    });
    this.rekeys = new Rekeys(this.ledger, this.myKey, (body, id) =>
      this.append(this.draft('rekey', body, id)),
    );
    this.follower = new EpochFollower(this.ledger, this.keyring, {
      key: this.myKey,
      keys: secrets.keys,
    });
    const roomSettings = () => ({
      signalingUrls: this.signalingUrls,
      iceServers: this.network.iceServers,
    });
    this.connection = new RoomConnection(
      this.doc,
      roomSettings,
      this.presence,
      openRoom,
      changed,
      () => void this.judging.then(() => this.shareUnconfirmed()),
    );
    this.handovers = new HandoverRooms(openRoom, roomSettings, (items) =>
      this.intake.queue(items, 'head-start'),
    );
  }

  /** Where this member stands: a member, or removed / left (read only from then on). */
  get standing(): Standing {
    return this.standingNow;
  }

  /**
   * Resolves once the room was left after our departure (room-exit.ts): after our own leave, once
   * everyone there says they hold the record (at least 5 s, at most 30 s). At once while we are a
   * member.
   */
  get roomLeft(): Promise<void> {
    return this.exit?.done ?? Promise.resolve();
  }

  /** Whether the room is still kept after our own leave, for the record saying so. */
  get leaving(): boolean {
    return this.exit?.waiting ?? false;
  }

  /** The circle's secrets, with every epoch's keys known now. */
  get secrets(): CircleSecrets {
    return this.secretsNow;
  }

  get localId(): string {
    return this.secretsNow.localId;
  }

  get signalingUrls(): string[] {
    const urls = [...new Set([...this.secretsNow.signalingUrls, ...this.network.signalingUrls])];
    return (this.lastSignalingUrls = stableList(this.lastSignalingUrls, urls));
  }

  /** Resolves once everything queued for judging so far is judged. */
  private get judging(): Promise<void> {
    return this.intake.idle;
  }

  /**
   * Loads what this device stored, then joins the room. `headStart` is what a newcomer's welcome
   * carried (head-start.ts): judged first, like records from a peer, so the conversation shows
   * before the history arrives. They are not added to the document, whose sync brings them too
   * (see shareUnconfirmed for the ones it does not).
   */
  async open(headStart: readonly Uint8Array[] = []): Promise<void> {
    const { batch, rows } = await this.store.loadJudged(this.localId);
    // Compacted as loaded, before anything restore erases is written over it.
    if (rows > COMPACT_AFTER_ROWS)
      this.writes.run(() => this.store.compactJudged(this.localId, { ...batch }));
    this.intake.restore(batch);
    this.changed();

    const { updates, rows: updateRows } = await this.store.loadUpdates(this.localId);
    if (this.closed) return;
    if (updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(updates), 'storage');
    if (updateRows > COMPACT_AFTER_ROWS) this.keeper.rebuildStored();
    this.writes.storedUpToNow();
    // A message stored before its delete was (the app closed in between) goes now, with the
    // document loaded: a rebuild before it would have stored an empty one over the log.
    this.intake.erase();
    // Our own transactions have no origin; y-webrtc applies peers' updates with its room as origin.
    this.doc.on('update', (_: Uint8Array, from: unknown) => this.writes.noteChange(from === null));
    this.unobserve = this.keeper.follow((items) => this.intake.queue(items));
    this.headStart.welcomed(headStart);
    if (headStart.length > 0) this.intake.queue([...headStart], 'head-start');
    this.intake.queue(this.log.all());
    await this.judging;
    if (this.closed) return;
    this.opened = true;
    this.afterIngest(); // opens no handover room before the circle's own room is joined
    if (this.standingNow !== 'member') return;
    this.connection.join(this.keyring.current.roomSecret); // its connection's first topic
    this.afterIngest();
  }

  /** Signs, seals and appends a message (an answer to the message `replyTo`, if given). */
  async sendMessage(text: string, warning?: WarningTopic, replyTo?: MessageRef): Promise<void> {
    const record = this.draft('message', messageBody(text, warning, replyTo));
    this.append(record);
    this.relayWatch.noteOwn(record.id);
  }

  /**
   * Writes a record of ours to the log, and takes it into the ledger here rather than through the
   * log's observer: if a peer replaced our bucket, our own record still shows and is kept.
   */
  append(record: RecordContent): void {
    const { sealed, key } = this.sealOwn(record, this.secretsNow.keys.signSecretKey);
    this.headStart.note(key, record, sealed);
    this.log.append([sealed]);
    this.ledger.ingest([record]);
    this.writes.queueRecord({ key, record });
    this.intake.erase(); // a delete of ours: the message's text goes here at once
    this.writes.schedule(OWN_WRITE_DELAY_MS);
    this.presence.refreshIfMembersChanged();
    this.afterIngest();
    this.changed();
  }

  /** Writes a private note (a report, or an answer to one) so that nothing in the log links it to us. */
  appendNote({ record, signSecretKey }: DraftedNote): void {
    const { sealed, key } = this.sealOwn(record, signSecretKey);
    this.log.appendUnlinked(sealed);
    this.notes.take([record]);
    this.writes.queueRecord({ key, record });
    this.writes.schedule(OWN_WRITE_DELAY_MS);
  }

  /** Seals a record of ours (checked against the schema peers hold it to) and marks it judged: it is ours, there is nothing to verify. */
  private sealOwn(record: RecordContent, signSecretKey: Uint8Array) {
    if (this.standingNow !== 'member') throw new Error('You are no longer in this circle.');
    const sealed = sealRecord(
      RecordContent.parse(record),
      signSecretKey,
      this.keyring.current.contentKey,
    );
    const key = envelopeKey(sealed)!;
    this.intake.markOwn(key);
    return { sealed, key };
  }

  /** Sealed records to hand a newcomer in its welcome: membership, then the newest messages. */
  headStartRecords(): Uint8Array[] {
    return this.headStart.bundle({ isMember: (key) => this.ledger.members.has(key) });
  }

  /** The sealed rekeys and promotions that prove a welcome's keys, and `newcomer`'s admission. */
  welcomeChain(newcomer?: string): Uint8Array[] {
    return this.headStart.chain(newcomer);
  }

  /** A record of ours at our place in the circle's history (record-drafter.ts). */
  draft<K extends RecordKind>(kind: K, body: RecordOf<K>['body'], id?: string): RecordOf<K> {
    return this.drafter.draft(kind, body, id);
  }

  authoring(): Authoring {
    return this.drafter.authoring();
  }

  /** Starts the next epoch now (rekeys.ts). */
  rekey(): void {
    this.rekeys.now();
  }

  /** Knocks waiting for a facilitator, as the lobby responders see them (circles.ts). */
  setKnocks(knocks: readonly KnockRequest[]): void {
    this.knockList = knocks;
    this.changed();
  }

  /** The epoch we write in and whose room we are in. */
  currentEpoch(): EpochKeys {
    return this.keyring.current;
  }

  view(): SessionView {
    if (this.cachedView?.version === this.version) return this.cachedView;
    this.cachedView = {
      localId: this.localId,
      myKey: this.myKey,
      standing: this.standingNow,
      epoch: this.keyring.current.epoch,
      ...ledgerView(this.ledger, this.myKey, this.knockList, Date.now()),
      ...this.presence.view,
      reports: this.notes.view(this.ledger),
      ...this.relayWatch.viewNow(),
      ...this.connection.view,
      signalingUrls: this.signalingUrls,
      ignoredRecords: this.intake.ignored,
      syncing: this.intake.progress,
      storageProblem: this.writes.problem,
      version: this.version,
    };
    this.expiry.set(this.cachedView.invites, () => this.changed(), this.cachedView.mutes);
    return this.cachedView;
  }

  /** Writes out what the coalescing holds; resolves once on disk (or after 2 s of refusals). */
  async persist(): Promise<void> {
    await this.judging;
    this.writes.flush();
    await this.writes.idle(2_000);
    // A delete's rebuild of the stored document, if one waits, is written now too.
    if (this.keeper.rebuildWaiting()) await this.writes.idle(2_000);
  }

  /** Starts writing out what the coalescing holds, without waiting (see persist for waiting). */
  flush(): void {
    this.writes.flush();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.exit?.stop();
    this.relayWatch.stop();
    this.unobserve?.();
    this.rekeys.stop();
    this.expiry.stop();
    this.handovers.destroy();
    this.connection.leave();
    await this.judging;
    this.keeper.stop();
    this.writes.flush();
    await this.writes.idle();
    this.writes.stop();
    this.doc.destroy();
  }

  /**
   * Adds to the log what our welcome's head start showed us but a sync with a peer did not bring:
   * whatever a member shows a newcomer, every member can see (normally this adds nothing).
   */
  shareUnconfirmed(): void {
    if (this.closed) return;
    const missing = this.headStart.takeUnconfirmed();
    if (missing.length > 0) this.log.append(missing);
  }

  /**
   * After records were taken in: follow the epochs (open lockboxes, move rooms), notice our own
   * removal, keep the handover rooms filled, and rekey when someone who left still holds the keys.
   */
  private afterIngest(): void {
    if (this.closed) return;
    const { added, moved } = this.follower.follow();
    if (added || moved) {
      this.secretsNow = { ...this.secretsNow, epochs: this.keyring.all() };
      const secrets = this.secretsNow;
      this.writes.run(() => this.store.saveCircle(secrets));
      this.intake.retryAwaitingKey();
    }
    const departure = this.ledger.departures.get(this.myKey);
    if (departure) {
      if (this.standingNow === 'member') {
        // What we had stays readable here; nothing new can reach us, and we send nothing (our
        // own leave keeps the room until the record saying so reached the others).
        this.standingNow = departure.kind === 'removed' ? 'removed' : 'left';
        const othersRemain = [...this.ledger.members.keys()].some((k) => k !== this.myKey);
        this.exit = new RoomExit({
          waitUntilHeld:
            departure.kind !== 'removed' && othersRemain && this.connection.name !== null,
          whenOwnHeld: (then) => this.relayWatch.whenOwnHeld(then),
          // The handover rooms go with it: until then they may bring keys that moved the others.
          leaveRoom: () => {
            this.connection.leave();
            this.handovers.destroy();
          },
        });
        this.changed();
      }
      // While the room is kept for our leave record, the record also goes where the others may
      // be: to the room of keys that came before it was taken in, and into the handover rooms,
      // where those who moved on while we were away find it (and we may find those keys).
      if (this.exit?.waiting && this.connection.name !== null) this.followRooms(added, moved);
      return;
    }
    if (!this.opened || this.connection.name === null) return;
    this.followRooms(added, moved);
    this.rekeys.ifNeeded();
  }

  /** Moves to the current epoch's room, and keeps the handover rooms filled. */
  private followRooms(added: boolean, moved: boolean): void {
    if (moved) this.connection.join(this.keyring.current.roomSecret);
    if (added || moved || this.headStart.membershipCount !== this.handoverCount) {
      this.handoverCount = this.headStart.membershipCount;
      this.handovers.update(this.keyring.all(), this.headStart.membershipEnvelopes());
    }
  }

  private changed(): void {
    this.version++;
    try {
      this.onChange();
    } catch (e) {
      console.warn('Hearth change listener failed:', e instanceof Error ? e.name : 'unknown');
    }
  }
}
