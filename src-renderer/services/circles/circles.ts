// The set of open circles, lobbies we answer and joins in progress, for one unlocked vault.
import { draftInvite, foundCircle } from '../../../src-shared/circle/founding';
import type { OpenedWelcome } from '../../../src-shared/circle/lobby';
import { bytesEqual } from '../../../src-shared/bytes';
import { randomId } from '../../../src-shared/crypto/keys';
import { DisplayName, MAX_REASON_CHARS } from '../../../src-shared/records/schema';
import {
  decodeShareCode,
  encodeShareCode,
  shareCodeErrorMessage,
  shareLinkOf,
} from '../../../src-shared/share-code';
import type { CircleSecrets, CircleStore, PendingJoinRow } from '../storage/circle-store';
import type {
  ChatMessage,
  CircleSummary,
  CircleView,
  InviteCode,
  InviteOptions,
  JoinAttempt,
  LeaveOptions,
  NewCircleInput,
} from '../types';
import { DEFAULT_INVITE_OPTIONS } from '../types';
import { CircleSession, type NetworkSettings } from './circle-session';
import { JoinSession } from './join-session';
import { inlineOpener, type RecordOpener } from './record-opener';
import { LobbyResponder } from './lobby-responder';
import { openWebrtcRoom, type OpenRoom } from './room-connection';

const HOUR = 3_600_000;
const EXPIRY_MS: Record<InviteOptions['expiresIn'], number> = {
  '1h': HOUR,
  '1d': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
};
/**
 * Invites whose lobbies are answered: recent ones, so that a code that has expired, been used up
 * or withdrawn still gets its newcomer a clear answer for a while, without a lobby per invite
 * ever made.
 */
const ANSWER_INVITES_FOR_MS = 14 * 24 * HOUR;
const MAX_LOBBIES_PER_CIRCLE = 16;
import type { ReadableList } from '../../../src-shared/list-snapshot';

export class Circles {
  /** Sessions a lock is closing: what they still hold is on disk once this settles. */
  private closing: Promise<void> = Promise.resolve();
  private readonly sessions = new Map<string, CircleSession>();
  private readonly responders = new Map<string, LobbyResponder>();
  private readonly joins = new Map<string, JoinSession>();
  private readonly lastRead = new Map<string, number>();
  /** The members version each circle's responders last answered for. */
  private readonly membersSeen = new Map<string, number>();
  /** The circle on screen in a visible window: what arrives in it is read as it arrives. */
  private viewing: string | null = null;
  private readonly listeners = new Set<() => void>();
  private summaries: CircleSummary[] | null = null;

  constructor(
    private readonly store: CircleStore,
    private readonly network: NetworkSettings,
    private readonly opener: RecordOpener = inlineOpener,
    /** How rooms are opened: y-webrtc, or a fake network in tests. */
    private readonly openRoom: OpenRoom = openWebrtcRoom,
  ) {}

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
    if (this.viewing) this.advanceReadMarker(this.viewing);
    this.summaries = null;
    for (const l of this.listeners) l();
  }

  circles(): CircleSummary[] {
    this.summaries ??= [...this.sessions.values()]
      .map((s) => {
        const view = s.view();
        const unread = unreadCount(
          view.messages,
          this.lastRead.get(s.localId) ?? 0,
          s.myKey,
          Date.now(),
        );
        return {
          localId: s.localId,
          name: view.name,
          description: view.description,
          myKey: s.myKey,
          myRole: view.members.get(s.myKey)?.role ?? 'member',
          unread,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    return this.summaries;
  }

  circleView(localId: string): CircleView | null {
    return this.sessions.get(localId)?.view() ?? null;
  }

  markRead(localId: string): void {
    if (this.advanceReadMarker(localId)) this.emit();
  }

  viewCircle(localId: string): () => void {
    this.viewing = localId;
    this.markRead(localId);
    return () => {
      if (this.viewing === localId) this.viewing = null;
    };
  }

  /** Moves the circle's read marker to its newest message; false if it was there already. */
  private advanceReadMarker(localId: string): boolean {
    // A view holds a snapshot of the messages, not a copy, and is made once per change anyway.
    const messages = this.sessions.get(localId)?.view().messages ?? [];
    const last = newestUpTo(messages, Date.now());
    if ((this.lastRead.get(localId) ?? 0) >= last) return false;
    this.lastRead.set(localId, last);
    return true;
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

  async sendMessage(localId: string, text: string): Promise<void> {
    const session = this.sessions.get(localId);
    if (!session) throw new Error('This circle is not open.');
    await session.sendMessage(text);
  }

  /** The open session of `localId`, or a user-facing error. */
  private session(localId: string): CircleSession {
    const session = this.sessions.get(localId);
    if (!session) throw new Error('This circle is not open.');
    if (session.standing !== 'member') throw new Error('You are no longer in this circle.');
    return session;
  }

  private facilitatorSession(localId: string): CircleSession {
    const session = this.session(localId);
    if (!session.ledger.isFacilitator(session.myKey))
      throw new Error('Only facilitators can do this.');
    return session;
  }

  async createInvite(
    localId: string,
    options: InviteOptions = DEFAULT_INVITE_OPTIONS,
  ): Promise<InviteCode> {
    const session = this.session(localId);
    if (!session.ledger.mayInvite(session.myKey))
      throw new Error('In this circle, only facilitators can invite people.');
    const { secret, body } = draftInvite({
      expiresAt: Date.now() + EXPIRY_MS[options.expiresIn],
      maxUses: options.maxUses,
      approval: options.approval,
    });
    session.append(session.draft('invite', body));
    // A code is shown only once its invite is on disk: an app closed right after sharing it
    // must still answer it when it next opens.
    await session.persist();
    const token = encodeShareCode({
      genesisFingerprint: session.genesisFingerprint,
      inviteSecret: secret,
      signalingHints: session.signalingUrls,
    });
    return { token, link: shareLinkOf(token) };
  }

  async revokeInvite(localId: string, inviteId: string): Promise<void> {
    const session = this.session(localId);
    const invite = session.ledger.invites.get(inviteId);
    if (!invite) throw new Error('This invite is not known here.');
    if (invite.createdBy !== session.myKey && !session.ledger.isFacilitator(session.myKey))
      throw new Error('Only facilitators, or whoever made it, can withdraw an invite.');
    if (invite.revoked) return;
    session.append(session.draft('revoke', { inviteId }));
    await session.persist();
  }

  async approveKnock(localId: string, requestId: string): Promise<void> {
    const session = this.facilitatorSession(localId);
    const responder = this.respondersOf(session).find((r) => r.has(requestId));
    if (!responder)
      throw new Error('This person is no longer waiting. They may have closed Hearth.');
    responder.approve(requestId);
    await session.persist();
  }

  async declineKnock(localId: string, requestId: string): Promise<void> {
    const session = this.facilitatorSession(localId);
    for (const r of this.respondersOf(session)) if (r.has(requestId)) r.decline(requestId);
    await Promise.resolve();
  }

  async setRole(localId: string, memberKey: string, role: 'facilitator' | 'member'): Promise<void> {
    const session = this.facilitatorSession(localId);
    const member = session.ledger.members.get(memberKey);
    if (!member) throw new Error('This person is not a member of the circle.');
    if (member.role === role) return;
    if (role === 'member' && !outranks(session, memberKey))
      throw new Error('A facilitator who joined the role before you keeps it.');
    session.append(session.draft('role', { member: memberKey, role }));
    await session.persist();
  }

  async removeMember(localId: string, memberKey: string, reason: string): Promise<void> {
    const session = this.facilitatorSession(localId);
    const text = reason.trim();
    if (text === '' || text.length > MAX_REASON_CHARS)
      throw new Error(`Please give a reason (up to ${MAX_REASON_CHARS} characters).`);
    if (memberKey === session.myKey) throw new Error('To leave the circle, use Leave circle.');
    if (!session.ledger.members.has(memberKey))
      throw new Error('This person is not a member of the circle.');
    if (!outranks(session, memberKey))
      throw new Error('A facilitator who joined the role before you cannot be removed by you.');
    session.append(
      session.draft('remove', {
        member: memberKey,
        reason: text,
        upTo: session.ledger.seenUpTo(memberKey),
      }),
    );
    // New keys at once, sealed to everyone but the removed member.
    session.rekey();
    await session.persist();
  }

  async leaveCircle(localId: string, options: LeaveOptions): Promise<void> {
    const session = this.sessions.get(localId);
    if (!session) throw new Error('This circle is not open.');
    if (session.standing === 'member') {
      const { ledger, myKey } = session;
      const facilitators = [...ledger.members.values()].filter((m) => m.role === 'facilitator');
      if (ledger.isFacilitator(myKey) && facilitators.length === 1 && ledger.members.size > 1) {
        const successor = options.successor;
        if (!successor || successor === myKey || !ledger.members.has(successor))
          throw new Error('Please choose who should facilitate the circle after you.');
        session.append(session.draft('role', { member: successor, role: 'facilitator' }));
      }
      session.append(session.draft('leave', {}));
      await session.persist();
    }
    if (!options.wipe) return;
    this.sessions.delete(localId);
    for (const [key, r] of this.responders)
      if (key.startsWith(`${localId}/`)) {
        r.destroy();
        this.responders.delete(key);
      }
    await session.close();
    await this.store.deleteCircle(localId);
    this.lastRead.delete(localId);
    this.emit();
  }

  async renameSelf(localId: string, displayName: string): Promise<void> {
    const session = this.session(localId);
    const name = DisplayName.safeParse(displayName);
    if (!name.success) throw new Error('Please choose a name of up to 64 characters.');
    session.append(session.draft('rename', { displayName: name.data }));
    await session.persist();
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
    if (
      [...this.sessions.values()].some((s) =>
        bytesEqual(s.genesisFingerprint, decoded.code.genesisFingerprint),
      )
    ) {
      return {
        ok: false,
        message: 'You are already in this circle. You will find it in your list of circles.',
      };
    }
    if (
      [...this.joins.values()].some((j) =>
        bytesEqual(j.genesisFingerprint, decoded.code.genesisFingerprint),
      )
    ) {
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
    this.opener.warm();
    const secrets = await this.store.loadCircles();
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
      ...[...this.sessions.values()].map((session) => session.persist()),
    ]);
  }

  /** Before lock: leave every room and write what is pending. */
  async closeAll(): Promise<void> {
    for (const j of this.joins.values()) j.stop();
    this.joins.clear();
    for (const r of this.responders.values()) r.destroy();
    this.responders.clear();
    // Forget the sessions before closing them: a closing session still reports changes, and
    // sessionChanged only starts lobby responders for sessions that are in this map.
    const closing = [...this.sessions.values()];
    this.sessions.clear();
    this.closing = Promise.all(closing.map((s) => s.close())).then(() => {});
    await this.closing;
    this.lastRead.clear();
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
      this.openRoom,
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
    const session = new CircleSession(
      secrets,
      this.store,
      this.network,
      () => this.sessionChanged(session),
      this.opener,
      this.openRoom,
    );
    this.sessions.set(secrets.localId, session);
    await session.open(headStart);
    this.sessionChanged(session);
  }

  private respondersOf(session: CircleSession): LobbyResponder[] {
    return [...this.responders.entries()]
      .filter(([key]) => key.startsWith(`${session.localId}/`))
      .map(([, r]) => r);
  }

  /**
   * Keeps one lobby responder per recent invite this member may answer (facilitators, and members
   * where the circle lets them invite), and has them answer again when the members changed.
   */
  private sessionChanged(session: CircleSession): void {
    const live = this.sessions.get(session.localId) === session;
    const { ledger, myKey } = session;
    const answers =
      live &&
      session.standing === 'member' &&
      (ledger.isFacilitator(myKey) || (ledger.mayInvite(myKey) && ledger.members.has(myKey)));
    const wanted = new Set<string>();
    if (answers) {
      const recent = [...ledger.invites.values()]
        .filter((i) => i.createdAt > Date.now() - ANSWER_INVITES_FOR_MS)
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, MAX_LOBBIES_PER_CIRCLE);
      for (const invite of recent) {
        const key = `${session.localId}/${invite.inviteId}`;
        wanted.add(key);
        if (!this.responders.has(key))
          this.responders.set(
            key,
            new LobbyResponder(
              session,
              invite.inviteId,
              { ...this.network, signalingUrls: session.signalingUrls },
              this.openRoom,
              () => session.setKnocks(this.respondersOf(session).flatMap((r) => r.waiting())),
            ),
          );
      }
    }
    for (const [key, r] of this.responders)
      if (key.startsWith(`${session.localId}/`) && !wanted.has(key)) {
        r.destroy();
        this.responders.delete(key);
      }
    if (answers && this.membersSeen.get(session.localId) !== ledger.membersVersion) {
      this.membersSeen.set(session.localId, ledger.membersVersion);
      for (const r of this.respondersOf(session)) r.refresh();
    }
    this.emit();
  }
}

/** Whether we may remove or demote `key`: a member, or a facilitator junior to us. */
function outranks(session: CircleSession, key: string): boolean {
  const me = session.ledger.members.get(session.myKey);
  const them = session.ledger.members.get(key);
  return !!me && !!them && (them.role === 'member' || (them.rank ?? 0) > (me.rank ?? 0));
}

/**
 * Times come from authors' clocks. A message stamped far in the future sorts last, and if the
 * read marker took its time every later message would count as read; so the marker never
 * passes now, and a message from the future counts as unread only once its time has come.
 */
function newestUpTo(messages: ReadableList<ChatMessage>, now: number): number {
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages.at(i)!.ts <= now) return messages.at(i)!.ts;
  return 0;
}

/** Messages from others after the read marker, not counting any stamped later than now. */
export function unreadCount(
  messages: ReadableList<ChatMessage>,
  read: number,
  myKey: string,
  now: number,
): number {
  let unread = 0;
  for (let i = messages.length - 1; i >= 0 && messages.at(i)!.ts > read; i--) {
    const m = messages.at(i)!;
    if (m.ts <= now && m.author !== myKey) unread++;
  }
  return unread;
}
