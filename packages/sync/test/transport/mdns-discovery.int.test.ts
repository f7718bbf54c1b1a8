// mDNS discovery between two Node peers, each a child process inside its own network namespace, joined by a veth
// pair (10.77.0.1/24 ↔ 10.77.0.2/24) with a multicast route. mDNS binds UDP 5353 on every interface, so it only
// ever runs inside these namespaces. Skipped, with the reason, where `ip netns` is not permitted.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createVethLan,
  deleteNamespaces,
  eventLog,
  killChildren,
  netnsUnavailable,
  startInNamespace,
  type ChildEvent,
  type VethLan,
} from './fixtures/netns.js';

const tag = `${process.pid % 100_000}`;
const lan: VethLan = {
  namespaces: [`titip-mdns-${tag}-a`, `titip-mdns-${tag}-b`],
  veths: [`tma${tag}`, `tmb${tag}`],
  addresses: ['10.77.0.1', '10.77.0.2'],
};
const { namespaces, addresses } = lan;
const peerScript = fileURLToPath(new URL('./fixtures/mdns-peer.ts', import.meta.url));

interface PeerEvent extends ChildEvent {
  readonly event: 'ready' | 'discovered' | 'echoed' | 'error' | 'stopped';
  readonly peer?: string;
  readonly addrs?: string[];
  readonly text?: string;
}

const unavailable = await netnsUnavailable(tag);
const children: ChildProcess[] = [];

/** Runs the peer script inside `ns`; events arrive through `onEvent`. */
function startPeer(ns: string, config: object, onEvent: (event: PeerEvent) => void): ChildProcess {
  const child = startInNamespace(ns, peerScript, [JSON.stringify(config)], onEvent);
  children.push(child);
  return child;
}

afterAll(async () => {
  await killChildren(children);
  await deleteNamespaces(namespaces);
});

describe.skipIf(unavailable !== undefined)('mDNS discovery in two network namespaces', () => {
  it('each peer discovers the other on the LAN and a frame channel opens to the discovered address', async () => {
    await deleteNamespaces(namespaces);
    await createVethLan(lan);
    const log = eventLog<PeerEvent>();
    const a = startPeer(namespaces[0], { name: 'a', listen: `/ip4/${addresses[0]}/tcp/0`, greet: true }, log.push);
    const b = startPeer(namespaces[1], { name: 'b', listen: `/ip4/${addresses[1]}/tcp/0`, greet: false }, log.push);

    const readyA = await log.waitFor((e) => e.name === 'a' && e.event === 'ready', 'a ready');
    const readyB = await log.waitFor((e) => e.name === 'b' && e.event === 'ready', 'b ready');
    expect(readyA.addrs?.every((addr) => addr.startsWith(`/ip4/${addresses[0]}/tcp/`))).toBe(true);

    const aFoundB = await log.waitFor((e) => e.name === 'a' && e.event === 'discovered' && e.peer === readyB.peer, 'a discovering b');
    const bFoundA = await log.waitFor((e) => e.name === 'b' && e.event === 'discovered' && e.peer === readyA.peer, 'b discovering a');
    expect(aFoundB.addrs).toContain((readyB.addrs?.[0] ?? '').replace(`/p2p/${readyB.peer}`, ''));
    expect(bFoundA.addrs?.some((addr) => addr.startsWith(`/ip4/${addresses[0]}/tcp/`))).toBe(true);

    const echoed = await log.waitFor((e) => e.name === 'a' && e.event === 'echoed', 'the echo from b');
    expect(echoed.text).toBe('echo b: hello from a');

    a.stdin!.end('stop\n');
    b.stdin!.end('stop\n');
    await log.waitFor((e) => e.name === 'a' && e.event === 'stopped', 'a stopped');
    await log.waitFor((e) => e.name === 'b' && e.event === 'stopped', 'b stopped');
  });
});

if (unavailable !== undefined) {
  describe('mDNS discovery', () => {
    it.skip(`skipped: ip netns is not permitted here (${unavailable})`, () => {});
  });
}
