// Which addresses other members on the LAN can reach our embedded signaling server at. Pure:
// takes `os.networkInterfaces()` output so tests can feed any machine's interfaces.

/** The fields of `os.NetworkInterfaceInfo` we use (family was a number in Node 18.0-18.3). */
export interface InterfaceAddress {
  readonly address: string;
  readonly family: string | number;
  readonly internal: boolean;
}
export type InterfaceTable = Readonly<Record<string, readonly InterfaceAddress[] | undefined>>;

// Container, VM and VPN bridges: reachable, but rarely the network the other members are on.
const VIRTUAL_INTERFACE =
  /^(docker|br-|veth|virbr|vboxnet|vmnet|vethernet|utun|tun|tap|zt|tailscale|wg)/i;

function octets(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  const nums = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return nums.every((n) => n >= 0 && n <= 255) ? nums : null;
}

/** RFC 1918 private ranges: where a home or office LAN lives. */
function isPrivate([a, b]: number[]): boolean {
  return a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168);
}

/**
 * The non-internal IPv4 addresses to offer: those of physical interfaces on private ranges (the
 * LAN) when there are any, else all, best first: other private ones, then the rest. These go
 * into share codes, which may travel further than the LAN: a public, VPN or container address
 * would tell whoever holds a code more about this machine than it needs. Loopback and
 * link-local (169.254/16, no DHCP) are always left out.
 */
export function pickLanIPv4(interfaces: InterfaceTable): string[] {
  const ranked: Array<{ address: string; rank: number; order: number }> = [];
  let order = 0;
  for (const [name, addresses] of Object.entries(interfaces)) {
    for (const info of addresses ?? []) {
      if (info.internal || (info.family !== 'IPv4' && info.family !== 4)) continue;
      const parts = octets(info.address);
      if (parts === null || parts[0] === 127 || (parts[0] === 169 && parts[1] === 254)) continue;
      const rank = (VIRTUAL_INTERFACE.test(name) ? 2 : 0) + (isPrivate(parts) ? 0 : 1);
      ranked.push({ address: info.address, rank, order: order++ });
    }
  }
  ranked.sort((x, y) => x.rank - y.rank || x.order - y.order);
  const lan = ranked.filter((r) => r.rank === 0);
  return [...new Set((lan.length > 0 ? lan : ranked).map((r) => r.address))];
}

/** ws:// URLs for the server on `port`: each LAN address, then loopback for this machine. */
export function signalingUrlsFor(port: number, lanAddresses: readonly string[]): string[] {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return [];
  return [...lanAddresses, '127.0.0.1'].map((host) => `ws://${host}:${port}`);
}
