// One stock y-webrtc client (y-webrtc's own WebrtcProvider, not Hearth's code) in a process of its
// own: y-webrtc keeps one provider per room name per process, so two peers of one room need two.
// Run as `node --import tsx tests/support/ywebrtc-peer.ts <room> <password> <url>[,<url>…]`.
// Reads lines of JSON from stdin ({"set":[key,value]}) and writes lines of JSON to stdout: the
// document's map after every change ({"doc":{…}}) and the number of WebRTC peers ({"peers":n}).
import wrtc from '@roamhq/wrtc';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';

// Node 20 has no global WebSocket; y-webrtc's signaling client (lib0) needs one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const [room, password, urls] = process.argv.slice(2);
const doc = new Y.Doc();
const map = doc.getMap<string>('m');
const provider = new WebrtcProvider(room!, doc, {
  signaling: urls!.split(','),
  password: password!,
  peerOpts: { wrtc, config: { iceServers: [] } },
});
const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
map.observe(() => say({ doc: map.toJSON() }));
provider.on('peers', (event: { webrtcPeers: string[] }) =>
  say({ peers: event.webrtcPeers.length }),
);

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line) as { set?: [string, string] };
  if (command.set) map.set(command.set[0], command.set[1]);
});
process.stdin.on('end', () => {
  provider.destroy();
  process.exit(0);
});
// Ready once every listed server has answered a first attempt, connected or refused: by then this
// peer has subscribed and announced itself wherever it can, so a peer started after it is the one
// that answers, and the two never both offer (offer glare, yjs/y-webrtc#39). lib0's client emits
// nothing for a refused first attempt, only counts it, so this polls.
const signaling = provider.signalingConns as {
  connected: boolean;
  unsuccessfulReconnects: number;
}[];
const waitForServers = setInterval(() => {
  if (!signaling.every((conn) => conn.connected || conn.unsuccessfulReconnects > 0)) return;
  clearInterval(waitForServers);
  say({ ready: true });
}, 20);
