import type { SubmissionRecord } from '@titip/records';
import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../../src/constants.js';
import type { TransferEvent } from '../../src/transfer/transfer-progress.js';
import { sameBytes } from '../fixtures.js';
import { authorWithPhotos, PhotoPeers, testPhoto, type PhotoPeer } from '../node-peers.js';

const TPS = '1906012001001';
const DESA = '1906012001';
const KECAMATAN = '190601';

let peers: PhotoPeers;
afterEach(async () => peers?.stopAll());

function record(peer: PhotoPeer): TransferEvent[] {
  const events: TransferEvent[] = [];
  peer.transfer.onEvent((event) => events.push(event));
  return events;
}

/** Waits until `peer` has fetched, verified and written every photo in `hashes`. */
async function fetched(peer: PhotoPeer, events: readonly TransferEvent[], hashes: readonly string[], timeoutMs = 30_000): Promise<void> {
  await eventually(() => hashes.every((h) => events.some((e) => e.type === 'photo-complete' && e.photo === h)), 'photos fetched', timeoutMs);
  for (const hash of hashes) if (!peer.blobs.has(hash)) throw new Error(`photo ${hash} completed but is not held`);
}

describe('PhotoTransfer over real libp2p connections', () => {
  it('carries the photos of a submission hop by hop, operator → PPS → PPK, verified and whole', async () => {
    peers = await PhotoPeers.create();
    const ppk = await peers.start([KECAMATAN]);
    const pps = await peers.start([DESA], { dial: [ppk.address] });
    const operator = await peers.start([TPS], { dial: [pps.address] });
    const atPpk = record(ppk);
    const atPps = record(pps);
    const photos = [testPhoto(200_000, 1), testPhoto(180_000, 2)];
    const submission = await peers.submission(TPS, photos);
    await authorWithPhotos(operator, submission, photos);
    await fetched(ppk, atPpk, photos.map((p) => p.ref.sha256));
    await fetched(pps, atPps, photos.map((p) => p.ref.sha256));
    for (const photo of photos) {
      expect(sameBytes(await ppk.blobs.get(photo.ref.sha256), photo.bytes)).toBe(true);
      expect(sameBytes(await pps.blobs.get(photo.ref.sha256), photo.bytes)).toBe(true);
      expect(pps.blobs.info(photo.ref.sha256)?.own).toBe(false);
      expect(operator.blobs.info(photo.ref.sha256)?.own).toBe(true);
    }
    const progress = ppk.transfer.progress();
    expect(progress.totals).toMatchObject({ photos: 2, complete: 2, bytesTotal: 380_000, bytesDone: 380_000, dropped: 0 });
    expect(progress.photos.map((p) => p.state)).toEqual(['complete', 'complete']);
    const fromPps = progress.peers.find((p) => p.peer === pps.peerId)!;
    expect(fromPps).toMatchObject({ connected: true, bytesIn: 380_000, chunksIn: Math.ceil(200_000 / CHUNK_SIZE) + Math.ceil(180_000 / CHUNK_SIZE), badChunks: 0 });
    expect(pps.transfer.peers().find((p) => p.peer === ppk.peerId)).toMatchObject({ bytesOut: 380_000 });
  });

  it('refuses a corrupted chunk from a malicious peer, reports it, and fetches that chunk from another peer', async () => {
    peers = await PhotoPeers.create();
    const photo = testPhoto(10 * CHUNK_SIZE + 500, 3);
    const submission = await peers.submission(TPS, [photo]);
    const honest = await peers.start([DESA]);
    const malicious = await peers.start([DESA]);
    await authorWithPhotos(honest, submission, [photo], false);
    await authorWithPhotos(malicious, submission, [photo], false);
    // The malicious peer serves chunk 6 with one byte changed (its state left as is).
    const key = `photos/c/${photo.ref.sha256}/00006`;
    const value = (await malicious.node.store.get(key))!;
    value[32 + 1000]! ^= 0x01;
    await malicious.node.store.batch([{ type: 'put', key, value }]);

    const receiver = await peers.start([KECAMATAN]);
    const events = record(receiver);
    await receiver.node.peer.connect(malicious.address);
    await eventually(() => events.some((e) => e.type === 'bad-chunk'), 'the bad chunk is refused');
    expect(events.find((e) => e.type === 'bad-chunk')).toMatchObject({ peer: malicious.peerId, photo: photo.ref.sha256, index: 6, failure: 'hash' });
    expect(receiver.transfer.reports()).toMatchObject([{ peer: malicious.peerId, code: 'bad-chunk', photo: photo.ref.sha256, index: 6 }]);
    expect(receiver.transfer.isBanned(malicious.peerId)).toBe(true);
    // chunks 10..7 verified and kept; nothing of the bad one
    expect(receiver.blobs.info(photo.ref.sha256)?.from).toBe(7);

    await receiver.node.peer.connect(honest.address);
    await fetched(receiver, events, [photo.ref.sha256]);
    expect(sameBytes(await receiver.blobs.get(photo.ref.sha256), photo.bytes)).toBe(true);
    const fromHonest = events.filter((e) => e.type === 'chunk-received' && e.peer === honest.peerId).map((e) => (e as { index: number }).index);
    expect(fromHonest).toEqual([6, 5, 4, 3, 2, 1, 0]);
    const fromMalicious = events.filter((e) => e.type === 'chunk-received' && e.peer === malicious.peerId).map((e) => (e as { index: number }).index);
    expect(fromMalicious).toEqual([10, 9, 8, 7]);
    expect(receiver.transfer.peers().find((p) => p.peer === malicious.peerId)).toMatchObject({ badChunks: 1, connected: false });
  });

  it('resumes a transfer cut halfway from another peer, without the received chunks sent again', async () => {
    peers = await PhotoPeers.create();
    const photo = testPhoto(120 * CHUNK_SIZE, 4); // ~2 MB
    const submission = await peers.submission(TPS, [photo]);
    const first = await peers.start([DESA]);
    const second = await peers.start([DESA]);
    await authorWithPhotos(first, submission, [photo], false);
    await authorWithPhotos(second, submission, [photo], false);
    const servedByFirst = record(first);
    const servedBySecond = record(second);
    const receiver = await peers.start([KECAMATAN], { transfer: { maxInFlightBytes: 4 * CHUNK_SIZE } });
    const events = record(receiver);
    let cut: Promise<void> | undefined;
    receiver.transfer.onEvent((event) => {
      if (event.type === 'chunk-received' && event.index === 60 && !cut) cut = receiver.node.peer.hangUp(first.peerId); // hang up mid-transfer
    });
    await receiver.node.peer.connect(first.address);
    await eventually(() => cut !== undefined, 'half the photo');
    await cut;
    await new Promise((r) => setTimeout(r, 300));
    const heldAtCut = receiver.blobs.info(photo.ref.sha256)!.from;
    expect(heldAtCut).toBeGreaterThan(0);
    expect(heldAtCut).toBeLessThanOrEqual(60);

    await receiver.node.peer.connect(second.address);
    await fetched(receiver, events, [photo.ref.sha256]);
    expect(sameBytes(await receiver.blobs.get(photo.ref.sha256), photo.bytes)).toBe(true);
    const fromSecond = servedBySecond.filter((e) => e.type === 'chunk-served').map((e) => (e as { index: number }).index);
    expect(fromSecond).toEqual(Array.from({ length: heldAtCut }, (_, i) => heldAtCut - 1 - i)); // exactly the missing ones
    const fromFirst = servedByFirst.filter((e) => e.type === 'chunk-served').length;
    // what the first peer sent beyond what was kept was in flight at the cut (at most the window)
    expect(fromFirst - (120 - heldAtCut)).toBeLessThanOrEqual(4);
  });

  it('restarts mid-transfer from LevelDB and carries on from the chunk it had reached', async () => {
    peers = await PhotoPeers.create();
    const photo = testPhoto(100 * CHUNK_SIZE + 7, 5);
    const submission = await peers.submission(TPS, [photo]);
    const source = await peers.start([DESA]);
    await authorWithPhotos(source, submission, [photo], false);
    const served = record(source);
    let receiver = await peers.start([KECAMATAN], { transfer: { maxInFlightBytes: 4 * CHUNK_SIZE } });
    const { dataDir, peerId } = receiver;
    let stopping: Promise<void> | undefined;
    receiver.transfer.onEvent((event) => {
      if (event.type === 'chunk-received' && event.index === 50 && !stopping) stopping = receiver.stop(); // the laptop is shut down
    });
    await receiver.node.peer.connect(source.address);
    await eventually(() => stopping !== undefined, 'half the photo');
    await stopping;
    const servedBefore = served.filter((e) => e.type === 'chunk-served').length;

    receiver = await peers.start([KECAMATAN], { dataDir, dial: [source.address] });
    const events = record(receiver);
    expect(receiver.peerId).toBe(peerId);
    const reached = receiver.blobs.info(photo.ref.sha256)!;
    expect(reached.complete).toBe(false);
    expect(reached.from).toBeLessThanOrEqual(50);
    expect(receiver.node.replica.object(submission.id)).toBeDefined(); // the numbers were kept too
    await fetched(receiver, events, [photo.ref.sha256]);
    expect(sameBytes(await receiver.blobs.get(photo.ref.sha256), photo.bytes)).toBe(true);
    const after = served.slice(servedBefore).filter((e) => e.type === 'chunk-served').map((e) => (e as { index: number }).index);
    expect(after).toEqual(Array.from({ length: reached.from }, (_, i) => reached.from - 1 - i));
  });

  it('keeps a carrier within its budget for others’ photos: oldest dropped and reported, its own and all numbers kept', async () => {
    peers = await PhotoPeers.create();
    const island = await peers.start([DESA]);
    const photos = [1, 2, 3, 4].map((n) => testPhoto(200_000, 10 + n));
    const submissions: SubmissionRecord[] = [];
    for (const [i, photo] of photos.entries()) {
      const submission = await peers.submission(`${DESA}00${i + 1}`, [photo], { deviceTime: Date.now() - (10 - i) * 3_600_000 });
      submissions.push(submission);
      await authorWithPhotos(island, submission, [photo], false);
    }
    const carrier = await peers.start(['1906'], { role: 'carrier', blobs: { budgetBytes: 450_000 } });
    const selfie = testPhoto(300_000, 99);
    await carrier.blobs.put(selfie.bytes, { type: 'image/jpeg', own: true });
    const events = record(carrier);
    await carrier.node.peer.connect(island.address);
    await eventually(() => submissions.every((s) => carrier.node.replica.object(s.id) !== undefined), 'all numbers on the carrier');
    await eventually(
      () => carrier.transfer.progress().photos.every((p) => p.state === 'complete' || p.state === 'dropped'),
      'every photo fetched or dropped',
      30_000,
    );
    const usage = carrier.blobs.usage();
    expect(usage.othersBytes).toBeLessThanOrEqual(450_000);
    expect(usage.ownBytes).toBe(300_000);
    expect(carrier.blobs.has(selfie.ref.sha256)).toBe(true);
    // fetched oldest first; each new one past the budget evicts the oldest held
    const dropped = events.filter((e) => e.type === 'photo-dropped').map((e) => (e as { photo: { sha256: string } }).photo.sha256);
    expect(dropped).toEqual([photos[0]!.ref.sha256, photos[1]!.ref.sha256]);
    expect(carrier.blobs.dropped().map((d) => d.sha256)).toEqual(dropped);
    expect(photos.slice(2).every((p) => carrier.blobs.has(p.ref.sha256))).toBe(true);
    expect(carrier.transfer.progress().totals).toMatchObject({ photos: 4, complete: 2, dropped: 2 });
    // numbers are never dropped
    expect(submissions.every((s) => carrier.node.replica.object(s.id) !== undefined)).toBe(true);
    // and dropped photos are not fetched again
    await new Promise((r) => setTimeout(r, 500));
    expect(events.filter((e) => e.type === 'photo-complete')).toHaveLength(4);
    // unless the budget is raised and the drops are forgotten
    await carrier.blobs.setBudget(2_000_000);
    await carrier.blobs.clearDropped();
    await eventually(() => events.filter((e) => e.type === 'photo-complete').length === 6, 'the dropped photos fetched again');
    for (const photo of photos) expect(sameBytes(await carrier.blobs.get(photo.ref.sha256), photo.bytes)).toBe(true);
    expect(carrier.transfer.progress().totals).toMatchObject({ photos: 4, complete: 4, dropped: 0 });
  });
});
