// `rotationMs`: a facilitator removes one member of a 20-member circle, until every remaining
// member's device writes in the new epoch. The 20 devices are simulated in Node, in the bench
// process, through the real services (tests/support/devices.ts: each its own vault, store and
// Circles, fake IndexedDB) on an in-process stand-in network (tests/support/fake-rooms.ts), so
// the figure is Hearth's own work of a rotation, not the network's. Called from bench/run.ts.
import { loadSodium } from '../src-shared/crypto/sodium';
import { devices, waitFor, type Device } from '../tests/support/devices';

const MEMBERS = 20;
const RUNS = 3;
/** A fallback look, in case a device changed epoch without telling its subscribers. */
const FALLBACK_POLL_MS = 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

interface Circle {
  facilitator: Device;
  others: Device[];
  /** Each device's local id of the circle, by device. */
  ids: Map<Device, string>;
}

/**
 * A circle of MEMBERS devices, let in through an invite that needs no approval (the approval
 * flow is approvalMs's business), each seeing all the others before it returns.
 */
async function twentyMemberCircle(run: number): Promise<Circle> {
  const names = Array.from({ length: MEMBERS }, (_, i) => `R${run}-${i}`);
  const { all } = await devices(...names);
  const [facilitator, ...others] = all as [Device, ...Device[]];
  const id = await facilitator.circles.createCircle({
    name: 'Twenty',
    description: '',
    displayName: facilitator.name,
  });
  await facilitator.circles.sendMessage(id, 'Welcome, everyone');
  const { token } = await facilitator.circles.createInvite(id, {
    expiresIn: '1d',
    maxUses: 20,
    approval: 'auto',
  });
  for (const d of others) d.join(token);
  await waitFor(() => others.every((d) => d.circles.circles().length === 1), 'all let in', 60_000);
  const ids = new Map<Device, string>([
    [facilitator, id],
    ...others.map((d) => [d, d.only()] as const),
  ]);
  await waitFor(
    () => [...ids].every(([d, localId]) => d.circles.circleView(localId)?.members.size === MEMBERS),
    'everyone sees everyone',
    60_000,
  );
  return { facilitator, others, ids };
}

/** Resolves with performance.now() once every device in `ids` writes in `epoch`. */
function allInEpoch(ids: ReadonlyMap<Device, string>, epoch: number): Promise<number> {
  return new Promise((resolve) => {
    const stops: (() => void)[] = [];
    const done = () => [...ids].every(([d, id]) => d.circles.circleView(id)?.epoch === epoch);
    const check = () => {
      if (!done()) return;
      const at = performance.now();
      for (const stop of stops) stop();
      resolve(at);
    };
    for (const d of ids.keys()) stops.push(d.circles.subscribe(check));
    const poll = setInterval(check, FALLBACK_POLL_MS);
    stops.push(() => clearInterval(poll));
  });
}

/** One removal in a fresh 20-member circle, timed; the devices are closed afterwards. */
async function oneRotation(run: number): Promise<number> {
  const circle = await twentyMemberCircle(run);
  const { facilitator, others, ids } = circle;
  try {
    const id = ids.get(facilitator)!;
    const removed = others[others.length - 1]!;
    const removedKey = removed.circles.circleView(ids.get(removed)!)!.myKey;
    const remaining = new Map([...ids].filter(([d]) => d !== removed));
    const epoch = facilitator.circles.circleView(id)!.epoch + 1;
    const reached = allInEpoch(remaining, epoch);
    const start = performance.now();
    const removal = facilitator.circles.removeMember(id, removedKey, 'Benchmark removal');
    const [end] = await Promise.all([reached, removal]);
    return end - start;
  } finally {
    await Promise.all([...ids.keys()].map((d) => d.goOffline()));
  }
}

/** The rotation figure: the median of RUNS removals, each in its own fresh circle. */
export async function benchRotation(log: (line: string) => void): Promise<Record<string, number>> {
  await loadSodium();
  log(`Key rotation in a ${MEMBERS}-member circle (Node, in-process network)…`);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    times.push(await oneRotation(run));
    log(`  run ${run + 1}: ${round(times[run]!)} ms`);
  }
  return { rotationMs: round(median(times)) };
}

export const ROTATION_TARGETS: Record<string, string> = { rotationMs: '≤ 1000' };
