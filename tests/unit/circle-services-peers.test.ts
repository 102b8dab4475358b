// Records from peers are untrusted: junk, forgeries and strangers are dropped or held, never
// shown; a big batch of repeats does not leave a progress line behind. Written as attacks.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { draftInvite, draftRecord } from '../../src-shared/circle/founding';
import { generateEpochKeys, generateMemberKeys, inviteIdOf } from '../../src-shared/crypto/keys';
import { sodium } from '../../src-shared/crypto/sodium';
import { MAX_SEALED_RECORD_BYTES } from '../../src-shared/records/schema';
import { sealRecord, signContent, sealSigned } from '../../src-shared/records/seal';
import { decodeShareCode } from '../../src-shared/share-code';
import {
  sessionOf,
  settle,
  recordsIn,
  remotePeer,
  newCircles,
  forget,
  useCircleServices,
} from '../support/circle-services';
import { admitBodyFor, keyOf, SimMember } from '../support/circle-sim';
import { sealBy } from '../support/sealed-writer';

useCircleServices();

describe('Untrusted peers', () => {
  it('drops junk, holds records from strangers and accepts a message once its author is admitted', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Guarded', description: '', displayName: 'Ana' });
    await circles.sendMessage(id, 'first');
    const s = sessionOf(circles, id);
    const me = s.secrets.keys;
    const contentKey = s.currentEpoch().contentKey;
    const genesis = s.ledger.genesis;
    expect(s.view().ignoredRecords).toBe(0);
    expect(s.ledger.stats.pending).toBe(0);

    const peer = remotePeer(s, 'mallory');
    // Someone outside the circle who got hold of the genesis (and, by a leak, the content key).
    const stranger = new SimMember(generateMemberKeys(), genesis);
    const valid = sealRecord(
      draftRecord(s.authoring(), 'message', { text: 'tampered' }),
      me.signSecretKey,
      contentKey,
    );
    valid[valid.length - 1]! ^= 1;
    // A record claiming to be by the facilitator but signed by the stranger.
    const claimed = draftRecord(s.authoring(), 'message', { text: 'forged' });
    const forged = sealSigned(signContent(claimed, stranger.keys.signSecretKey), 0, contentKey);
    const oversized = sodium().randombytes_buf(MAX_SEALED_RECORD_BYTES + 100);
    oversized[0] = 1; // looks like an envelope header
    const junk: unknown[] = [
      sodium().randombytes_buf(100),
      'hello, I am not bytes',
      sealRecord(
        draftRecord(s.authoring(), 'message', { text: 'other key' }),
        me.signSecretKey,
        generateEpochKeys(0).contentKey,
      ),
      valid,
      forged,
      oversized,
      // Valid crypto, but the author is not a member: held, never shown.
      sealBy(stranger, stranger.message('from a stranger'), contentKey),
    ];
    peer.log.append(junk as Uint8Array[]);
    await settle(s);

    let view = s.view();
    expect(view.messages.map((m) => m.text)).toEqual(['first']);
    expect(view.ignoredRecords).toBe(6);
    expect(view.members.size).toBe(1);
    expect(s.ledger.stats.pending).toBe(1);

    // A lone item without an envelope key (nothing to remember it by) still updates the count.
    peer.log.append([42 as unknown as Uint8Array]);
    await settle(s);
    expect(s.view().ignoredRecords).toBe(7);

    // A second member, Bob, admitted through a real invite; his message arrives before his admission.
    const { token } = await circles.createInvite(id);
    await settle(s);
    const decoded = decodeShareCode(token);
    if (!decoded.ok) throw new Error('invite code does not decode');
    const inviteId = inviteIdOf(decoded.code.inviteSecret);
    expect(s.ledger.invites.has(inviteId)).toBe(true);

    // Bob writes right after his admission (his message names it), but his message gets here first.
    const bobKeys = generateMemberKeys();
    const bobKey = keyOf(bobKeys);
    const admit = s.draft('admit', admitBodyFor(bobKeys, 'Bob', inviteId));
    const bob = new SimMember(bobKeys, genesis).receive([...recordsIn(s), admit]);
    const bobPeer = remotePeer(s, 'bob');
    bobPeer.log.append([sealBy(bob, bob.message('hi, I am Bob'), contentKey)]);
    await settle(s);
    view = s.view();
    expect(view.messages.map((m) => m.text)).toEqual(['first']);
    expect(view.members.has(bobKey)).toBe(false);
    expect(s.ledger.stats.pending).toBe(2);
    expect(view.ignoredRecords).toBe(7);

    // The facilitator's admission (as its lobby responder would write it) reaches us through Bob.
    bobPeer.log.append([sealRecord(admit, me.signSecretKey, contentKey)]);
    await settle(s);
    view = s.view();
    expect(view.messages.map((m) => m.text)).toEqual(['first', 'hi, I am Bob']);
    expect(view.messages.at(1)!.author).toBe(bobKey);
    expect(view.members.get(bobKey)).toMatchObject({
      displayName: 'Bob',
      role: 'member',
      admittedBy: s.myKey,
    });
    expect(s.ledger.stats.pending).toBe(1); // the stranger is still only held
    expect(circles.circles().find((c) => c.localId === id)!.unread).toBe(1);

    // An admission for an invite nobody made, by a non-member, changes nothing.
    const eve = generateMemberKeys();
    const madeUp = draftInvite({ expiresAt: null, maxUses: null, approval: 'auto' }).body.inviteId;
    const fakeAdmit = stranger.write('admit', admitBodyFor(eve, 'Eve', madeUp));
    peer.log.append([sealBy(stranger, fakeAdmit, contentKey)]);
    await settle(s);
    expect(s.view().members.size).toBe(2);
    // Void where it stands (its author was no member there), not held: it can never count.
    expect(s.ledger.stats).toMatchObject({ pending: 1, unauthorised: 1 });

    // After a restart the members and messages come back from storage, and the junk does not: it
    // was taken out of the log, so the stored document holds none of it.
    await circles.closeAll();
    forget(circles);
    const again = newCircles();
    await again.openAll();
    const s2 = sessionOf(again, id);
    view = s2.view();
    expect(view.messages.map((m) => m.text)).toEqual(['first', 'hi, I am Bob']);
    expect(view.members.get(bobKey)?.displayName).toBe('Bob');
    expect(view.members.size).toBe(2);
    expect(view.ignoredRecords).toBe(0);
    expect(s2.log.all().filter((item) => !(item instanceof Uint8Array))).toEqual([]);
    // The stranger's message and the admission the stranger wrote were never stored, and were
    // taken out of the log when the circle closed: nothing of them is left to judge.
    expect(s2.ledger.stats).toMatchObject({ pending: 0, unauthorised: 0 });
  });
});

describe('Catching up', () => {
  it('takes the progress line down when a big batch turns out to hold nothing new', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Echoes', description: '', displayName: 'Ana' });
    await circles.sendMessage(id, 'said once');
    const s = sessionOf(circles, id);
    const mine = s.log.all().find((item) => item instanceof Uint8Array) as Uint8Array;
    // Read on every change, as the window does.
    const seen: boolean[] = [];
    const stop = circles.subscribe(() => seen.push(circles.circleView(id)?.syncing != null));
    // A peer repeats a record this device has judged already, hundreds of times.
    remotePeer(s, 'echo').log.append(new Array(300).fill(mine));
    await settle(s);
    const view = circles.circleView(id)!;
    stop();
    expect(seen).toContain(true);
    expect(view.syncing).toBeNull();
    expect(view.messages.map((m) => m.text)).toEqual(['said once']);
  });
});
