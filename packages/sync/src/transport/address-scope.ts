import type { Multiaddr } from '@multiformats/multiaddr';

/**
 * Where an address reaches: this machine (`loopback`), a LAN (`private`: RFC 1918, IPv6 ULA, `*.local` names),
 * the link only (`link-local`), the internet (`public`), the wildcard (`unspecified`), or `unknown` when the
 * multiaddr names no host (e.g. `/p2p/…/p2p-circuit/webrtc/p2p/…`, reached through whatever connection exists).
 */
export type AddressScope = 'loopback' | 'private' | 'link-local' | 'public' | 'unspecified' | 'unknown';

/** The scope of a multiaddr's first host component (ip4, ip6, dns, dns4, dns6, dnsaddr). */
export function addressScope(address: Multiaddr): AddressScope {
  for (const { name, value } of address.getComponents()) {
    if (value === undefined) continue;
    if (name === 'ip4') return ip4Scope(value);
    if (name === 'ip6') return ip6Scope(value);
    if (name === 'dns' || name === 'dns4' || name === 'dns6' || name === 'dnsaddr') return dnsScope(value);
  }
  return 'unknown';
}

function ip4Scope(address: string): AddressScope {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return 'unknown';
  const [a, b] = parts as [number, number, number, number];
  if (parts.every((p) => p === 0)) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  return 'public';
}

function ip6Scope(address: string): AddressScope {
  const lower = address.toLowerCase().split('%')[0] as string;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return ip4Scope(mapped[1] as string);
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mappedHex) {
    const high = Number.parseInt(mappedHex[1] as string, 16);
    const low = Number.parseInt(mappedHex[2] as string, 16);
    return ip4Scope(`${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`);
  }
  if (lower === '::') return 'unspecified';
  if (lower === '::1') return 'loopback';
  const first = Number.parseInt(lower.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  return 'public';
}

function dnsScope(name: string): AddressScope {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower === 'localhost' || lower.endsWith('.localhost')) return 'loopback';
  if (lower.endsWith('.local')) return 'private';
  return 'public';
}
