// Joining through the lobby: the welcome's head start shows the newest messages before the
// history arrives, each record is judged once, and a forged head start is judged like any peer's.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64Url } from '../../src-shared/bytes';
import { generateMemberKeys, inviteIdOf } from '../../src-shared/crypto/keys';
import { sealRecord, signContent, sealSigned } from '../../src-shared/records/seal';
import {
  isWelcomeFor,
  openAnswer,
  openKnock,
  sealStatus,
  sealWelcome,
} from '../../src-shared/circle/lobby';
import { decodeShareCode } from '../../src-shared/share-code';
import { JoinSession } from '../../src-renderer/services/circles/join-session';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import type { Circles } from '../../src-renderer/services/circles/circles';
import type { OpenRoom, RoomLike } from '../../src-renderer/services/circles/room-connection';
import type { CircleStore } from '../../src-renderer/services/storage/circle-store';
import {
  newDeviceStore,
  sessionOf,
  settle,
  newCircles,
  forget,
  inside,
  useCircleServices,
} from '../support/circle-services';
import { SimMember } from '../support/circle-sim';
import { sealBy } from '../support/sealed-writer';

useCircleServices();

describe('Joining', () => {
  // The newcomer keeps its own device: a second vault and store.
  let newcomerStore: CircleStore;
  beforeAll(async () => {
    newcomerStore = await newDeviceStore();
  });

  /**
   * Bob knocks on Ana's circle and Ana answers as her lobby responder does, with `recent` as the
   * head start. Ana's app is then closed: y-webrtc allows one copy of a room per process, and
   * here both devices share one. Returns Bob's session and Ana's document, for the sync.
   */
  async function knockAndWelcome(
    ana: Circles,
    id: string,
    recent: (s: CircleSession) => Uint8Array[],
  ) {
    const s = sessionOf(ana, id);
    const { token } = await ana.createInvite(id);
    const decoded = decodeShareCode(token);
    if (!decoded.ok) throw new Error('invite code does not decode');
    const inviteId = inviteIdOf(decoded.code.inviteSecret);
    const row = JoinSession.start(token, decoded.code, 'Bob');
    const knock = openKnock(row.knock, inviteId)!;
    s.append(
      s.draft('admit', {
        member: knock.member,
        displayName: knock.displayName,
        inviteId,
        knock: { ts: knock.ts, sig: knock.sig },
      }),
    );
    const answer = openAnswer(
      sealWelcome(
        knock,
        s.secrets.genesisSigned,
        s.secrets.epochs,
        s.welcomeChain(knock.member),
        recent(s),
      ),
      row.keys,
      row.requestId,
      decoded.code,
    );
    if (!answer.ok || answer.kind !== 'welcome') throw new Error('welcome does not open');
    const anaState = Y.encodeStateAsUpdate(s.doc);
    const anaHeadStart = s.headStartRecords().map(toBase64Url);
    await ana.closeAll();
    forget(ana);
    const bob = newCircles(newcomerStore);
    const localId = await inside(bob).admitted(answer.welcome, row, []);
    const b = sessionOf(bob, localId);
    await settle(b);
    return { b, bob, localId, anaState, anaHeadStart };
  }

  /** Ana's circle with `n` messages of hers. */
  async function anaWith(n: number, name: string) {
    const ana = newCircles();
    const id = await ana.createCircle({ name, description: '', displayName: 'Ana' });
    const s = sessionOf(ana, id);
    for (let i = 0; i < n; i++) s.append(s.draft('message', { text: `message ${i}` }));
    return { ana, id, s };
  }

  it('a newcomer sees the newest messages from its welcome before the history arrives, and judges each record once', async () => {
    const { ana, id } = await anaWith(400, 'Head start');
    const { b, localId, anaState } = await knockAndWelcome(ana, id, (s) => s.headStartRecords());

    let view = b.view();
    expect(b.log.all()).toHaveLength(0); // nothing has come through the circle's document yet
    expect(view.messages).toHaveLength(150);
    expect(view.messages.at(-1)!.text).toBe('message 399');
    expect(view.members.get(b.myKey)).toMatchObject({ displayName: 'Bob', role: 'member' });
    expect(view.ignoredRecords).toBe(0);
    // Bob's own admission is on disk within 100 ms, well inside the second that other records
    // from peers wait: had he quit at once, he would still find himself a member.
    const admittedOnDisk = async () =>
      (await newcomerStore.loadJudged(localId)).batch.records.flatMap(({ record }) =>
        record.kind === 'admit' ? [record.body.member] : [],
      );
    // Checked on the write's schedule (reading the disk takes a while on a busy machine), then on disk.
    const flushDue = (b as unknown as { writes: { flushDue: number } }).writes.flushDue;
    expect(flushDue - performance.now()).toBeLessThanOrEqual(100);
    await expect.poll(admittedOnDisk, { timeout: 5_000, interval: 50 }).toContain(b.myKey);

    // The sync then brings the whole history, the head start included: each record is opened
    // and stored once (skipped by envelope key), and nothing is added back to the log.
    Y.applyUpdate(b.doc, anaState, 'remote');
    await settle(b);
    b.shareUnconfirmed();
    view = b.view();
    expect(view.messages.map((m) => m.text)).toEqual(
      Array.from({ length: 400 }, (_, i) => `message ${i}`),
    );
    expect(view.ignoredRecords).toBe(0);
    expect(b.log.all()).toHaveLength(402); // 400 messages, the invite, Bob's admission
    await b.persist();
    const stored = (await newcomerStore.loadJudged(localId)).batch.records.map((r) => r.key);
    expect(stored).toHaveLength(402);
    expect(new Set(stored).size).toBe(402);
  });

  it('a newcomer that caught up from the document hands out the same head start as the member who let it in', async () => {
    const { ana, id } = await anaWith(300, 'Caught up');
    const { b, anaState, anaHeadStart } = await knockAndWelcome(ana, id, () => []);
    expect(b.view().messages).toHaveLength(0);
    Y.applyUpdate(b.doc, anaState, 'remote'); // 302 new records: the worker-pool path, in catch-up order
    await settle(b);
    expect(b.view().messages).toHaveLength(300);
    expect(b.headStartRecords().map(toBase64Url)).toEqual(anaHeadStart);
  });

  it('a circle reopened from storage hands out the same head start, without opening its records again', async () => {
    const { ana, id, s } = await anaWith(300, 'Reopened');
    const before = s.headStartRecords().map(toBase64Url);
    expect(before).toHaveLength(150);
    await ana.closeAll();
    forget(ana);

    const again = newCircles();
    await again.openAll();
    expect(sessionOf(again, id).headStartRecords().map(toBase64Url)).toEqual(before);
  });

  it('a responder gives one head start per knock, and none past 8 welcomes of its own left in the lobby', async () => {
    const ana = newCircles();
    const id = await ana.createCircle({ name: 'Busy lobby', description: '', displayName: 'Ana' });
    await ana.sendMessage(id, 'hello, newcomers');
    // Let in on knocking: the welcome (and its head start) goes out at once.
    const { token } = await ana.createInvite(id, {
      expiresIn: '1d',
      maxUses: null,
      approval: 'auto',
    });
    const decoded = decodeShareCode(token);
    if (!decoded.ok) throw new Error('invite code does not decode');
    const responder = [...inside(ana).lobbies.responders.values()][0]!;
    const knocks = responder.doc.getMap<Uint8Array>('knocks');
    const welcomes = responder.doc.getMap<Uint8Array>('welcomes');
    /** How many records Ana's welcome to `row` carries. */
    const headStartOf = (row: ReturnType<typeof JoinSession.start>) => {
      for (const key of welcomes.keys()) {
        if (!isWelcomeFor(key, row.requestId)) continue;
        const opened = openAnswer(welcomes.get(key), row.keys, row.requestId, decoded.code);
        if (opened.ok && opened.kind === 'welcome') return opened.welcome.recent.length;
      }
      throw new Error('no welcome opens');
    };
    const rows = Array.from({ length: 10 }, (_, i) =>
      JoinSession.start(token, decoded.code, `Newcomer ${i}`),
    );
    for (const row of rows) knocks.set(row.requestId, row.knock);
    // Every membership record (the invite, the admissions so far, the newcomer's own among them)
    // and the message; past 8, only the keys.
    expect(rows.map(headStartOf)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 0, 0]);

    // A newcomer that is in takes its welcome out, and the next one gets a head start again.
    welcomes.delete([...welcomes.keys()].find((k) => isWelcomeFor(k, rows[0]!.requestId))!);
    const next = JoinSession.start(token, decoded.code, 'Next');
    knocks.set(next.requestId, next.knock);
    expect(headStartOf(next)).toBe(1 + 11 + 1);

    // Another member's welcome came first: one head start is enough.
    const late = JoinSession.start(token, decoded.code, 'Late');
    responder.doc
      .getMap<Uint8Array>('welcomes')
      .set(`${late.requestId}/another-member`, new Uint8Array([1]));
    knocks.set(late.requestId, late.knock);
    expect(headStartOf(late)).toBe(0);
  });

  it('judges a head start like records from any peer, and adds to the log what the sync did not bring', async () => {
    const stranger = generateMemberKeys();
    const { ana, id } = await anaWith(1, 'Forged start');
    let onlyForBob: Uint8Array | null = null;
    let fromStranger: Uint8Array | null = null;
    const { b, anaState } = await knockAndWelcome(ana, id, (s) => {
      const contentKey = s.currentEpoch().contentKey;
      const seal = (text: string) =>
        sealRecord(s.draft('message', { text }), s.secrets.keys.signSecretKey, contentKey);
      const tampered = seal('tampered');
      tampered[tampered.length - 1]! ^= 1;
      const forged = sealSigned(
        signContent(s.draft('message', { text: 'forged' }), stranger.signSecretKey),
        0,
        contentKey,
      );
      // Properly signed, by someone who is not a member: held, not shown.
      const outsider = new SimMember(stranger, s.ledger.genesis);
      fromStranger = sealBy(outsider, outsider.message('stranger'), contentKey);
      // A real message of Ana's that she never put in the log: shown to Bob only, unless he shares it.
      onlyForBob = seal('only for Bob');
      return [...s.headStartRecords(), tampered, forged, fromStranger, onlyForBob];
    });
    expect(b.view().messages.map((m) => m.text)).toEqual(['message 0', 'only for Bob']);
    expect(b.view().ignoredRecords).toBe(2);
    expect(b.ledger.stats.pending).toBe(1);
    // Bob hands on only what his ledger accepted.
    const own = b.headStartRecords().map(toBase64Url);
    expect(own).toContain(toBase64Url(onlyForBob!));
    expect(own).not.toContain(toBase64Url(fromStranger!));

    Y.applyUpdate(b.doc, anaState, 'remote');
    await settle(b);
    b.shareUnconfirmed();
    // What the sync did not bring is now in the log for everyone; the junk is not.
    const logged = b.log.all().map((item) => toBase64Url(item as Uint8Array));
    expect(logged).toContain(toBase64Url(onlyForBob!));
    expect(logged).toContain(toBase64Url(fromStranger!));
    expect(logged).toHaveLength(3 + 2); // Ana's message, invite, Bob's admission; the two Bob adds
    expect(b.view().ignoredRecords).toBe(2);
  });

  it('a newcomer shows the latest answer: a false "declined" is replaced by a later "waiting", and a welcome wins', async () => {
    const { ana, id, s } = await anaWith(1, 'False refusal');
    const { token } = await ana.createInvite(id);
    const decoded = decodeShareCode(token);
    if (!decoded.ok) throw new Error('invite code does not decode');
    const row = JoinSession.start(token, decoded.code, 'Nia');
    const knock = openKnock(row.knock, inviteIdOf(decoded.code.inviteSecret))!;
    let lobby: Y.Doc | null = null;
    const openRoom: OpenRoom = (options) => {
      lobby = options.doc;
      return { signalingReachable: true, destroy: () => {} } as unknown as RoomLike;
    };
    const admitted: string[] = [];
    const admit = async () => (admitted.push(row.id), 'local-id');
    const network = { signalingUrls: [], iceServers: [] };
    const nia = new JoinSession(
      row,
      decoded.code,
      network,
      admit,
      () => {},
      () => {},
      openRoom,
    );
    const answer = (from: string, bytes: Uint8Array) =>
      lobby!.getMap<Uint8Array>('welcomes').set(`${row.requestId}/${from}`, bytes);
    const genesis = s.secrets.genesisSigned;
    // Before any answer the circle's name is not known; the first answer's signed genesis names it.
    expect(nia.circleName()).toBeNull();
    answer('facilitator', sealStatus(knock, genesis, 'awaiting-approval'));
    expect(nia.state()).toEqual({ phase: 'awaiting-approval' });
    expect(nia.circleName()).toBe('False refusal');
    // An ex-member holds the genesis: his "declined" opens, and shows, until a later answer.
    answer('ex-member', sealStatus(knock, genesis, 'declined'));
    expect(nia.state()).toEqual({ phase: 'refused', reason: 'declined' });
    answer('co-facilitator', sealStatus(knock, genesis, 'awaiting-approval'));
    expect(nia.state()).toEqual({ phase: 'awaiting-approval' });
    answer('ex-member', sealStatus(knock, genesis, 'revoked'));
    expect(nia.state()).toEqual({ phase: 'refused', reason: 'revoked' });
    // The facilitator approves: the welcome wins over whatever was shown.
    s.append(
      s.draft('admit', {
        member: knock.member,
        displayName: knock.displayName,
        inviteId: knock.inviteId,
        knock: { ts: knock.ts, sig: knock.sig },
      }),
    );
    const epochs = s.secrets.epochs;
    answer('facilitator', sealWelcome(knock, genesis, epochs, s.welcomeChain(knock.member)));
    await expect.poll(() => nia.state()).toEqual({ phase: 'admitted', localId: 'local-id' });
    expect(admitted).toEqual([row.id]);
  });
});
