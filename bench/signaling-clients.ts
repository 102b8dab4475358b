// The clients of `signalingClientsHeld`, in a process of their own so that neither their memory
// nor their file handles count against the server's. Run by bench/signaling.ts as
// `node --import tsx bench/signaling-clients.ts <ws url> <count> <local addresses>`: opens <count>
// WebSockets, spread over 127.0.0.1…127.0.0.<local addresses> as if from that many homes, each
// subscribing to one of count/10 rooms, then checks that every one still answers a ping. Prints
// one JSON line, {"held":n,"openMs":t}, and keeps the sockets open until stdin closes.
import { WebSocket } from 'ws';

const [url, countText, addressesText] = process.argv.slice(2);
const count = Number(countText);
const addresses = Number(addressesText);
/** Handshakes in flight at once: the server's accept queue, not the benchmark, sets the pace. */
const IN_FLIGHT = 200;

const sockets: WebSocket[] = [];

function open(i: number): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url!, { localAddress: `127.0.0.${1 + (i % addresses)}` });
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', topics: [`room-${i % Math.ceil(count / 10)}`] }));
      resolve(ws);
    });
    ws.once('error', () => resolve(null));
    ws.once('unexpected-response', () => resolve(null));
  });
}

/** Whether the socket is open and answers an application ping within 30 s. */
function answers(ws: WebSocket): Promise<boolean> {
  if (ws.readyState !== WebSocket.OPEN) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 30_000);
    ws.once('message', (data: Buffer) => {
      clearTimeout(timer);
      resolve(data.toString() === '{"type":"pong"}');
    });
    ws.send('{"type":"ping"}');
  });
}

const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (next < count) {
      const ws = await open(next++);
      if (ws !== null) sockets.push(ws);
    }
  }),
);
const openMs = Math.round(performance.now() - started);
const held = (await Promise.all(sockets.map(answers))).filter(Boolean).length;
process.stdout.write(`${JSON.stringify({ held, openMs })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
