// Which invites' lobbies a device answers for a circle (lobby-responder.ts does the answering):
// facilitators answer every recent invite, members too where the circle lets them invite. Recent,
// so that a code that has expired, been used up or withdrawn still gets its newcomer a clear
// answer for a while, without a lobby per invite ever made.
import { LobbyResponder } from './lobby-responder';
import type { CircleSession, NetworkSettings } from './circle-session';
import type { OpenRoom } from './room-connection';

const DAY = 24 * 3_600_000;
const ANSWER_INVITES_FOR_MS = 14 * DAY;
const MAX_LOBBIES_PER_CIRCLE = 16;

/** The responders of one circle, from the device's map keyed `${localId}/${inviteId}`. */
export function respondersOf(
  responders: ReadonlyMap<string, LobbyResponder>,
  session: CircleSession,
): LobbyResponder[] {
  return [...responders.entries()]
    .filter(([key]) => key.startsWith(`${session.localId}/`))
    .map(([, r]) => r);
}

/**
 * Starts and stops the circle's responders as its invites and our role change, and has them
 * answer again when the members changed (someone else approved a knock we hold, say).
 * `membersSeen` remembers, per circle, the members version last answered for.
 */
export function keepLobbies(
  responders: Map<string, LobbyResponder>,
  session: CircleSession,
  live: boolean,
  membersSeen: Map<string, number>,
  deps: { network: NetworkSettings; openRoom: OpenRoom },
): void {
  const { ledger, myKey } = session;
  const answers = live && session.standing === 'member' && ledger.mayInvite(myKey);
  const wanted = new Set<string>();
  if (answers) {
    const recent = [...ledger.invites.values()]
      .filter((i) => i.createdAt > Date.now() - ANSWER_INVITES_FOR_MS)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, MAX_LOBBIES_PER_CIRCLE);
    for (const invite of recent) {
      const key = `${session.localId}/${invite.inviteId}`;
      wanted.add(key);
      if (!responders.has(key))
        responders.set(
          key,
          new LobbyResponder(
            session,
            invite.inviteId,
            { ...deps.network, signalingUrls: session.signalingUrls },
            deps.openRoom,
            () => session.setKnocks(respondersOf(responders, session).flatMap((r) => r.waiting())),
          ),
        );
    }
  }
  for (const [key, r] of responders)
    if (key.startsWith(`${session.localId}/`) && !wanted.has(key)) {
      r.destroy();
      responders.delete(key);
    }
  if (answers && membersSeen.get(session.localId) !== ledger.membersVersion) {
    membersSeen.set(session.localId, ledger.membersVersion);
    for (const r of respondersOf(responders, session)) r.refresh();
  }
}
