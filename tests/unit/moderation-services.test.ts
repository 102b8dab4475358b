// The moderation actions of the app (issue 17): a facilitator hides, mutes and sets guidelines
// through Circles, each refused with a clear message where the record would be void or wrong,
// and a newcomer given the head start never sees a hidden message unmarked.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import {
  hideMessage,
  muteMember,
  setGuidelines,
  showMessage,
  unmuteMember,
} from '../../src-renderer/services/circles/circle-moderation';
import type { CircleStore } from '../../src-renderer/services/storage/circle-store';
import {
  forget,
  inside,
  newCircles,
  newDeviceStore,
  recordsIn,
  sessionOf,
  settle,
  useCircleServices,
  circleWithBob,
  welcomeCy,
} from '../support/circle-services';

useCircleServices();

const DAY = 24 * 3_600_000;

describe('moderation through Circles', () => {
  it('hides a message with a reason, refuses to hide it twice, and shows it again', async () => {
    const { circles, id, s, bob, fromBob } = await circleWithBob('Hide');
    const m = await fromBob('a method, in detail');
    await circles.act(id, (x) => hideMessage(x, bob.key, m.id, '  Describes a method '));
    const shown = () => [...s.view().messages].find((x) => x.id === m.id);
    expect(shown()?.hidden).toEqual({ by: s.myKey, reason: 'Describes a method' });
    expect(s.view().facilitatorLog[0]).toMatchObject({ kind: 'hidden', member: bob.key });
    await expect(circles.act(id, (x) => hideMessage(x, bob.key, m.id, 'again'))).rejects.toThrow(
      /already hidden/,
    );
    await expect(circles.act(id, (x) => showMessage(x, bob.key, m.id, ''))).rejects.toThrow(
      /reason/,
    );
    await circles.act(id, (x) => showMessage(x, bob.key, m.id, 'Talked it through'));
    expect(shown()?.hidden).toBeUndefined();
    expect(s.view().facilitatorLog[0]).toMatchObject({
      kind: 'unhidden',
      reason: 'Talked it through',
    });
  });

  it('mutes a member for a while: messages then are not shown, the view says until when', async () => {
    const { circles, id, s, bob, fromBob } = await circleWithBob('Mute');
    const until = Date.now() + DAY;
    await expect(circles.act(id, (x) => muteMember(x, s.myKey, until, 'r'))).rejects.toThrow(
      /yourself/,
    );
    await expect(
      circles.act(id, (x) => muteMember(x, bob.key, Date.now() - 1, 'r')),
    ).rejects.toThrow(/future/);
    await expect(
      circles.act(id, (x) => muteMember(x, bob.key, Date.now() + 31 * DAY, 'r')),
    ).rejects.toThrow(/30 days/);
    await expect(circles.act(id, (x) => unmuteMember(x, bob.key, 'r'))).rejects.toThrow(
      /not muted/,
    );
    await circles.act(id, (x) => muteMember(x, bob.key, until, 'A pause'));
    expect(s.view().mutes.get(bob.key)).toEqual({ until, reason: 'A pause' });
    await fromBob('while muted');
    expect(s.view().messages.map((x) => x.text)).not.toContain('while muted');
    await circles.act(id, (x) => unmuteMember(x, bob.key, 'Pause over'));
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
    await expect(circles.act(id, (x) => setGuidelines(x, '  \n '))).rejects.toThrow(/some text/);
    await expect(circles.act(id, (x) => setGuidelines(x, 'x'.repeat(4001)))).rejects.toThrow(
      /4000/,
    );
    await circles.act(id, (x) => setGuidelines(x, '<b>Be kind.</b>'));
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
    newcomerStore = await newDeviceStore();
  });

  it('given the head start, never sees a hidden message unmarked, nor a muted one', async () => {
    const { circles: ana, id, s, bob, fromBob } = await circleWithBob('Head start');
    const hidden = await fromBob('hidden text');
    await ana.act(id, (x) => hideMessage(x, bob.key, hidden.id, 'Describes a method'));
    await ana.act(id, (x) => muteMember(x, bob.key, Date.now() + DAY, 'A pause'));
    await fromBob('while muted');
    await ana.act(id, (x) => setGuidelines(x, 'Be kind.'));
    s.append(s.draft('message', { text: 'welcome, Cy' }));

    const { row, welcome } = await welcomeCy(ana, id);
    await ana.closeAll();
    forget(ana);

    const cy = newCircles(newcomerStore);
    const seen: string[] = [];
    cy.subscribe(() => {
      for (const c of cy.circles())
        for (const m of cy.circleView(c.localId)?.messages ?? [])
          seen.push(`${m.text}|${m.hidden ? 'hidden' : ''}`);
    });
    const localId = await inside(cy).admitted(welcome, row, []);
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
