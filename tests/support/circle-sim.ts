// Simulated members for membership tests: each keeps its own ledger (what it has seen) and
// writes records the way the app does: its next sequence number, its membership heads as `prev`,
// a time no earlier than what it names. Real keys and signatures throughout.
import { toBase64Url } from '../../src-shared/bytes';
import { draftInvite, draftRecord, draftRekeyBody } from '../../src-shared/circle/founding';
import { CircleLedger } from '../../src-shared/circle/ledger';
import {
  generateEpochKeys,
  generateMemberKeys,
  randomId,
  type EpochKeys,
  type MemberKeys,
} from '../../src-shared/crypto/keys';
import { makeKnock, openKnock } from '../../src-shared/records/knock';
import type {
  InviteBody,
  RecordContent,
  RecordKind,
  RecordOf,
} from '../../src-shared/records/schema';

export const keyOf = (k: MemberKeys) => toBase64Url(k.signPublicKey);

/** The admission body for `newcomer`, carrying its own signed knock. */
export function admitBodyFor(
  newcomer: MemberKeys,
  displayName: string,
  inviteId: string,
  ts = 1_700_000_000_000,
): RecordOf<'admit'>['body'] {
  const knock = openKnock(makeKnock(newcomer, displayName, inviteId, ts).bytes, inviteId)!;
  return {
    member: knock.member,
    displayName: knock.displayName,
    inviteId,
    knock: { ts: knock.ts, sig: knock.sig },
  };
}

export class SimMember {
  readonly key: string;
  readonly ledger: CircleLedger;
  /** Keys this member made for rekeys, by record id. */
  readonly madeKeys = new Map<string, EpochKeys>();
  private clock: number;

  constructor(
    readonly keys: MemberKeys,
    genesis: RecordOf<'genesis'>,
    start = genesis.ts,
  ) {
    this.key = keyOf(keys);
    this.ledger = new CircleLedger(genesis);
    this.clock = start;
  }

  /** Takes records from others (as openRecord would hand them over). */
  receive(records: Iterable<RecordContent>): this {
    this.ledger.ingest(records);
    return this;
  }

  /** Drafts, and takes into its own ledger, a record at its current position. */
  write<K extends RecordKind>(
    kind: K,
    body: RecordOf<K>['body'],
    ts?: number,
    id?: string,
  ): RecordOf<K> {
    const prev = this.ledger.prevForNew();
    this.clock = Math.max(this.clock + 1, this.ledger.tsFloor(prev), ts ?? 0);
    const record = draftRecord(
      {
        circleId: this.ledger.circleId,
        epoch: this.ledger.epochs.length,
        keys: this.keys,
        seq: this.ledger.nextSeq(this.key),
        prev,
      },
      kind,
      body,
      ts ?? this.clock,
      id,
    );
    this.ledger.ingest([record]);
    return record;
  }

  invite(options: Partial<Pick<InviteBody, 'expiresAt' | 'maxUses' | 'approval'>> = {}) {
    return this.write(
      'invite',
      draftInvite({ expiresAt: null, maxUses: null, approval: 'facilitator', ...options }).body,
    );
  }

  admit(newcomer: MemberKeys, invite: RecordOf<'invite'>, name = 'Newcomer', ts?: number) {
    return this.write('admit', admitBodyFor(newcomer, name, invite.body.inviteId), ts);
  }

  message(text: string, ts?: number) {
    return this.write('message', { text }, ts);
  }

  remove(member: SimMember | string, reason = 'Broke the guidelines') {
    const key = typeof member === 'string' ? member : member.key;
    return this.write('remove', { member: key, reason, upTo: this.ledger.seenUpTo(key) });
  }

  setRole(member: SimMember, role: 'facilitator' | 'member') {
    const upTo = role === 'member' ? this.ledger.seenUpTo(member.key) : 0;
    return this.write('role', { member: member.key, role, upTo });
  }

  /** Starts the next epoch for every member it knows now. */
  rekey() {
    const epochs = this.ledger.epochs;
    const keys = generateEpochKeys(epochs.length + 1);
    const prevRekey = epochs[epochs.length - 1]?.hash ?? this.ledger.genesisHash;
    const id = randomId();
    const body = draftRekeyBody(this.ledger.circleId, id, keys, prevRekey, [
      ...this.ledger.members.keys(),
    ]);
    const record = this.write('rekey', body, undefined, id);
    this.madeKeys.set(record.id, keys);
    return record;
  }
}

/** A fresh member key pair with a name for test output. */
export const newKeys = (): MemberKeys => generateMemberKeys();

/**
 * Members `names` let in by `founder` through one invite, each having seen the history; with
 * `facilitators`, those among them (in order) made co-facilitators, junior to the founder.
 */
export function admittedMembers(founder: SimMember, names: string[], facilitators: string[] = []) {
  const members = names.map(() => new SimMember(newKeys(), founder.ledger.genesis));
  const inv = founder.invite({ maxUses: names.length });
  const history: RecordContent[] = [inv];
  names.forEach((name, i) => history.push(founder.admit(members[i]!.keys, inv, name)));
  for (const name of facilitators)
    history.push(founder.setRole(members[names.indexOf(name)]!, 'facilitator'));
  for (const m of members) m.receive(history);
  return { members, history };
}
