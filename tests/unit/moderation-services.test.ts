// The moderation actions of the app (issue 17): a facilitator hides, mutes and sets guidelines
// through Circles, each refused with a clear message where the record would be void or wrong,
// and a newcomer given the head start never sees a hidden message unmarked.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMemberKeys, inviteIdOf } from '../../src-shared/crypto/keys';
import { openAnswer, openKnock, sealWelcome } from '../../src-shared/circle/lobby';
import { decodeShareCode } from '../../src-shared/share-code';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { muteMember, setGuidelines } from '../../src-renderer/services/circles/circle-moderation';
import { JoinSession } from '../../src-renderer/services/circles/join-session';
import { CircleStore } from '../../src-renderer/services/storage/circle-store';
import { Vault } from '../../src-renderer/services/vault/vault';
import {
  deriveKek,
  forget,
  inside,
  newCircles,
  newDb,
  PASSPHRASE,
  recordsIn,
  remotePeer,
  sessionOf,
  settle,
  useCircleServices,
} from '../support/circle-services';
import { admitBodyFor, SimMember } from '../support/circle-sim';
import { sealBy } from '../support/sealed-writer';

useCircleServices();

const DAY = 24 * 3_600_000;

/** A circle of Ana's with Bob admitted; what Bob writes arrives as a peer's record. */
async function circleWithBob(name: string) {
  const circles = newCircles();
  const id = await circles.createCircle({ name, description: '', displayName: 'Ana' });
  const s = sessionOf(circles, id);
  const { token } = await circles.createInvite(id);
  const decoded = decodeShareCode(token);
  if (!decoded.ok) throw new Error('invite code does not decode');
  const bobKeys = generateMemberKeys();
  s.append(s.draft('admit', admitBodyFor(bobKeys, 'Bob', inviteIdOf(decoded.code.inviteSecret))));
  const bob = new SimMember(bobKeys, s.ledger.genesis).receive(recordsIn(s));
  const bobPeer = remotePeer(s, 'bob');
  const fromBob = async (text: string, ts = Date.now()) => {
    const record = bob.message(text, ts);
    bobPeer.log.append([sealBy(bob, record, s.currentEpoch().contentKey)]);
    await settle(s);
    return record;
  };
  return { circles, id, s, bob, fromBob };
}

describe('moderation through Circles', () => {
  it('hides a message with a reason, refuses to hide it twice, and shows it again', async () => {
    const { circles, id, s, bob, fromBob } = await circleWithBob('Hide');
    const m = await fromBob('a method, in detail');
    await circles.hideMessage(id, bob.key, m.id, '  Describes a method ');
    const shown = () => [...s.view().messages].find((x) => x.id === m.id);
    expect(shown()?.hidden).toEqual({ by: s.myKey, reason: 'Describes a method' });
    expect(s.view().facilitatorLog[0]).toMatchObject({ kind: 'hidden', member: bob.key });
    await expect(circles.hideMessage(id, bob.key, m.id, 'again')).rejects.toThrow(/already hidden/);
    await expect(circles.showMessage(id, bob.key, m.id, '')).rejects.toThrow(/reason/);
    await circles.showMessage(id, bob.key, m.id, 'Talked it through');
    expect(shown()?.hidden).toBeUndefined();
    expect(s.view().facilitatorLog[0]).toMatchObject({
      kind: 'unhidden',
      reason: 'Talked it through',
    });
  });

  it('mutes a member for a while: messages then are not shown, the view says until when', async () => {
    const { circles, id, s, bob, fromBob } = await circleWithBob('Mute');
    const until = Date.now() + DAY;
    await expect(circles.muteMember(id, s.myKey, until, 'r')).rejects.toThrow(/yourself/);
    await expect(circles.muteMember(id, bob.key, Date.now() - 1, 'r')).rejects.toThrow(/future/);
    await expect(circles.muteMember(id, bob.key, Date.now() + 31 * DAY, 'r')).rejects.toThrow(
      /30 days/,
    );
    await expect(circles.unmuteMember(id, bob.key, 'r')).rejects.toThrow(/not muted/);
    await circles.muteMember(id, bob.key, until, 'A pause');
    expect(s.view().mutes.get(bob.key)).toEqual({ until, reason: 'A pause' });
    await fromBob('while muted');
    expect(s.view().messages.map((x) => x.text)).not.toContain('while muted');
    await circles.unmuteMember(id, bob.key, 'Pause over');
    expect(s.view().mutes.size).toBe(0);
    await fromBob('after the mute');
    expect(s.view().messages.map((x) => x.text)).toEqual(['after the mute']);
    expect(
      s
        .view()
        .facilitatorLog.slice(0, 2)
        .map((e) => e.kind),
    ).toEqual(['unmuted', 'muted']);
  });

  it('sets the guidelines as plain text, refusing empty or overlong text', async () => {
    const { circles, id, s } = await circleWithBob('Guidelines');
    expect(s.view().guidelines).toBeNull();
    await expect(circles.setGuidelines(id, '  \n ')).rejects.toThrow(/some text/);
    await expect(circles.setGuidelines(id, 'x'.repeat(4001))).rejects.toThrow(/4000/);
    await circles.setGuidelines(id, '<b>Be kind.</b>');
    expect(s.view().guidelines).toMatchObject({ text: '<b>Be kind.</b>', by: s.myKey });
  });

  it('refuses members and mutes of a senior facilitator before writing anything', async () => {
    const { s, bob } = await circleWithBob('Roles');
    // Bob's own view of the circle, as his app would hold it: not a facilitator.
    const asBob = { ledger: bob.ledger, myKey: bob.key } as unknown as CircleSession;
    await expect(setGuidelines(asBob, 'Mine')).rejects.toThrow(/Only facilitators/);
    // Bob made a co-facilitator, junior to Ana: he may not mute her.
    s.append(s.draft('role', { member: bob.key, role: 'facilitator', upTo: 0 }));
    bob.receive(recordsIn(s));
    await expect(muteMember(asBob, s.myKey, Date.now() + DAY, 'r')).rejects.toThrow(/longer/);
  });
});

describe('a newcomer', () => {
  let newcomerStore: CircleStore;
  beforeAll(async () => {
    const newcomerDb = newDb();
    const newcomerVault = new Vault(newcomerDb, deriveKek);
    await newcomerVault.create(PASSPHRASE, () => {});
    newcomerStore = new CircleStore(newcomerDb, newcomerVault);
  });

  it('given the head start, never sees a hidden message unmarked, nor a muted one', async () => {
    const { circles: ana, id, s, bob, fromBob } = await circleWithBob('Head start');
    const hidden = await fromBob('hidden text');
    await ana.hideMessage(id, bob.key, hidden.id, 'Describes a method');
    await ana.muteMember(id, bob.key, Date.now() + DAY, 'A pause');
    await fromBob('while muted');
    await ana.setGuidelines(id, 'Be kind.');
    s.append(s.draft('message', { text: 'welcome, Cy' }));

    const { token } = await ana.createInvite(id);
    const decoded = decodeShareCode(token);
    if (!decoded.ok) throw new Error('invite code does not decode');
    const inviteId = inviteIdOf(decoded.code.inviteSecret);
    const row = JoinSession.start(token, decoded.code, 'Cy');
    const knock = openKnock(row.knock, inviteId)!;
    s.append(
      s.draft('admit', {
        member: knock.member,
        displayName: knock.displayName,
        inviteId,
        knock: { ts: knock.ts, sig: knock.sig },
      }),
    );
    const welcome = sealWelcome(
      knock,
      s.secrets.genesisSigned,
      s.secrets.epochs,
      s.welcomeChain(knock.member),
      s.headStartRecords(),
    );
    const answer = openAnswer(welcome, row.keys, row.requestId, decoded.code);
    if (!answer.ok || answer.kind !== 'welcome') throw new Error('welcome does not open');
    await ana.closeAll();
    forget(ana);

    const cy = newCircles(newcomerStore);
    const seen: string[] = [];
    cy.subscribe(() => {
      for (const c of cy.circles())
        for (const m of cy.circleView(c.localId)?.messages ?? [])
          seen.push(`${m.text}|${m.hidden ? 'hidden' : ''}`);
    });
    const localId = await inside(cy).admitted(answer.welcome, row, []);
    const c = sessionOf(cy, localId);
    await settle(c);
    expect(c.view().messages.map((m) => `${m.text}|${m.hidden?.reason ?? ''}`)).toEqual([
      'hidden text|Describes a method',
      'welcome, Cy|',
    ]);
    expect(seen).toContain('hidden text|hidden');
    expect(seen).not.toContain('hidden text|');
    expect(seen.some((x) => x.startsWith('while muted'))).toBe(false);
    expect(c.view().guidelines?.text).toBe('Be kind.');
    expect(c.view().mutes.has(bob.key)).toBe(true);
  });
});
