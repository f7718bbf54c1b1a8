import { handleFrameProtocol, openFrameChannel } from '@titip/sync';
import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../../src/constants.js';
import type { TransferEvent } from '../../src/transfer/transfer-progress.js';
import { authorWithPhotos, PhotoPeers, testPhoto, type PhotoPeer } from '../node-peers.js';

const DESA = '1906012001';
const KECAMATAN = '190601';
const RAW_PROTOCOL = '/titip/bench/raw/1.0.0';

let peers: PhotoPeers;
afterEach(async () => peers?.stopAll());

/** Sends `total` bytes in frames of `frameBytes` from `from` to `to` over their connection; bytes per second. */
async function rawThroughput(from: PhotoPeer, to: PhotoPeer, total: number, frameBytes: number): Promise<number> {
  let received = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const registration = await handleFrameProtocol(to.node.peer.libp2p, RAW_PROTOCOL, async (channel) => {
    for await (const frame of channel.frames()) {
      received += frame.byteLength;
      if (received >= total) done();
    }
  });
  const channel = await openFrameChannel(from.node.peer.libp2p, to.peerId, RAW_PROTOCOL);
  const frame = new Uint8Array(frameBytes).fill(0x5a);
  const start = performance.now();
  for (let sent = 0; sent < total; sent += frameBytes) await channel.send(frame);
  await finished;
  const seconds = (performance.now() - start) / 1000;
  await channel.close();
  await registration.unhandle();
  return total / seconds;
}

/** Resolves with the bytes per second at which `receiver` fetched `hashes` (first chunk to last photo complete). */
async function photoThroughput(receiver: PhotoPeer, hashes: readonly string[], bytes: number, connect: () => Promise<unknown>): Promise<number> {
  const events: TransferEvent[] = [];
  let first = 0;
  receiver.transfer.onEvent((event) => {
    if (event.type === 'chunk-received' && first === 0) first = performance.now();
    events.push(event);
  });
  await connect();
  await eventually(() => hashes.every((h) => events.some((e) => e.type === 'photo-complete' && e.photo === h)), 'photos fetched', 110_000);
  return bytes / ((performance.now() - first) / 1000);
}

const mb = (bytesPerSecond: number) => `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;

describe('photo throughput on loopback', () => {
  it('fetches photos at a good share of the raw stream throughput of the same connection, and through a relay', async () => {
    peers = await PhotoPeers.create();
    const photos = Array.from({ length: 8 }, (_, i) => testPhoto(120 * CHUNK_SIZE, 500 + i)); // 8 × 1.97 MB
    const total = photos.reduce((sum, p) => sum + p.ref.size, 0);
    const submission = await peers.submission(`${DESA}001`, photos);
    const source = await peers.start([DESA]);
    await authorWithPhotos(source, submission, photos, false);
    const relay = await peers.start([KECAMATAN]);
    const end = await peers.start(['1906']);

    const hashes = photos.map((p) => p.ref.sha256);
    const oneHop = await photoThroughput(relay, hashes, total, () => relay.node.peer.connect(source.address));
    // Now the same connection carries a raw stream, both ways of cutting it.
    const raw16 = await rawThroughput(source, relay, 32 * 1024 * 1024, CHUNK_SIZE);
    const raw64 = await rawThroughput(source, relay, 32 * 1024 * 1024, 64 * 1024);
    // A third peer fetching the same photos from the relay.
    const secondHop = await photoThroughput(end, hashes, total, () => end.node.peer.connect(relay.address));

    process.stdout.write(
      `throughput figures: raw stream ${mb(raw16)} (16 KiB frames), ${mb(raw64)} (64 KiB frames); ` +
        `photos one hop ${mb(oneHop)} (${((oneHop / raw16) * 100).toFixed(0)} % of raw 16 KiB), ` +
        `relay to a third peer ${mb(secondHop)}; ${photos.length} photos, ${(total / 1e6).toFixed(1)} MB, both ends in one process\n`,
    );
    expect(oneHop).toBeGreaterThan(0.15 * raw16);
    expect(secondHop).toBeGreaterThan(0.15 * raw16);
  });
});
