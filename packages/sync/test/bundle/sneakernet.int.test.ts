import { join } from 'node:path';
import { nodeEd25519 } from '@titip/identity/node';
import { eventually, makeTrust, tempDir, type TestTrust } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { importBundleFile, writeBundleFile } from '../../src/bundle/bundle-file.js';
import { startNodePeer, type RunningNodePeer } from '../../src/node/start-node-peer.js';
import { DESA, KECAMATAN, receiptOf, submissionOf, tpsOf } from './fixtures.js';

const running: RunningNodePeer[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function dir(prefix: string): Promise<string> {
  const d = await tempDir(prefix);
  cleanups.push(d.remove);
  return d.path;
}

async function start(trust: TestTrust, scopes: string[], dataDir: string, role: string): Promise<RunningNodePeer> {
  const peer = await startNodePeer({
    dataDir,
    scopes,
    role,
    root: trust.network.root,
    elections: trust.network.elections,
    listen: ['/ip4/127.0.0.1/tcp/0'],
  });
  running.push(peer);
  return peer;
}

const inDesa = (docId: string) => docId === DESA;
const idsIn = (peer: RunningNodePeer) => [...peer.replica.objects()].filter((o) => o.docId === DESA).map((o) => o.id).sort();

/** An island desa with three results, exported to a USB stick and imported at its PPS (both real peers on LevelDB). */
async function carried(trust: TestTrust) {
  const usb = await dir('titip-usb-');
  const island = await start(trust, [DESA], await dir('titip-island-'), 'operator');
  const ppsDir = await dir('titip-pps-');
  const pps = await start(trust, [KECAMATAN], ppsDir, 'pps');
  const results = await Promise.all([1, 2, 3].map((n) => submissionOf(trust, tpsOf(DESA, n))));
  for (const r of results) await island.replica.addLocal(DESA, [{ id: r.id, bytes: r.bytes }]);
  const file = join(usb, `desa-${DESA}.titip`);
  const written = await writeBundleFile(file, island.replica, { source: { peer: island.peer.peerId, role: 'operator' } });
  const imported = await importBundleFile(pps.replica, file);
  return { island, pps, ppsDir, results, file, written, imported };
}

describe('a bundle on a USB stick between two real peers (LevelDB)', () => {
  it('carries an island desa to its PPS with no network, and the PPS keeps it across a restart', async () => {
    const trust = await makeTrust(nodeEd25519, { label: 'sneakernet' });
    const { island, pps, ppsDir, results, file, written, imported } = await carried(trust);
    expect(written.objects).toBe(3);
    expect(imported).toMatchObject({ added: 3, alreadyHeld: 0, rejected: [] });
    expect(imported.header.source).toMatchObject({ peer: island.peer.peerId, role: 'operator', scopes: [DESA] });
    await pps.stop();
    running.splice(running.indexOf(pps), 1);
    const again = await start(trust, [KECAMATAN], ppsDir, 'pps');
    expect(idsIn(again)).toEqual(results.map((r) => r.id).sort());
    for (const r of results) expect(again.replica.object(r.id)).toEqual(r.bytes);
    expect(await importBundleFile(again.replica, file)).toMatchObject({ added: 0, alreadyHeld: 3 });
  });

  it('passes imported objects on over libp2p to a peer that never saw the bundle', async () => {
    const trust = await makeTrust(nodeEd25519, { label: 'sneakernet' });
    const { pps, results } = await carried(trust);
    const server = await start(trust, [''], await dir('titip-server-'), 'server');
    await pps.peer.connect(server.peer.addresses[0]!);
    await eventually(() => results.every((r) => server.replica.object(r.id) !== undefined), 'the results at the server');
    await eventually(() => Buffer.from(server.replica.digest(inDesa)).equals(Buffer.from(pps.replica.digest(inDesa))), 'equal digests');
  });

  // Both peers now hold the same objects under different Automerge histories; the sync merges them (the validating
  // merge accepts the concurrent put of an identical object: see parallel-additions.test.ts).
  it('then exporter and importer sync over libp2p and agree', async () => {
    const trust = await makeTrust(nodeEd25519, { label: 'sneakernet' });
    const { island, pps, results } = await carried(trust);
    const late = await submissionOf(trust, tpsOf(DESA, 4));
    await island.replica.addLocal(DESA, [{ id: late.id, bytes: late.bytes }]);
    const receipt = await receiptOf(trust, results[0]!);
    await pps.replica.addLocal(DESA, [{ id: receipt.id, bytes: receipt.bytes }]);
    await pps.peer.connect(island.peer.addresses[0]!);
    const all = [...results, late, receipt].map((r) => r.id).sort();
    await eventually(() => idsIn(island).length === 5 && idsIn(pps).length === 5, 'both hold the desa', 5_000);
    expect(idsIn(island)).toEqual(all);
    expect(idsIn(pps)).toEqual(all);
    await eventually(() => Buffer.from(island.replica.digest(inDesa)).equals(Buffer.from(pps.replica.digest(inDesa))), 'equal digests', 5_000);
  });
});
