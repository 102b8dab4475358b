// Answers knocks in one invite's lobby on behalf of a circle (docs/ARCHITECTURE.md "Joining", step 3).
// Facilitators run one per open invite while online (members too where the circle lets them
// invite; lobby-responders.ts). What a knock gets depends on the invite as the ledger sees it:
// - expired, used up or withdrawn: a status saying so, and no key;
// - approval by a facilitator (the default): "a facilitator has been asked", and the knock waits
//   in the facilitators' queue until one approves (an admission, then the welcome) or declines;
// - automatic approval: an admission and the welcome at once.
// Nothing is sealed to a newcomer before an admission that the ledger accepts.
import { LOBBY_SHAPE } from '../../../src-shared/circle/doc-shapes';
import * as Y from 'yjs';
import { fromBase64Url } from '../../../src-shared/bytes';
import {
  isWelcomeFor,
  newResponderId,
  openKnock,
  sealStatus,
  sealWelcome,
  welcomeKey,
  type Knock,
  type LobbyStatus,
} from '../../../src-shared/circle/lobby';
import { memberBadge } from '../../../src-shared/circle/member-badge';
import { lobbyFor } from '../../../src-shared/crypto/keys';
import type { KnockRequest } from '../types';
import type { CircleSession, NetworkSettings } from './circle-session';
import type { OpenRoom, RoomLike } from './room-connection';

/**
 * Everyone in the lobby downloads every welcome in it, and a welcome with a head start is up to
 * ~150 KB. Newcomers take theirs out once in (or on giving up), so only abandoned joins, or
 * someone knocking with many keys, leave them behind; past this many of ours still there,
 * welcomes carry the keys only.
 */
const MAX_HEAD_STARTS_OUTSTANDING = 8;
/** An answer bigger than this carries a head start (a status or keys alone are a few KB). */
const HEAD_START_SIZE_HINT = 8 * 1024;
/**
 * Knocks queued for approval at once per invite. Anyone with the code can knock with throwaway
 * keys, so past this many the oldest waiting knock makes room for the newest: a real newcomer
 * arriving after a flood is always listed (and a flood of old knocks soon drops out).
 */
export const MAX_QUEUED = 200;

interface Queued {
  knock: Knock;
  at: number;
}

export class LobbyResponder {
  private readonly doc = new Y.Doc();
  private readonly knocks = this.doc.getMap<Uint8Array>('knocks');
  private readonly welcomes = this.doc.getMap<Uint8Array>('welcomes');
  private readonly room: RoomLike;
  private readonly responderId = newResponderId();
  /** What we last told each request, so a knock written again is not answered again. */
  private readonly told = new Map<string, LobbyStatus | 'welcome'>();
  /** Knocks waiting for a facilitator's decision. */
  private readonly queue = new Map<string, Queued>();
  private readonly declined = new Set<string>();
  /** Knocks pushed out of a full queue by newer ones. */
  private readonly evicted = new Set<string>();
  /** Requests we gave a head start to. Counted here, not from the lobby's keys, which anyone can write. */
  private readonly headStarts = new Set<string>();
  /** Requests we let in (or welcomed) whose knock is still in the lobby: their welcome is not picked up. */
  private readonly letIn = new Set<string>();

  constructor(
    private readonly session: CircleSession,
    readonly inviteId: string,
    network: NetworkSettings,
    openRoom: OpenRoom,
    /** The queue of knocks waiting for approval changed, or a newcomer let in picked up its welcome. */
    private readonly onQueueChanged: () => void,
  ) {
    const invite = session.ledger.invites.get(inviteId)!;
    const lobby = lobbyFor(fromBase64Url(invite.secret)!);
    this.knocks.observe((event) => {
      for (const requestId of event.keysChanged as Set<string>) {
        if (!this.knocks.has(requestId) && this.letIn.delete(requestId)) this.onQueueChanged();
        this.answer(requestId);
      }
    });
    this.room = openRoom(
      {
        ...lobby,
        doc: this.doc,
        shape: LOBBY_SHAPE,
        signalingUrls: network.signalingUrls,
        iceServers: network.iceServers,
      },
      () => {},
    );
  }

  /** Knocks waiting for a facilitator, oldest first. */
  waiting(): KnockRequest[] {
    return [...this.queue.entries()].map(([requestId, { knock, at }]) => ({
      requestId,
      inviteId: this.inviteId,
      memberKey: knock.member,
      badge: memberBadge(knock.member),
      displayName: knock.displayName,
      at,
    }));
  }

  has(requestId: string): boolean {
    return this.queue.has(requestId);
  }

  /**
   * Whether a newcomer let in here has not picked up its welcome yet (it takes its knock out of
   * the lobby once in): the lobby stays open for it even though its admission used the invite up.
   */
  get welcoming(): boolean {
    for (const requestId of this.letIn)
      if (!this.knocks.has(requestId)) this.letIn.delete(requestId);
    return this.letIn.size > 0;
  }

  /** A facilitator says yes: the admission goes into the circle, then the welcome to the newcomer. */
  approve(requestId: string): void {
    const queued = this.queue.get(requestId);
    if (!queued) throw new Error('This request is no longer waiting.');
    const problem = this.inviteProblem();
    if (problem) {
      this.tell(queued.knock, problem);
      this.unqueue(requestId);
      throw new Error(problemText[problem]);
    }
    this.admit(queued.knock);
    this.unqueue(requestId);
    this.welcome(queued.knock);
  }

  /** A facilitator says no: the newcomer is told, and nothing is shared with them. */
  decline(requestId: string): void {
    const queued = this.queue.get(requestId);
    if (!queued) return;
    this.declined.add(requestId);
    this.tell(queued.knock, 'declined');
    this.unqueue(requestId);
  }

  /** The circle changed: answer what the ledger now decides (someone else approved, the invite ended). */
  refresh(): void {
    for (const requestId of [...this.knocks.keys()]) this.answer(requestId);
  }

  destroy(): void {
    this.room.destroy();
    this.doc.destroy();
  }

  /** Deletes what sits under `requestId` if it still is no knock (after the change being observed). */
  private takeOutJunk(requestId: string): void {
    queueMicrotask(() => {
      const value = this.knocks.get(requestId);
      const knock = value === undefined ? null : openKnock(value, this.inviteId);
      if (value !== undefined && (!knock || knock.requestId !== requestId))
        this.knocks.delete(requestId);
    });
  }

  private answer(requestId: string): void {
    const knock = openKnock(this.knocks.get(requestId), this.inviteId);
    // Junk written over a knock, or under a made-up id: taken out, so that junk does not pile up
    // in the lobby; a real newcomer writes its knock again.
    if (!knock || knock.requestId !== requestId) return this.takeOutJunk(requestId);
    const ledger = this.session.ledger;
    if (ledger.members.has(knock.member)) {
      this.unqueue(requestId);
      this.welcome(knock);
      return;
    }
    if (this.declined.has(requestId) || ledger.departures.has(knock.member)) {
      this.tell(knock, 'declined');
      return;
    }
    const problem = this.inviteProblem();
    if (problem) {
      this.unqueue(requestId);
      this.tell(knock, problem);
      return;
    }
    const invite = ledger.invites.get(this.inviteId)!;
    if (invite.approval === 'auto' && ledger.mayInvite(this.session.myKey)) {
      this.admit(knock);
      this.welcome(knock);
      return;
    }
    this.tell(knock, 'awaiting-approval');
    const { queue, evicted } = this;
    if (
      ledger.isFacilitator(this.session.myKey) &&
      !queue.has(requestId) &&
      !evicted.has(requestId)
    ) {
      // The evicted knock is told nothing new, and a refresh does not queue it again (it would
      // push out a newer one in turn); the newcomer can knock again with a new attempt.
      if (queue.size >= MAX_QUEUED) {
        const oldest = queue.keys().next().value!;
        queue.delete(oldest);
        evicted.add(oldest);
      }
      queue.set(requestId, { knock, at: Date.now() });
      this.onQueueChanged();
    }
  }

  /** Why the invite lets nobody in now, or null. The ledger decides; this only reads it. */
  private inviteProblem(): InviteProblem | null {
    const invite = this.session.ledger.invites.get(this.inviteId);
    if (!invite || invite.revoked) return 'revoked';
    if (invite.maxUses !== null && invite.used >= invite.maxUses) return 'used-up';
    if (invite.expiresAt !== null && Date.now() > invite.expiresAt) return 'expired';
    return null;
  }

  private admit(knock: Knock): void {
    // Before the admission is appended: it may use the invite up, and the lobby must stay.
    this.letIn.add(knock.requestId);
    this.session.append(
      this.session.draft('admit', {
        member: knock.member,
        displayName: knock.displayName,
        inviteId: this.inviteId,
        knock: { ts: knock.ts, sig: knock.sig },
      }),
    );
  }

  private welcome(knock: Knock): void {
    if (
      !this.session.ledger.members.has(knock.member) ||
      this.told.get(knock.requestId) === 'welcome'
    )
      return;
    const { secrets } = this.session;
    this.letIn.add(knock.requestId);
    const headStart = this.mayGiveHeadStart(knock.requestId) ? this.session.headStartRecords() : [];
    if (headStart.length > 0) this.headStarts.add(knock.requestId);
    this.told.set(knock.requestId, 'welcome');
    this.welcomes.set(
      welcomeKey(knock.requestId, this.responderId),
      sealWelcome(
        knock,
        secrets.genesisSigned,
        secrets.epochs,
        this.session.welcomeChain(knock.member),
        headStart,
      ),
    );
  }

  private tell(knock: Knock, status: LobbyStatus): void {
    if (this.told.get(knock.requestId) === status) return;
    this.told.set(knock.requestId, status);
    this.welcomes.set(
      welcomeKey(knock.requestId, this.responderId),
      sealStatus(knock, this.session.secrets.genesisSigned, status),
    );
  }

  private unqueue(requestId: string): void {
    if (this.queue.delete(requestId)) this.onQueueChanged();
  }

  /**
   * Not when another member's welcome with a head start is there already (one is enough: the
   * answers are sealed, but a status is small and a head start is not), nor past the limit.
   */
  private mayGiveHeadStart(requestId: string): boolean {
    for (const r of this.headStarts)
      if (!this.welcomes.has(welcomeKey(r, this.responderId))) this.headStarts.delete(r);
    if (this.headStarts.size >= MAX_HEAD_STARTS_OUTSTANDING) return false;
    for (const [key, answer] of this.welcomes.entries())
      if (
        isWelcomeFor(key, requestId) &&
        key !== welcomeKey(requestId, this.responderId) &&
        answer instanceof Uint8Array &&
        answer.length > HEAD_START_SIZE_HINT
      )
        return false;
    return true;
  }
}

/** Why an invite lets nobody in any more. */
type InviteProblem = Extract<LobbyStatus, 'expired' | 'used-up' | 'revoked'>;

/** What a facilitator is told when the invite ended while a knock waited. */
const problemText: Record<InviteProblem, string> = {
  expired: 'This invite has expired, so this person can no longer be let in with it.',
  'used-up': 'This invite has been used as many times as it allows.',
  revoked: 'This invite was withdrawn.',
};
