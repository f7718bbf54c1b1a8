import { isIPv4, isIPv6 } from 'node:net';

const HOST_PROTOCOLS = new Set(['ip4', 'ip6', 'dns', 'dns4', 'dns6']);
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{40,100}$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** The parts of a TCP multiaddr the relay can use: `/<host proto>/<host>/tcp/<port>[/ws|/wss|/tls/ws][/p2p/<id>]`. */
interface TcpAddress {
  readonly hostProtocol: string;
  readonly peerId: string | undefined;
}

/** Parses `text` as a TCP (or WebSockets over TCP) multiaddr; returns why not as a string. */
function parseTcpAddress(text: string): TcpAddress | string {
  if (!text.startsWith('/')) return 'a multiaddr starts with "/", e.g. /ip4/192.168.1.10/tcp/4001';
  const parts = text.slice(1).split('/');
  const [hostProtocol, host, transport, port, ...rest] = parts;
  if (hostProtocol === undefined || !HOST_PROTOCOLS.has(hostProtocol)) {
    return `it must start with /ip4/, /ip6/, /dns4/, /dns6/ or /dns/, not /${hostProtocol ?? ''}/`;
  }
  if (host === undefined || host === '') return `the ${hostProtocol} address is missing`;
  if (hostProtocol === 'ip4' && !isIPv4(host)) return `"${host}" is not an IPv4 address`;
  if (hostProtocol === 'ip6' && !isIPv6(host)) return `"${host}" is not an IPv6 address`;
  if (hostProtocol.startsWith('dns') && !HOSTNAME.test(host)) return `"${host}" is not a host name`;
  if (transport !== 'tcp') return `the relay speaks TCP and WebSockets only: expected /tcp/<port> after the host${transport ? `, not /${transport}` : ''}`;
  if (port === undefined || !/^\d{1,5}$/.test(port) || Number(port) > 65_535) return `the port "${port ?? ''}" is not a number from 0 to 65535`;
  let i = 0;
  if (rest[i] === 'ws' || rest[i] === 'wss') i++;
  else if (rest[i] === 'tls' && rest[i + 1] === 'ws') i += 2;
  let peerId: string | undefined;
  if (rest[i] === 'p2p') {
    peerId = rest[i + 1];
    if (peerId === undefined || !BASE58.test(peerId)) return `"${peerId ?? ''}" after /p2p/ is not a peer id (like 12D3KooW…)`;
    i += 2;
  }
  if (i < rest.length) return `unexpected /${rest.slice(i).join('/')} (expected /ws or /p2p/<peer id> after the port)`;
  return { hostProtocol, peerId };
}

/** Why `text` is not an address the relay can listen on (`/ip4|ip6/<ip>/tcp/<port>[/ws]`), or null. */
export function listenAddressProblem(text: string): string | null {
  const parsed = parseTcpAddress(text);
  if (typeof parsed === 'string') return parsed;
  if (!parsed.hostProtocol.startsWith('ip')) return 'listen on an IP address (/ip4/… or /ip6/…), not a host name';
  if (parsed.peerId !== undefined) return 'a listen address has no /p2p/<peer id>';
  if (/\/(wss|tls)(\/|$)/.test(text)) return 'the relay cannot listen with TLS (wss): use /ws';
  return null;
}

/** Why `text` is not an address the relay can dial (a TCP or WebSockets multiaddr ending in `/p2p/<peer id>`), or null. */
export function dialAddressProblem(text: string): string | null {
  const parsed = parseTcpAddress(text);
  if (typeof parsed === 'string') return parsed;
  if (parsed.peerId === undefined) return 'a dial address must end with /p2p/<peer id> (the peer prints its addresses in its ready line)';
  return null;
}
