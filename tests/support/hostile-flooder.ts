// One hostile connection that floods raw frames, in a Node process of its own: y-webrtc keeps one
// room of a name per process (its module-level `rooms` map throws "A Yjs Doc connected to room
// … already exists!" for a second), so several hostile connections to one room need several
// processes. Started by startFlooders (hostile-processes.ts) with one JSON argument
// (FlooderOrder); says "ready <its peer id>" on stdout once in touch with its targets, waits for
// a line "go <until> <every flooder's peer id, comma-separated>" on stdin, floods every peer but
// the flooders until then, and prints the bytes it wrote before it exits.
import { createInterface } from 'node:readline';
import { CIRCLE_LOG_SHAPE, LOBBY_SHAPE } from '../../src-shared/circle/doc-shapes';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { flood, HostilePeer } from './hostile-peer';
import { unfinishedMessages, wholeJunkMessages } from './hostile-wire';

/** What a flooder process is told to do. */
export interface FlooderOrder {
  room: { name: string; password: string; signalingUrl: string };
  shape: 'circle' | 'lobby';
  /** Honest peers to be in touch with before saying "ready". */
  targets: number;
  /** Peer ids of the flooders started before this one: not counted among the targets. */
  allies: string[];
  /** Frames of messages that never finish, or whole junk messages of `bytes` each. */
  frames: { kind: 'unfinished' } | { kind: 'whole'; bytes: number };
}

async function main(order: FlooderOrder): Promise<void> {
  await loadSodium();
  const peer = new HostilePeer({
    ...order.room,
    shape: order.shape === 'circle' ? CIRCLE_LOG_SHAPE : LOBBY_SHAPE,
  });
  peer.addAllies(order.allies);
  await peer.waitForPeers(order.targets);
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<string[]>((resolve) =>
    lines.on('line', (line) => line.startsWith('go ') && resolve(line.split(' '))),
  );
  console.log(`ready ${peer.peerId}`);
  const [, until, allies] = await go;
  peer.addAllies(allies!.split(','));
  const { frames } = order;
  const written = await flood(
    [peer],
    () => (frames.kind === 'unfinished' ? unfinishedMessages() : wholeJunkMessages(frames.bytes)),
    Number(until),
  );
  console.log(`written ${written}`);
  lines.close();
  peer.destroy();
  // @roamhq/wrtc keeps native threads that hold the process open.
  process.exit(0);
}

main(JSON.parse(process.argv[2]!) as FlooderOrder).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
