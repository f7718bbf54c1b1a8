import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { author, PeerSet } from './peers.js';

const TPS = '1906012001001';
const DESA = '1906012001';
const KECAMATAN = '190601';

let peers: PeerSet;
afterEach(async () => peers?.stopAll());

describe('signed results over real libp2p connections', () => {
  it('carries a submission up a 3-hop chain and its receipt back down, through relays that never open it', async () => {
    peers = await PeerSet.create();
    const server = await peers.start([''], { role: 'server' });
    const ppk = await peers.start([KECAMATAN], { dial: [server.peer.addresses[0]!] });
    const pps = await peers.start([DESA], { dial: [ppk.peer.addresses[0]!] });
    const operator = await peers.start([TPS], { dial: [pps.peer.addresses[0]!] });
    const submission = await peers.submission(TPS);
    await author(operator, submission);
    await eventually(() => server.replica.object(submission.id) !== undefined, 'submission at the server');
    expect(pps.replica.object(submission.id)).toEqual(submission.bytes);
    expect(ppk.replica.object(submission.id)).toEqual(submission.bytes);
    const receipt = await peers.receipt(submission);
    await author(server, receipt);
    await eventually(() => operator.replica.object(receipt.id) !== undefined, 'receipt at the operator');
    expect(operator.replica.locationOf(receipt.id)).toBe(DESA);
  });

  it('lets a carrier with no credential collect from an unlinked island TPS and deliver to its PPS', async () => {
    peers = await PeerSet.create();
    const pps = await peers.start([DESA]);
    const island = await peers.start([TPS]);
    const carrier = await peers.start(['1906'], { role: 'carrier' });
    const submission = await peers.submission(TPS);
    await author(island, submission);
    // sail to the island, collect, leave
    await carrier.peer.connect(island.peer.addresses[0]!);
    await eventually(() => carrier.replica.object(submission.id) !== undefined, 'carrier holds the result');
    await carrier.peer.hangUp(island.peer.peerId);
    // meet the PPS
    await carrier.peer.connect(pps.peer.addresses[0]!);
    await eventually(() => pps.replica.object(submission.id) !== undefined, 'PPS holds the result');
    const receipt = await peers.receipt(submission);
    await author(pps, receipt); // (the receipt would come down from the server; here it is already at the PPS)
    await eventually(() => carrier.replica.object(receipt.id) !== undefined, 'carrier holds the receipt');
    await carrier.peer.hangUp(pps.peer.peerId);
    await carrier.peer.connect(island.peer.addresses[0]!);
    await eventually(() => island.replica.object(receipt.id) !== undefined, 'island operator holds its receipt');
  });

  it('queues results across a partition and delivers them when the link comes back', async () => {
    peers = await PeerSet.create();
    const ppk = await peers.start([KECAMATAN]);
    const pps = await peers.start([DESA]);
    const link = ppk.peer.addresses[0]!;
    pps.peer.keep(link, { minDelayMs: 100, maxDelayMs: 400 });
    const first = await peers.submission(TPS, { '1000526': 10, '1000527': 20 });
    await author(pps, first);
    await eventually(() => ppk.replica.object(first.id) !== undefined, 'first result across the link');
    await pps.peer.release(link); // the link goes down
    const during = await Promise.all([2, 3, 4].map((n) => peers.submission(`${DESA}00${n}`)));
    for (const s of during) await author(pps, s);
    await new Promise((r) => setTimeout(r, 300));
    expect(during.some((s) => ppk.replica.object(s.id) !== undefined)).toBe(false);
    pps.peer.keep(link, { minDelayMs: 100, maxDelayMs: 400 }); // and up again
    await eventually(() => during.every((s) => ppk.replica.object(s.id) !== undefined), 'queued results after reconnection');
  });

  it('restarts a relay from disk with its identity and everything it held, and carries on', async () => {
    peers = await PeerSet.create();
    const server = await peers.start(['']);
    const ppk = await peers.start([KECAMATAN]);
    const submission = await peers.submission(TPS);
    await author(ppk, submission);
    const { dataDir } = ppk;
    const peerId = ppk.peer.peerId;
    await ppk.stop();
    const again = await peers.start([KECAMATAN], { dataDir, dial: [server.peer.addresses[0]!] });
    expect(again.peer.peerId).toBe(peerId);
    expect(again.replica.object(submission.id)).toEqual(submission.bytes);
    await eventually(() => server.replica.object(submission.id) !== undefined, 'result held before the restart reaches the server');
    const later = await peers.submission(`${DESA}002`);
    await author(again, later);
    await eventually(() => server.replica.object(later.id) !== undefined, 'new result after the restart');
  });
});
