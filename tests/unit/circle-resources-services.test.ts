// A circle's own support resources through the app's services (issue 17): a facilitator sets and
// clears them, each refusal worded calmly before anything is written; a member cannot; a newcomer
// given the head start sees them at once.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  emptyResourceDraft,
  type ResourceDraft,
} from '../../src-shared/safety/circle-resource-drafts';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { setCircleResources } from '../../src-renderer/services/circles/circle-resources';
import type { CircleStore } from '../../src-renderer/services/storage/circle-store';
import {
  forget,
  inside,
  newCircles,
  newDeviceStore,
  sessionOf,
  settle,
  useCircleServices,
  circleWithBob,
  welcomeCy,
} from '../support/circle-services';

useCircleServices();

const draft = (fields: Partial<ResourceDraft>): ResourceDraft => ({
  ...emptyResourceDraft(),
  ...fields,
});
const LINE = draft({ name: 'Riverside line', phone: '0800 123 456', web: 'riverside.example.org' });

describe('setCircleResources', () => {
  it('sets the list, logs it, refuses bad entries with a calm message, and clears it', async () => {
    const { circles, id, s } = await circleWithBob('Resources');
    expect(s.view().resources).toBeNull();
    const set = (drafts: ResourceDraft[]) => circles.act(id, (s) => setCircleResources(s, drafts));
    await set([LINE]);
    expect(s.view().resources).toMatchObject({
      by: s.myKey,
      entries: [
        { name: 'Riverside line', phone: '0800 123 456', web: 'https://riverside.example.org/' },
      ],
    });
    expect(s.view().facilitatorLog[0]).toMatchObject({ kind: 'resources', by: s.myKey });
    const before = s.ledger.nextSeq(s.myKey);
    await expect(set([LINE, draft({ name: 'x', web: 'javascript:alert(1)' })])).rejects.toThrow(
      /^Resource 2 needs a change: .*https:\/\//,
    );
    await expect(set([draft({ name: 'Nowhere', hours: '24/7' })])).rejects.toThrow(
      /at least one way to reach/,
    );
    await expect(set(Array.from({ length: 13 }, () => LINE))).rejects.toThrow(/up to 12/);
    // Each field within its limit, yet too many bytes for one record in a script of 3-byte characters.
    const long = (n: number) => '助'.repeat(n);
    const full = draft({ name: long(80), text: long(64), hours: long(80), note: long(300) });
    await expect(set(Array.from({ length: 12 }, () => full))).rejects.toThrow(/too long to share/);
    expect(s.ledger.nextSeq(s.myKey)).toBe(before);
    // Twelve entries with every field at its limit fit, in plain letters.
    const web = 'https://riverside.example.org/';
    const most = draft({
      name: 'n'.repeat(80),
      phone: '1'.repeat(32),
      text: 't'.repeat(64),
      web: web + 'p'.repeat(200 - web.length),
      hours: 'h'.repeat(80),
      note: 'o'.repeat(300),
    });
    await set(Array.from({ length: 12 }, () => most));
    expect(s.view().resources?.entries).toHaveLength(12);
    await set([]);
    expect(s.view().resources).toBeNull();
  });

  it('refuses a member before writing anything', async () => {
    const { bob } = await circleWithBob('Member');
    const asBob = { ledger: bob.ledger, myKey: bob.key } as unknown as CircleSession;
    await expect(setCircleResources(asBob, [LINE])).rejects.toThrow(/Only facilitators/);
  });
});

describe('a newcomer', () => {
  let newcomerStore: CircleStore;
  beforeAll(async () => {
    newcomerStore = await newDeviceStore();
  });

  it('given the head start, sees the circle resources before any sync', async () => {
    const { circles: ana, id } = await circleWithBob('Head start');
    await ana.act(id, (s) => setCircleResources(s, [LINE]));
    const { row, welcome } = await welcomeCy(ana, id);
    await ana.closeAll();
    forget(ana);

    const cy = newCircles(newcomerStore);
    const localId = await inside(cy).admitted(welcome, row, []);
    const c = sessionOf(cy, localId);
    await settle(c);
    expect(c.view().resources?.entries.map((e) => e.name)).toEqual(['Riverside line']);
    expect(c.view().myRole).toBe('member');
  });
});
