// The set of open circles, lobbies we answer and joins in progress, for one unlocked vault.
import { foundCircle } from '../../../src-shared/circle/founding';
import type { OpenedWelcome } from '../../../src-shared/circle/lobby';
import { bytesEqual } from '../../../src-shared/bytes';
import { randomId } from '../../../src-shared/crypto/keys';
import { DisplayName, type WarningTopic } from '../../../src-shared/records/schema';
import { decodeShareCode, shareCodeErrorMessage } from '../../../src-shared/share-code';
import type { CircleSecrets, CircleStore, PendingJoinRow } from '../storage/circle-store';
import type {
  CircleSummary,
  CircleView,
  InviteCode,
  InviteOptions,
  JoinAttempt,
  LeaveOptions,
  MessageRef,
  NewCircleInput,
} from '../types';
import { CircleSession, type NetworkSettings } from './circle-session';
import { JoinSession } from './join-session';
import { inlineOpener, type RecordOpener } from './record-opener';
import {
  createInvite,
  facilitatorOnly,
  leave,
  removeMember,
  renameSelf,
  revokeInvite,
  setRole,
} from './circle-facilitation';
import { BlockedMembers } from './blocked-members';
import { daysWritten } from './circle-days';
import { circleSummaries } from './circle-summaries';
import { CircleWipes } from './circle-wipes';
import { notMuted } from './circle-moderation';
import { sendReaction } from './message-drafts';
import { Lobbies } from './lobby-responders';
import { ReadMarkers } from './read-markers';
import { openWebrtcRoom, withIceSettings, type OpenRoom } from './room-connection';
import { newSignalingTag, withSignalingTag } from './signaling-urls';

export class Circles {
  /** Sessions a lock is closing: what they still hold is on disk once this settles. */
  private closing: Promise<void> = Promise.resolve();
  private readonly sessions = new Map<string, CircleSession>();
  private readonly lobbies: Lobbies;
  /** Circles done opening (in their room: lobbies come after it) and their own-URL room openers. */
  private readonly roomOpeners = new Map<CircleSession, OpenRoom>();
  private readonly joins = new Map<string, JoinSession>();
  /** A view holds a snapshot of the messages, not a copy, and is made once per change anyway. */
  private readonly reads = new ReadMarkers(
    (localId) => this.sessions.get(localId)?.view().messages ?? [],
  );
  private readonly listeners = new Set<() => void>();
  /** Who this device's person blocked in each circle: kept sealed here, never sent. */
  readonly blocked: BlockedMembers;
  private summaries: CircleSummary[] | null = null;
  private readonly wipes = new CircleWipes(() => this.emit());
  /** From closeAll (the lock) until openAll (the unlock). */
  private locked = false;
  /** Counts locks and unlocks, so that work begun before one does not finish after it. */
  private generation = 0;
  /** Opens every room below, with the ICE settings `network` holds when it opens. */
  private readonly openRoom: OpenRoom;

  constructor(
    private readonly store: CircleStore,
    private readonly network: NetworkSettings,
    private readonly opener: RecordOpener = inlineOpener,
    /** How rooms are opened: y-webrtc, or a fake network in tests. */
    openRoom: OpenRoom = openWebrtcRoom,
  ) {
    this.lobbies = new Lobbies(network);
    this.blocked = new BlockedMembers(store, () => this.emit());
    this.openRoom = withIceSettings(openRoom, () => network);
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /**
   * Tells subscribers that something changed. The app's other parts (vault, journal, desktop)
   * announce their changes here too, so that the summaries, whose unread counts depend on the
   * clock, are read afresh after any change, as a screen re-renders.
   */
  emit(): void {
    // Before anyone reads the counts: the circle being looked at never shows itself unread, so
    // a message arriving there costs one render, not a second one to clear its count.
    this.reads.advanceViewing();
    this.summaries = null;
    for (const l of this.listeners) l();
  }

  circles(): CircleSummary[] {
    const now = Date.now();
    this.summaries ??= circleSummaries(this.sessions.values(), this.reads.marks, now, this.blocked);
    return this.summaries;
  }

  /** Local dates on which this person wrote in any open circle. */
  daysWritten = (): Set<string> => daysWritten(this.sessions.values());

  circleView(localId: string): CircleView | null {
    return this.blocked.compose(localId, this.sessions.get(localId)?.view());
  }

  markRead(localId: string): void {
    if (this.reads.advance(localId)) this.emit();
  }

  viewCircle(localId: string): () => void {
    const stop = this.reads.view(localId);
    this.markRead(localId);
    return stop;
  }

  async createCircle(input: NewCircleInput): Promise<string> {
    const founded = foundCircle(input);
    const secrets: CircleSecrets = {
      localId: randomId(),
      circleId: founded.circleId,
      writerId: randomId(8),
      keys: founded.keys,
      epochs: [founded.epoch],
      genesisSigned: founded.genesisSigned,
      signalingUrls: this.network.signalingUrls,
      displayName: input.displayName.trim(),
      createdAt: Date.now(),
    };
    await this.store.saveCircle(secrets);
    await this.openSession(secrets);
    return secrets.localId;
  }

  async sendMessage(
    localId: string,
    text: string,
    warning?: WarningTopic,
    replyTo?: MessageRef,
  ): Promise<void> {
    const session = this.sessions.get(localId);
    if (!session) throw new Error('This circle is not open.');
    await notMuted(session).sendMessage(text, warning, replyTo);
  }

  async react(localId: string, target: MessageRef, emoji: string, on: boolean): Promise<void> {
    sendReaction(notMuted(this.memberSession(localId)), target, emoji, on);
    return Promise.resolve();
  }

  async createInvite(localId: string, options?: InviteOptions): Promise<InviteCode> {
    return createInvite(this.memberSession(localId), options);
  }

  async revokeInvite(localId: string, inviteId: string): Promise<void> {
    await revokeInvite(this.memberSession(localId), inviteId);
  }

  async approveKnock(localId: string, requestId: string): Promise<void> {
    const session = facilitatorOnly(this.memberSession(localId));
    const responder = this.lobbies.of(session).find((r) => r.has(requestId));
    if (!responder)
      throw new Error('This person is no longer waiting. They may have closed Hearth.');
    responder.approve(requestId);
    await session.persist();
  }

  async declineKnock(localId: string, requestId: string): Promise<void> {
    const session = facilitatorOnly(this.memberSession(localId));
    for (const r of this.lobbies.of(session)) if (r.has(requestId)) r.decline(requestId);
    await Promise.resolve();
  }

  async setRole(localId: string, memberKey: string, role: 'facilitator' | 'member'): Promise<void> {
    await setRole(this.memberSession(localId), memberKey, role);
  }

  async removeMember(localId: string, memberKey: string, reason: string): Promise<void> {
    await removeMember(this.memberSession(localId), memberKey, reason);
  }

  async leaveCircle(localId: string, options: LeaveOptions): Promise<void> {
    const session = this.sessions.get(localId);
    if (!session) throw new Error('This circle is not open.');
    // A leave written now, or one whose room is still kept for its record (a "delete history"
    // right after leaving), goes out before the copy goes.
    const announced = session.standing === 'member' || session.leaving;
    await leave(session, options);
    if (!options.wipe) return;
    this.sessions.delete(localId);
    this.sessionChanged(session); // no longer live: its lobbies close
    this.reads.forget(localId);
    this.emit();
    // The copy goes once the leave record reached the others (circle-wipes.ts). With
    // nothing to announce (left before), the person waits for it and hears if it failed; after a
    // leave, a failure is told (unwipedCircles) and the circle is listed again, left, to delete
    // again: now, or at the next unlock when the wipe ran on the way to the lock.
    const wipe = async () => {
      await session.close();
      await this.store.deleteCircle(localId);
    };
    if (announced)
      this.wipes.afterLeave(localId, session.roomLeft, wipe, () => this.relist(localId));
    else await this.wipes.start(null, wipe);
  }

  /**
   * Names of the listed circles that were left with "delete my copy" and whose copy could not be
   * deleted (a full or missing disk): still on this device, listed again to try again.
   */
  unwipedCircles(): string[] {
    const ids = this.wipes.unwiped;
    return ids.length === 0
      ? []
      : this.circles()
          .filter((c) => ids.includes(c.localId))
          .map((c) => c.name);
  }

  /** The person has read which copies are still here. */
  dismissUnwipedCircles(): void {
    this.wipes.dismissUnwiped();
  }

  /**
   * Lists again, as left, a circle whose copy could not be deleted. Not while locking, and not
   * once a lock or an unlock came in between (the unlock lists it itself).
   */
  private async relist(localId: string): Promise<void> {
    const generation = this.generation;
    const needless = () =>
      this.locked || this.generation !== generation || this.sessions.has(localId);
    if (needless()) return;
    const row = (await this.store.loadCircles()).find((c) => c.localId === localId);
    if (!row || needless()) return;
    try {
      await this.openSession(row);
    } catch {
      // As at unlock (openAll): a circle that cannot be opened is not listed.
      if (this.generation !== generation) return;
      this.sessions.delete(localId);
      this.emit();
    }
  }

  async renameSelf(localId: string, displayName: string): Promise<void> {
    await renameSelf(this.memberSession(localId), displayName);
  }

  /** Says in the circle's room whether we are typing; nothing when the circle is not open. */
  setTyping(localId: string, on: boolean): void {
    this.sessions.get(localId)?.presence.setTyping(on);
  }

  /**
   * Runs `act` (moderation, reports, resources: circle-moderation.ts, circle-reports.ts, circle-resources.ts) on the open session
   * of `localId`, or fails with a user-facing error when we are no longer a member.
   */
  async act<T>(localId: string, act: (session: CircleSession) => Promise<T>): Promise<T> {
    return act(this.memberSession(localId));
  }

  /** The open session of `localId` while we are a member, or a user-facing error. */
  private memberSession(localId: string): CircleSession {
    const session = this.sessions.get(localId);
    if (!session) throw new Error('This circle is not open.');
    if (session.standing !== 'member') throw new Error('You are no longer in this circle.');
    return session;
  }

  join(
    code: string,
    displayName: string,
  ): { ok: true; attempt: JoinAttempt } | { ok: false; message: string } {
    const decoded = decodeShareCode(code);
    if (!decoded.ok) return { ok: false, message: shareCodeErrorMessage[decoded.error] };
    const name = DisplayName.safeParse(displayName);
    if (!name.success)
      return { ok: false, message: 'Please choose a name for this circle (up to 64 characters).' };
    // One app may be in a room only once (y-webrtc refuses a second copy), and nothing is gained
    // by knocking on a circle we are in, or twice with the same code.
    const holds = (xs: Iterable<{ genesisFingerprint: Uint8Array }>) =>
      [...xs].some((x) => bytesEqual(x.genesisFingerprint, decoded.code.genesisFingerprint));
    if (holds(this.sessions.values())) {
      return {
        ok: false,
        message: 'You are already in this circle. You will find it in your list of circles.',
      };
    }
    if (holds(this.joins.values())) {
      return {
        ok: false,
        message:
          'You are already joining this circle. Hearth lets you in as soon as a member is online.',
      };
    }
    const row = JoinSession.start(code.replace(/\s+/g, ''), decoded.code, name.data);
    void this.store.savePendingJoin(row).catch(() => {});
    return { ok: true, attempt: this.startJoin(row) };
  }

  joinAttempts(): JoinAttempt[] {
    return [...this.joins.values()];
  }

  /** Circles, joins and lobbies reach these signaling servers (besides their own) from now on. */
  useSignalingUrls(urls: string[]): void {
    this.network.signalingUrls = urls;
  }

  /**
   * Resolves true once the join attempt's row is on disk (join() writes it in the background),
   * false if it is not there within about two seconds.
   */
  async joinStored(attemptId: string): Promise<boolean> {
    for (let i = 0; i < 40; i++) {
      const rows = await this.store.loadPendingJoins().catch(() => []);
      if (rows.some((row) => row.id === attemptId)) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  /** After unlock: reopen every stored circle and resume joins that were still waiting. */
  async openAll(): Promise<void> {
    this.locked = false;
    this.generation++;
    this.opener.warm();
    const [secrets] = await Promise.all([this.store.loadCircles(), this.blocked.load()]);
    // One damaged circle must not keep the others (or the unlock) from opening.
    const opened = await Promise.allSettled(secrets.map((s) => this.openSession(s)));
    opened.forEach((result, i) => {
      if (result.status === 'rejected') {
        console.warn(
          'Hearth could not open a stored circle:',
          result.reason instanceof Error ? result.reason.name : 'unknown',
        );
        this.sessions.delete(secrets[i]!.localId);
      }
    });
    for (const row of await this.store.loadPendingJoins()) this.startJoin(row);
  }

  /** Starts writing out every circle's pending records at once (the window is going away). */
  flushAll(): void {
    for (const session of this.sessions.values()) session.flush();
  }

  /**
   * Writes out every circle's pending records and resolves once they are on disk, including
   * those of sessions a lock is still closing (quick exit, then quit at once).
   */
  async persistAll(): Promise<void> {
    await Promise.all([
      this.closing,
      this.wipes.finishAll(),
      ...[...this.sessions.values()].map((session) => session.persist()),
    ]);
  }

  /** Before lock: leave every room and write what is pending. */
  async closeAll(): Promise<void> {
    this.locked = true;
    this.generation++;
    const wiped = this.wipes.finishAll();
    for (const j of this.joins.values()) j.stop();
    this.joins.clear();
    this.lobbies.closeAll();
    this.roomOpeners.clear();
    // Forget the sessions before closing them: a closing session still reports changes, and
    // sessionChanged only starts lobby responders for sessions that are in this map.
    const closing = [...this.sessions.values()];
    this.sessions.clear();
    this.closing = Promise.all([wiped, ...closing.map((s) => s.close())]).then(() => {});
    await this.closing;
    this.reads.clear();
    this.blocked.forget();
    this.emit();
  }

  private startJoin(row: PendingJoinRow): JoinSession {
    const decoded = decodeShareCode(row.token);
    if (!decoded.ok) throw new Error('stored share code is damaged');
    const attempt = new JoinSession(
      row,
      decoded.code,
      this.network,
      (welcome, join, hints) => this.admitted(welcome, join, hints),
      () => this.emit(),
      (id) => {
        this.joins.delete(id);
        void this.store.deletePendingJoin(id);
        this.emit();
      },
      // Its own connections too: a knock must not be seen on a connection of our circles.
      withSignalingTag(this.openRoom, newSignalingTag()),
    );
    this.joins.set(row.id, attempt);
    this.emit();
    return attempt;
  }

  private async admitted(
    welcome: OpenedWelcome,
    join: PendingJoinRow,
    hints: string[],
  ): Promise<string> {
    const existing = [...this.sessions.values()].find(
      (s) => s.secrets.circleId === welcome.genesis.circle,
    );
    if (existing) {
      this.joins.delete(join.id);
      await this.store.deletePendingJoin(join.id);
      return existing.localId;
    }
    const secrets: CircleSecrets = {
      localId: randomId(),
      circleId: welcome.genesis.circle,
      writerId: randomId(8),
      keys: join.keys,
      epochs: welcome.epochs,
      genesisSigned: welcome.genesisSigned,
      // Only the share code's servers: a welcome's writer could name servers that watch the circle.
      signalingUrls: [...new Set(hints)],
      displayName: join.displayName,
      createdAt: Date.now(),
    };
    await this.store.saveCircle(secrets);
    await this.store.deletePendingJoin(join.id);
    this.joins.delete(join.id);
    await this.openSession(secrets, welcome.recent);
    return secrets.localId;
  }

  private async openSession(
    secrets: CircleSecrets,
    headStart: readonly Uint8Array[] = [],
  ): Promise<void> {
    // A new tag at every open: a server cannot follow the circle from one session to the next.
    const openRoom = withSignalingTag(this.openRoom, newSignalingTag());
    const session = new CircleSession(
      secrets,
      this.store,
      this.network,
      () => this.sessionChanged(session),
      this.opener,
      openRoom,
    );
    this.sessions.set(secrets.localId, session);
    await session.open(headStart);
    if (this.sessions.get(secrets.localId) === session) this.roomOpeners.set(session, openRoom);
    this.sessionChanged(session);
  }

  /** Keeps the circle's lobby responders in step with it (lobby-responders.ts), then tells the UI. */
  private sessionChanged(session: CircleSession): void {
    const openRoom = this.roomOpeners.get(session);
    const live = this.sessions.get(session.localId) === session;
    if (!live) this.roomOpeners.delete(session);
    if (openRoom) this.lobbies.keep(session, live, openRoom, () => this.sessionChanged(session));
    this.emit();
  }
}
