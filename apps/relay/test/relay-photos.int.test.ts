import { join } from 'node:path';
import { startPhotos, type RunningPhotos } from '@titip/photos';
import { createSubmission, docIdOf, type PhotoRef, type SubmissionRecord } from '@titip/records';
import { startNodePeer, type RunningNodePeer } from '@titip/sync/node';
import { collectingLogger, eventually, photoBytes, tempDir, type TestTrust } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type Relay, type RelayOptions } from '../src/relay.js';
import { bupatiForm, DESA, KABUPATEN, provider, testElection, TPS_A, TPS_B, trustOf } from './fixtures/scenario.js';

// Photos hop by hop through relays, as the numbers do: operator phone → PPS relay → PPK relay, over real libp2p on
// 127.0.0.1 with LevelDB stores; and a carrier with a photo budget that drops what does not fit, and says so.

let trust: TestTrust;
let dir: { path: string; remove: () => Promise<void> };
const running: { stop(): Promise<void> }[] = [];
const LISTEN = ['/ip4/127.0.0.1/tcp/0'];
const tcp = (addresses: readonly string[]) => addresses.find((a) => a.includes('/tcp/') && !a.includes('/ws'))!;


async function relay(name: string, options: Omit<RelayOptions, 'dataDir' | 'network' | 'listen'>): Promise<Relay> {
  const started = await startRelay({ dataDir: join(dir.path, name), network: trust.network, listen: LISTEN, ...options });
  running.push(started);
  return started;
}

/** An operator phone with its own photos: a Node peer scoped to its TPS that fetches nobody else's photos. */
async function operatorPhone(name: string, tps: string, dial: string): Promise<{ node: RunningNodePeer; photos: RunningPhotos }> {
  const node = await startNodePeer({ dataDir: join(dir.path, name), scopes: [tps], root: trust.network.root, role: 'operator', listen: LISTEN, dial: [dial] });
  const photos = await startPhotos({ peer: node.peer, store: node.store, fetch: () => false });
  running.push({ stop: async () => (await photos.stop(), await node.stop()) });
  return { node, photos };
}

/** Stores the pages at the phone (own photos), signs a submission referencing them and hands it to the replica. */
async function submitWithPhotos(phone: { node: RunningNodePeer; photos: RunningPhotos }, tps: string, pages: Uint8Array[]): Promise<{ submission: SubmissionRecord; refs: PhotoRef[] }> {
  const refs: PhotoRef[] = [];
  for (const [i, bytes] of pages.entries()) {
    const { info } = await phone.photos.blobs.put(bytes, { type: 'image/jpeg', own: true });
    refs.push({ sha256: info.sha256, page: i + 1, size: info.size, type: info.type });
  }
  const operator = await trust.operator(tps);
  const submission = await createSubmission(
    { keyPair: operator.keyPair, credentials: operator.chain, tps, election: testElection.id, form: bupatiForm(100, 120), photos: refs, revision: 1, supersedes: null },
    provider,
    testElection,
  );
  await phone.node.replica.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }]);
  return { submission, refs };
}

beforeAll(async () => {
  trust = await trustOf('relay-photos-int');
  dir = await tempDir('titip-relay-photos-');
});

afterAll(async () => {
  for (const part of running.reverse()) await part.stop().catch(() => undefined);
  await dir?.remove();
});

describe('photos through a PPS and a PPK relay', () => {
  let pps: Relay;
  it('carries the pages hop by hop after the numbers, verified, with progress per photo and per peer', async () => {
    const ppk = await relay('ppk', { scopes: [KABUPATEN], role: 'ppk' });
    pps = await relay('pps', { scopes: [DESA], role: 'pps', dial: [tcp(ppk.node.peer.addresses)] });
    const phone = await operatorPhone('operator-a', TPS_A, tcp(pps.node.peer.addresses));
    const pages = [photoBytes('page-1', 200_000), photoBytes('page-2', 180_000)];
    const { submission, refs } = await submitWithPhotos(phone, TPS_A, pages);

    await eventually(() => ppk.status().held === 1, 'the numbers reach the PPK relay');
    await eventually(() => ppk.status().photos.complete === 2, 'both photos reach the PPK relay', 60_000);
    for (const [i, ref] of refs.entries()) {
      expect(await ppk.photos.blobs.get(ref.sha256)).toEqual(pages[i]);
      expect(await pps.photos.blobs.get(ref.sha256)).toEqual(pages[i]);
    }
    expect(pps.status().photos).toEqual({
      total: 2,
      complete: 2,
      bytesTotal: 380_000,
      bytesDone: 380_000,
      rateIn: expect.any(Number),
      rateOut: expect.any(Number),
      dropped: 0,
      budgetBytes: null,
      othersBytes: 380_000,
    });
    // Per photo: which submission and TPS it belongs to, done; per peer: the PPS got every byte from the phone and
    // gave every byte to the PPK.
    const progress = pps.photos.transfer.progress();
    expect(progress.photos.map((p) => ({ sha256: p.sha256, state: p.state, tps: p.tps, submissions: p.submissions, done: p.bytesDone }))).toEqual(
      expect.arrayContaining(refs.map((ref) => ({ sha256: ref.sha256, state: 'complete', tps: [TPS_A], submissions: [submission.id], done: ref.size }))),
    );
    const fromPhone = progress.peers.find((p) => p.peer === phone.node.peer.peerId)!;
    const toPpk = progress.peers.find((p) => p.peer === ppk.node.peer.peerId)!;
    expect(fromPhone.bytesIn).toBe(380_000);
    expect(toPpk.bytesOut).toBe(380_000);
    expect(ppk.photos.transfer.progress().peers.find((p) => p.peer === pps.node.peer.peerId)!.bytesIn).toBe(380_000);
    // The phone fetched nothing: it holds its own pages only.
    expect(phone.photos.blobs.usage()).toMatchObject({ ownBytes: 380_000, othersBytes: 0 });
  });

  it('restarts with its photos on disk and fetches nothing again', async () => {
    const peerId = pps.node.peer.peerId;
    await pps.stop();
    running.splice(running.indexOf(pps), 1);
    const again = await relay('pps', { scopes: [DESA], role: 'pps' });
    expect(again.node.peer.peerId).toBe(peerId);
    expect(again.status().photos).toMatchObject({ total: 2, complete: 2, bytesDone: 380_000, othersBytes: 380_000 });
    expect(again.photos.transfer.progress().peers).toEqual([]);
  });
});

describe('a carrier with a photo budget', () => {
  it('keeps what fits, drops the oldest others’ photo and logs it, and still carries every number', async () => {
    const logger = collectingLogger('relay');
    // 300 kB for others' photos; two pages of 200 kB each arrive: the older one is dropped to make room.
    const carrier = await relay('carrier', { scopes: [KABUPATEN], role: 'carrier', photoBudget: 300_000, logger });
    expect(carrier.status().photos).toMatchObject({ budgetBytes: 300_000, othersBytes: 0 });
    const phone = await operatorPhone('operator-b', TPS_B, tcp(carrier.node.peer.addresses));
    const { refs } = await submitWithPhotos(phone, TPS_B, [photoBytes('b-1', 200_000), photoBytes('b-2', 200_000)]);

    await eventually(() => carrier.status().held === 1, 'the carrier holds the numbers');
    await eventually(() => carrier.status().photos.complete + carrier.status().photos.dropped === 2, 'one photo held, one dropped', 60_000);
    expect(carrier.status().photos).toMatchObject({ total: 2, complete: 1, dropped: 1, budgetBytes: 300_000, othersBytes: 200_000 });
    const dropped = carrier.photos.blobs.dropped();
    expect(dropped).toHaveLength(1);
    expect(refs.map((r) => r.sha256)).toContain(dropped[0]!.sha256);
    // The drop is logged once its batch is written (the counts above change as it is planned).
    const warnings = () => logger.records.filter((r) => r.level === 'warn' && r.msg === 'photo dropped for the budget');
    await eventually(() => warnings().length > 0, 'the drop logged');
    expect(warnings()).toEqual([
      { level: 'warn', component: 'relay:photos', msg: 'photo dropped for the budget', fields: expect.objectContaining({ photo: dropped[0]!.sha256, size: 200_000, budget: 300_000 }) },
    ]);
    // A dropped photo is not fetched again (no thrashing), and the numbers are never dropped.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(carrier.status().photos).toMatchObject({ complete: 1, dropped: 1 });
    expect(carrier.status().held).toBe(1);
  });

  it('refuses a budget that is not a whole number of bytes', async () => {
    for (const photoBudget of [-1, 1.5, Number.NaN]) {
      const attempt = startRelay({ dataDir: join(dir.path, 'bad-budget'), network: trust.network, scopes: [DESA], photoBudget });
      await expect(attempt).rejects.toMatchObject({ name: 'RelayError', code: 'RELAY_INVALID_OPTION', message: expect.stringMatching(/photoBudget must be a whole number of bytes/) });
    }
  });
});
