// Answers knocks in one invite's lobby on behalf of a circle (docs/ARCHITECTURE.md "Joining", step 3).
// Every member whose role allows admitting runs one per live invite while online.
import * as Y from 'yjs';
import { fromBase64Url } from '../../../src-shared/bytes';
import type { Invite } from '../../../src-shared/circle/ledger';
import {
  isWelcomeFor,
  newResponderId,
  openKnock,
  sealWelcome,
  welcomeKey,
} from '../../../src-shared/circle/lobby';
import { lobbyFor } from '../../../src-shared/crypto/keys';
import { Room } from '../sync/room';
import type { CircleSession, NetworkSettings } from './circle-session';

/**
 * Everyone in the lobby downloads every welcome in it, and a welcome with a head start is up to
 * ~90 KB. Newcomers take theirs out once in (or on giving up), so only abandoned joins, or
 * someone knocking with many keys, leave them behind; past this many of ours still there,
 * welcomes carry the keys only.
 */
const MAX_HEAD_STARTS_OUTSTANDING = 8;

export class LobbyResponder {
  private readonly doc = new Y.Doc();
  private readonly knocks = this.doc.getMap<Uint8Array>('knocks');
  private readonly welcomes = this.doc.getMap<Uint8Array>('welcomes');
  private readonly room: Room;
  private readonly responderId = newResponderId();
  /** Knocks this responder answered; other members answer under their own keys. */
  private readonly answered = new Set<string>();
  /** Requests we gave a head start to. Counted here, not from the lobby's keys, which anyone can write. */
  private readonly headStarts = new Set<string>();

  constructor(
    private readonly session: CircleSession,
    private readonly invite: Invite,
    network: NetworkSettings,
  ) {
    const lobby = lobbyFor(fromBase64Url(invite.secret)!);
    this.knocks.observe((event) => {
      for (const requestId of event.keysChanged as Set<string>) this.answer(requestId);
    });
    this.room = new Room(
      {
        ...lobby,
        doc: this.doc,
        signalingUrls: network.signalingUrls,
        iceServers: network.iceServers,
      },
      () => {},
    );
  }

  private answer(requestId: string): void {
    if (this.answered.has(requestId)) return;
    if (this.invite.expiresAt !== null && Date.now() > this.invite.expiresAt) return;
    const knock = openKnock(this.knocks.get(requestId), this.invite.inviteId);
    if (!knock || knock.requestId !== requestId) return; // junk written over a knock: the newcomer writes it again
    this.answered.add(requestId);
    const ledger = this.session.ledger;
    if (!ledger.members.has(knock.member)) {
      this.session.append(
        this.session.draft('admit', {
          member: knock.member,
          displayName: knock.displayName,
          inviteId: this.invite.inviteId,
        }),
      );
    }
    const { secrets, signalingUrls } = this.session;
    const headStart = this.mayGiveHeadStart(requestId)
      ? this.session.headStartRecords(knock.member)
      : [];
    if (headStart.length > 0) this.headStarts.add(requestId);
    this.welcomes.set(
      welcomeKey(requestId, this.responderId),
      sealWelcome(knock, secrets.genesisSigned, secrets.epochs, signalingUrls, headStart),
    );
  }

  /** Not when another member's welcome is there already (one head start is enough), nor past the limit. */
  private mayGiveHeadStart(requestId: string): boolean {
    for (const r of this.headStarts)
      if (!this.welcomes.has(welcomeKey(r, this.responderId))) this.headStarts.delete(r);
    if (this.headStarts.size >= MAX_HEAD_STARTS_OUTSTANDING) return false;
    for (const key of this.welcomes.keys()) if (isWelcomeFor(key, requestId)) return false;
    return true;
  }

  destroy(): void {
    this.room.destroy();
    this.doc.destroy();
  }
}
