// Two complete Titip peers on a LAN, each a startNodePeer in a child process inside its own network namespace (a
// veth pair 10.77.2.1/24 ↔ 10.77.2.2/24 with a multicast route), listening on its veth address, mDNS every second,
// and nothing to dial: they must find each other by mDNS alone. A PPS laptop (scope: one desa) authors a signed
// submission, which reaches the PPK laptop (scope: its kecamatan); the PPK authors the server's receipt, which comes
// back to the PPS. With a 1 s query interval both usually discover, and dial, each other at the same moment: exactly
// one live sync session must be left on each side. Namespaces, service tag and data dirs carry this process's id,
// so concurrent runs do not meet; every child is SIGKILLed and the namespaces deleted in afterAll, even on failure.
// Skipped, with the reason, where `ip netns` is not permitted.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nodeEd25519 } from '@titip/identity/node';
import { eventually, makeTrust, tempDir, type Identity } from '@titip/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createVethLan,
  deleteNamespaces,
  eventLog,
  exited,
  killChildren,
  netnsUnavailable,
  startInNamespace,
  type ChildEvent,
  type VethLan,
} from '../transport/fixtures/netns.js';
import type { IdentityJson, LanPeerConfig } from './fixtures/lan-peer.js';

const TPS = '1906012001001';
const DESA = '1906012001';
const KECAMATAN = '190601';

const tag = `${process.pid % 100_000}`;
const lan: VethLan = {
  namespaces: [`titip-lan-${tag}-a`, `titip-lan-${tag}-b`],
  veths: [`tla${tag}`, `tlb${tag}`],
  addresses: ['10.77.2.1', '10.77.2.2'],
};
const serviceTag = `_titip-lan-${tag}._udp.local`;
const peerScript = fileURLToPath(new URL('./fixtures/lan-peer.ts', import.meta.url));

interface LanPeerEvent extends ChildEvent {
  readonly event: 'ready' | 'discovered' | 'connected' | 'connection' | 'sessions' | 'added' | 'authored' | 'misbehaviour' | 'log' | 'error' | 'stopped';
  readonly peer?: string;
  readonly addrs?: string[];
  readonly ids?: string[];
  readonly id?: string;
  readonly kind?: string;
  readonly docId?: string;
  readonly origin?: string;
  readonly sessions?: Array<{ peer: string; phase: string }>;
}

const unavailable = await netnsUnavailable(tag);
const children: ChildProcess[] = [];
const dirs: Array<() => Promise<void>> = [];

afterAll(async () => {
  await killChildren(children);
  await deleteNamespaces(lan.namespaces);
  await Promise.all(dirs.map((remove) => remove()));
});

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const identityJson = (id: Identity): IdentityJson => ({
  publicKey: hex(id.keyPair.publicKey),
  secretKey: hex(id.keyPair.secretKey),
  chain: id.chain.map(hex),
});

describe.skipIf(unavailable !== undefined)('two Titip peers on a LAN (network namespaces), found by mDNS', () => {
  it('a PPS and a PPK laptop with nothing to dial find each other; the submission goes up, the receipt comes back', async () => {
    await deleteNamespaces(lan.namespaces);
    await createVethLan(lan);
    const trust = await makeTrust(nodeEd25519, { label: `titip-lan-${tag}` });
    const log = eventLog<LanPeerEvent>();

    const start = async (i: 0 | 1, name: string, scopes: string[], role: string): Promise<ChildProcess> => {
      const dir = await tempDir(`titip-lan-${name}-`);
      dirs.push(dir.remove);
      const config: LanPeerConfig = {
        name,
        dataDir: dir.path,
        listen: `/ip4/${lan.addresses[i]}/tcp/0`,
        scopes,
        role,
        root: hex(trust.network.root),
        elections: [...trust.network.elections],
        mdns: { interval: 1000, serviceTag },
        lifetimeMs: 110_000,
        logLevel: 'debug',
      };
      const child = startInNamespace(lan.namespaces[i], peerScript, [JSON.stringify(config)], log.push, {
        nodeArgs: ['--experimental-transform-types'], // src/replication has parameter properties
      });
      children.push(child);
      return child;
    };
    const pps = await start(0, 'pps', [DESA], 'pps');
    const ppk = await start(1, 'ppk', [KECAMATAN], 'ppk');
    const send = (child: ChildProcess, command: object): void => {
      child.stdin!.write(`${JSON.stringify(command)}\n`);
    };

    const readyPps = await log.waitFor((e) => e.name === 'pps' && e.event === 'ready', 'the PPS peer ready');
    const readyPpk = await log.waitFor((e) => e.name === 'ppk' && e.event === 'ready', 'the PPK peer ready');
    expect(readyPps.addrs?.length).toBeGreaterThan(0);
    expect(readyPps.addrs?.every((addr) => addr.startsWith(`/ip4/${lan.addresses[0]}/tcp/`))).toBe(true);
    expect(readyPpk.addrs?.every((addr) => addr.startsWith(`/ip4/${lan.addresses[1]}/tcp/`))).toBe(true);
    const ppsId = readyPps.peer!;
    const ppkId = readyPpk.peer!;

    // Nothing was dialled: each learns the other's veth address from mDNS.
    const discovered = (name: string, remote: string) =>
      log.waitFor((e) => e.name === name && e.event === 'discovered' && e.peer === remote, `${name} discovering ${remote}`, 20_000);
    const ppsFound = await discovered('pps', ppkId);
    const ppkFound = await discovered('ppk', ppsId);
    expect(ppsFound.addrs?.some((addr) => addr.startsWith(`/ip4/${lan.addresses[1]}/tcp/`))).toBe(true);
    expect(ppkFound.addrs?.some((addr) => addr.startsWith(`/ip4/${lan.addresses[0]}/tcp/`))).toBe(true);
    await log.waitFor((e) => e.name === 'pps' && e.event === 'connected' && e.peer === ppkId, 'the PPS connected', 20_000);

    // Up: the operator's signed submission, authored at the PPS laptop.
    const operator = identityJson(await trust.operator(TPS));
    send(pps, { cmd: 'submit', tps: TPS, votes: { '1000526': 120, '1000527': 200 }, operator });
    const submission = await log.waitFor((e) => e.name === 'pps' && e.event === 'authored', 'the submission authored');
    expect(submission).toMatchObject({ kind: 'submission', docId: DESA });
    const up = await log.waitFor(
      (e) => e.name === 'ppk' && e.event === 'added' && (e.ids ?? []).includes(submission.id!),
      'the submission at the PPK',
      30_000,
    );
    expect(up).toMatchObject({ docId: DESA, origin: ppsId });

    // Down: the server's receipt, authored at the PPK laptop from the submission it now holds.
    send(ppk, { cmd: 'receipt', submission: submission.id, server: identityJson(await trust.server()) });
    const receipt = await log.waitFor((e) => e.name === 'ppk' && e.event === 'authored', 'the receipt authored');
    expect(receipt).toMatchObject({ kind: 'receipt', docId: DESA });
    const down = await log.waitFor(
      (e) => e.name === 'pps' && e.event === 'added' && (e.ids ?? []).includes(receipt.id!),
      'the receipt at the PPS',
      30_000,
    );
    expect(down).toMatchObject({ docId: DESA, origin: ppkId });

    // Both dialled what they discovered, at about the same moment: one sync session per side is left, on one
    // connection, and it is live.
    const sessionsOf = (name: string) => log.seen.filter((e) => e.name === name && e.event === 'sessions').at(-1)?.sessions;
    const oneLiveSession = (name: string, remote: string) =>
      JSON.stringify(sessionsOf(name)) === JSON.stringify([{ peer: remote, phase: 'live' }]);
    await eventually(() => oneLiveSession('pps', ppkId) && oneLiveSession('ppk', ppsId), 'one live session each', 5_000).catch(() => {});
    expect(sessionsOf('pps')).toEqual([{ peer: ppkId, phase: 'live' }]);
    expect(sessionsOf('ppk')).toEqual([{ peer: ppsId, phase: 'live' }]);

    for (const child of [pps, ppk]) send(child, { cmd: 'stop' });
    await log.waitFor((e) => e.name === 'pps' && e.event === 'stopped', 'the PPS stopped', 15_000);
    await log.waitFor((e) => e.name === 'ppk' && e.event === 'stopped', 'the PPK stopped', 15_000);
    expect(await exited(pps, 5_000)).toBe(true);
    expect(await exited(ppk, 5_000)).toBe(true);
    expect(pps.exitCode).toBe(0);
    expect(ppk.exitCode).toBe(0);
  });
});

if (unavailable !== undefined) {
  describe('two Titip peers on a LAN, found by mDNS', () => {
    it.skip(`skipped: ip netns is not permitted here (${unavailable})`, () => {});
  });
}
