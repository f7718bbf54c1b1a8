import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually, tempDir } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleError } from '../../src/bundle/bundle-error.js';
import { decodeBundle } from '../../src/bundle/decode-bundle.js';
import { encodeBundle } from '../../src/bundle/encode-bundle.js';
import { importBundleFile, writeBundleFile } from '../../src/bundle/bundle-file.js';
import { DESA, expectIntact, HonestNetwork, reEnvelope, receiptOf, snapshot } from './fixtures/honest-network.js';

let network: HonestNetwork | undefined;
afterEach(async () => {
  await network?.stop();
  network = undefined;
});

/** A carrier's bundle file of the desa, written by a real peer that holds `record`s, and a path to tamper with. */
async function carrierBundle(net: HonestNetwork, records: { id: string; bytes: Uint8Array; kind: string; body: { tps: string } }[]) {
  const carrier = await net.startPeer([DESA], 'carrier', []);
  for (const r of records) await carrier.replica.addLocal(DESA, [{ id: r.id, bytes: r.bytes }]);
  const dir = await tempDir('titip-bundle-attack-');
  net.onStop(dir.remove);
  const file = join(dir.path, 'desa.titip');
  await writeBundleFile(file, carrier.replica, { source: { peer: carrier.peer.peerId, role: 'carrier', label: 'carrier phone' } });
  return { file };
}

describe('attack: a tampered bundle file', () => {
  it('a bundle altered in transit (one byte of a result flipped) is refused whole (BUNDLE_CHECKSUM) before anything is stored; honest traffic flows', async () => {
    network = await HonestNetwork.start();
    await network.submitHonest('the first result');
    const carried = await network.submission('1906012001004');
    const { file } = await carrierBundle(network, [carried]);
    const bytes = new Uint8Array(await readFile(file));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await writeFile(file, bytes);
    const before = snapshot(network.relay);

    const error = await importBundleFile(network.relay.replica, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe('BUNDLE_CHECKSUM');
    expect(network.relay.replica.object(carried.id)).toBeUndefined();
    expectIntact(before, network.relay, network.honestIds);
    await network.submitHonest('a result after the import');
  });

  it('a resealed bundle (checksum recomputed) with an altered result inside stores its honest objects, lists the forgery as rejected (bad-signature) and stores none of it; the honest result carried in it reaches the sink and is receipted', async () => {
    network = await HonestNetwork.start();
    await network.submitHonest('the first result');
    const carried = await network.submission('1906012001004');
    const victimOfTampering = await network.submission('1906012001005');
    const { file } = await carrierBundle(network, [carried, victimOfTampering]);
    // The carrier's file, decoded, one result's numbers changed, and sealed again with a valid checksum.
    const { header, entries } = decodeBundle(new Uint8Array(await readFile(file)));
    const altered = reEnvelope(victimOfTampering.bytes, (parts) => {
      (parts[2] as { form: { suara: { paslon: Record<string, number> } } }).form.suara.paslon['1000526'] = 400;
    });
    const resealed = encodeBundle(
      { createdAt: header.createdAt, source: header.source, regions: header.regions, delta: header.delta },
      entries.map((e) => (e.id === victimOfTampering.id ? { docId: e.docId, bytes: altered.bytes } : { docId: e.docId, bytes: e.bytes })),
    );
    await writeFile(file, resealed);
    const before = snapshot(network.relay);

    const result = await importBundleFile(network.relay.replica, file);
    expect(result.header.source).toMatchObject({ role: 'carrier', label: 'carrier phone' }); // who to ask about it
    expect(result.rejected).toEqual([expect.objectContaining({ id: altered.id, docId: DESA, code: 'bad-signature' })]);
    expect(result.added).toBe(1);
    expect(network.relay.replica.object(altered.id)).toBeUndefined();
    expect(network.relay.replica.object(victimOfTampering.id)).toBeUndefined();
    network.honestIds.add(carried.id);
    expectIntact(before, network.relay, network.honestIds);
    // The honest object of the bundle goes on up like any other, and its receipt comes back.
    await eventually(() => network!.sink.replica.object(carried.id) !== undefined, 'the carried result reaches the sink');
    await eventually(() => receiptOf(network!.relay, carried.id) !== undefined, 'its receipt reaches the relay');
    expect(network.sink.replica.object(altered.id)).toBeUndefined();
    await network.submitHonest('a result after the import');
  });
});
