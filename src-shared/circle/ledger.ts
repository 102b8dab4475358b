// A circle's validated state, rebuilt by replaying signed records (docs/ARCHITECTURE.md "Membership").
// Pure: records in, members and messages out. The CRDT only replicates; this decides.
import { fromBase64Url } from '../bytes';
import { inviteIdOf } from '../crypto/keys';
import type { GenesisBody, InviteBody, RecordContent, RecordOf } from '../records/schema';
import { ListSnapshot } from '../list-snapshot';

export type Role = 'facilitator' | 'member';

export interface Member {
  key: string;
  displayName: string;
  role: Role;
  admittedBy: string | null;
  since: number;
}

export interface ChatMessage {
  id: string;
  author: string;
  ts: number;
  text: string;
}

export interface Invite extends InviteBody {
  createdBy: string;
  createdAt: number;
}

export interface LedgerStats {
  /** Records from peers that were well-formed and signed but not allowed (e.g. a second genesis). */
  unauthorised: number;
  /** Records whose author is not (yet) a member; they are kept until an admission explains them. */
  pending: number;
  /** Pending records dropped because too many piled up. */
  pendingDropped: number;
}

const MAX_PENDING = 10_000;

/** Orders messages the same way on every peer: time, then id as a tie-break. */
export const compareMessages = (a: ChatMessage, b: ChatMessage): number =>
  a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** True when `r` should replace the admission behind `m`: (ts, admitter, name) orders them on every peer alike. */
const isEarlierAdmission = (r: RecordOf<'admit'>, m: Member): boolean =>
  m.role === 'member' &&
  (r.ts !== m.since
    ? r.ts < m.since
    : r.author !== m.admittedBy
      ? r.author < m.admittedBy!
      : r.body.displayName < m.displayName);

const recordKey = (r: Pick<RecordContent, 'author' | 'id'>): string => `${r.author}/${r.id}`;

export class CircleLedger {
  readonly circleId: string;
  readonly genesis: RecordOf<'genesis'>;
  private readonly memberMap = new Map<string, Member>();
  private memberChanges = 0;
  private readonly inviteMap = new Map<string, Invite>();
  private readonly seen = new Set<string>();
  private readonly pending = new Map<string, RecordContent>();
  /** Grows at the end; a reorder makes a new array, so no item below an earlier length ever changes (ListSnapshot relies on it). */
  private messageList: ChatMessage[] = [];
  private lastSnapshot: ListSnapshot<ChatMessage> | null = null;
  private unauthorised = 0;
  private pendingDropped = 0;

  /** The genesis must already be checked against the circle's fingerprint by the caller. */
  constructor(genesis: RecordOf<'genesis'>) {
    this.circleId = genesis.circle;
    this.genesis = genesis;
    this.seen.add(recordKey(genesis));
    this.memberMap.set(genesis.author, {
      key: genesis.author,
      displayName: genesis.body.displayName,
      role: 'facilitator',
      admittedBy: null,
      since: genesis.ts,
    });
  }

  get info(): GenesisBody {
    return this.genesis.body;
  }

  /** The members. The map is live (updated in place): see membersVersion. */
  get members(): ReadonlyMap<string, Member> {
    return this.memberMap;
  }

  /** Changes whenever the members do, so what is drawn from them is redrawn only then, not for every message. */
  get membersVersion(): number {
    return this.memberChanges;
  }

  get invites(): ReadonlyMap<string, Invite> {
    return this.inviteMap;
  }

  /**
   * Messages in display order. The array is live: read-only, and replaced by a new one when a
   * message lands anywhere but the end, so ListSnapshot.of(messages) stays true to its moment.
   */
  get messages(): readonly ChatMessage[] {
    return this.messageList;
  }

  /**
   * The messages as they are now, without a copy (see ListSnapshot). The same object until they
   * change, so a view made for anything else (who is online, say) rebuilds nothing from them.
   */
  messageSnapshot(): ListSnapshot<ChatMessage> {
    const now = ListSnapshot.of(this.messageList);
    if (!this.lastSnapshot?.sameAs(now)) this.lastSnapshot = now;
    return this.lastSnapshot;
  }

  get stats(): LedgerStats {
    return {
      unauthorised: this.unauthorised,
      pending: this.pending.size,
      pendingDropped: this.pendingDropped,
    };
  }

  /** Record ids are chosen by their authors, so identity is author + id: nobody can shadow another's record. */
  has(record: Pick<RecordContent, 'author' | 'id'>): boolean {
    const key = recordKey(record);
    return this.seen.has(key) || this.pending.has(key);
  }

  /**
   * Applies records that already passed crypto checks (openRecord). Returns the records newly
   * accepted, including earlier pending ones that a new admission made valid.
   */
  ingest(records: Iterable<RecordContent>): RecordContent[] {
    const accepted: RecordContent[] = [];
    let membershipChanged = false;
    for (const r of records) {
      if (r.circle !== this.circleId || this.has(r)) continue;
      const outcome = this.apply(r);
      if (outcome === 'accepted') {
        accepted.push(r);
        membershipChanged ||= r.kind === 'admit' || r.kind === 'invite';
      } else if (outcome === 'pending') {
        this.hold(r);
      }
    }
    // Sync order is arbitrary: a message can arrive before the admission of its author.
    while (membershipChanged && this.pending.size > 0) {
      membershipChanged = false;
      for (const [id, r] of this.pending) {
        const outcome = this.apply(r);
        if (outcome === 'pending') continue;
        this.pending.delete(id);
        if (outcome === 'accepted') {
          accepted.push(r);
          membershipChanged ||= r.kind === 'admit' || r.kind === 'invite';
        }
      }
    }
    this.sortNewMessages(accepted);
    return accepted;
  }

  private hold(r: RecordContent): void {
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value as string;
      this.pending.delete(oldest);
      this.pendingDropped++;
    }
    this.pending.set(recordKey(r), r);
  }

  private canAdmit(key: string): boolean {
    const m = this.memberMap.get(key);
    return !!m && (m.role === 'facilitator' || this.genesis.body.policy.membersMayAdmit);
  }

  private apply(r: RecordContent): 'accepted' | 'pending' | 'refused' {
    if (!this.memberMap.has(r.author)) return 'pending';
    switch (r.kind) {
      case 'genesis':
        return this.refuse(r);
      case 'invite': {
        if (!this.canAdmit(r.author)) return this.refuse(r);
        const secret = fromBase64Url(r.body.secret);
        if (!secret || inviteIdOf(secret) !== r.body.inviteId) return this.refuse(r);
        // A copy of an invite with other settings must not win on some peers only: earliest wins everywhere.
        const existing = this.inviteMap.get(r.body.inviteId);
        if (
          !existing ||
          r.ts < existing.createdAt ||
          (r.ts === existing.createdAt && r.author < existing.createdBy)
        ) {
          this.inviteMap.set(r.body.inviteId, { ...r.body, createdBy: r.author, createdAt: r.ts });
        }
        break;
      }
      case 'admit':
        if (!this.canAdmit(r.author)) return this.refuse(r);
        if (!this.inviteMap.has(r.body.inviteId)) return 'pending';
        // Several members may answer the same knock: keep the earliest admission, whatever the arrival order.
        if (
          !this.memberMap.has(r.body.member) ||
          isEarlierAdmission(r, this.memberMap.get(r.body.member)!)
        ) {
          this.memberMap.set(r.body.member, {
            key: r.body.member,
            displayName: r.body.displayName,
            role: 'member',
            admittedBy: r.author,
            since: r.ts,
          });
          this.memberChanges++;
        }
        break;
      case 'message':
        this.messageList.push({ id: r.id, author: r.author, ts: r.ts, text: r.body.text });
        break;
    }
    this.seen.add(recordKey(r));
    return 'accepted';
  }

  private refuse(r: RecordContent): 'refused' {
    this.seen.add(recordKey(r));
    this.unauthorised++;
    return 'refused';
  }

  /** New messages were pushed at the end; restore order cheaply when they arrived in order. */
  private sortNewMessages(accepted: RecordContent[]): void {
    const added = accepted.filter((r) => r.kind === 'message').length;
    if (added === 0) return;
    const list = this.messageList;
    const firstNew = list.length - added;
    let sorted = true;
    for (let i = Math.max(1, firstNew); i < list.length; i++) {
      if (compareMessages(list[i - 1]!, list[i]!) > 0) {
        sorted = false;
        break;
      }
    }
    // A new array, not a sort in place: snapshots of the old one stay what they were.
    if (!sorted) this.messageList = list.slice().sort(compareMessages);
  }
}
