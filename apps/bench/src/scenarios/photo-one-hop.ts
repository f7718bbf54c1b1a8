import { loadavg } from 'node:os';
import { startRelay, type Relay } from '@titip/relay';
import { handleFrameProtocol, openFrameChannel } from '@titip/sync';
import { tempDir } from '@titip/testkit';
import { holdAtRelay, photoResults, tcpAddress, type PhotoResults } from './photo-results.js';

/** The bench's own protocol for the raw stream: frames counted and dropped, nothing else. */
export const RAW_STREAM_PROTOCOL = '/titip/bench/raw/1.0.0';
/** The photo transfer's chunk size (`CHUNK_SIZE` of `@titip/photos`): the raw stream is cut the same way. */
const PHOTO_CHUNK_BYTES = 16 * 1024;

/** Options of {@link benchPhotoOneHop}. */
export interface PhotoOneHopOptions {
  /** Results, each with `photosPerResult` photos. @default 20 */
  readonly results?: number;
  /** @default 2 */
  readonly photosPerResult?: number;
  /** @default 200,000 bytes */
  readonly photoBytes?: number;
  /** Bytes sent on the raw stream, per frame size. @default 32 MiB */
  readonly rawBytes?: number;
  /** Fresh relay pairs measured one after the other. @default 3 */
  readonly rounds?: number;
}

/** One round: a fresh pair of relays. */
export interface PhotoOneHopRound {
  /** Photo bytes over the time from the first chunk received to the last photo complete, MB/s (10^6 bytes). */
  readonly photoMBps: number;
  /** From the dial until every photo is held whole at the receiver. */
  readonly photosMs: number;
  /** Raw stream of the same connection, frames of 16 KiB (the photo chunk size) and of 64 KiB, MB/s. */
  readonly rawMBps16k: number;
  readonly rawMBps64k: number;
  /** photoMBps / rawMBps16k. */
  readonly ratio: number;
  /** The receiving relay passing the same photos on to a third relay (its second hop), MB/s. */
  readonly secondHopMBps: number;
  readonly loadAverage: number;
}

/** Figures of {@link benchPhotoOneHop}. */
export interface PhotoOneHopFigures {
  readonly photos: number;
  readonly photoBytes: number;
  readonly results: number;
  readonly rawBytes: number;
  readonly rounds: PhotoOneHopRound[];
  /** Medians over the rounds. */
  readonly median: { photoMBps: number; rawMBps16k: number; rawMBps64k: number; ratio: number; secondHopMBps: number };
  readonly note: string;
}

/**
 * Photo throughput of one hop against the raw stream throughput of the same connection: a PPS relay (desa) holding
 * `results` results with their photos, a PPK relay (kecamatan) dialling it over libp2p TCP on 127.0.0.1 and fetching
 * every photo (`/titip/photos/1.0.0`: verified chunks into LevelDB), then a raw stream of the bench's own protocol
 * on that same connection; then a third relay (kabupaten) fetching the photos from the PPK (the next hop).
 */
export async function benchPhotoOneHop(options: PhotoOneHopOptions = {}): Promise<PhotoOneHopFigures> {
  const count = options.results ?? 20;
  const perResult = options.photosPerResult ?? 2;
  const photoBytes = options.photoBytes ?? 200_000;
  const rawBytes = options.rawBytes ?? 32 * 1024 * 1024;
  const desa = '1906012001';
  const tps = Array.from({ length: count }, (_, i) => `${desa}${String(i + 1).padStart(3, '0')}`);
  const results = await photoResults(tps, perResult, photoBytes, 'bench-photo-hop');
  const rounds: PhotoOneHopRound[] = [];
  for (let r = 0; r < (options.rounds ?? 3); r++) rounds.push(await oneRound(results, desa, rawBytes));
  const median = (pick: (round: PhotoOneHopRound) => number) => {
    const sorted = rounds.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  return {
    photos: count * perResult,
    photoBytes: results.photoBytes,
    results: count,
    rawBytes,
    rounds,
    median: {
      photoMBps: median((r) => r.photoMBps),
      rawMBps16k: median((r) => r.rawMBps16k),
      rawMBps64k: median((r) => r.rawMBps64k),
      ratio: median((r) => r.ratio),
      secondHopMBps: median((r) => r.secondHopMBps),
    },
    note: 'both ends of each connection in this one process (one CPU thread), as the raw stream it is compared with',
  };
}

async function oneRound(results: PhotoResults, desa: string, rawBytes: number): Promise<PhotoOneHopRound> {
  const dirs = await Promise.all([0, 1, 2].map(() => tempDir('titip-bench-photo-hop-')));
  const relays: Relay[] = [];
  const start = async (dir: string, scopes: string[], role: string) => {
    const relay = await startRelay({ dataDir: dir, network: results.trust.network, scopes, role, listen: ['/ip4/127.0.0.1/tcp/0'] });
    relays.push(relay);
    return relay;
  };
  try {
    const pps = await start(dirs[0]!.path, [desa], 'pps');
    const ppk = await start(dirs[1]!.path, [desa.slice(0, 6)], 'ppk');
    const kabupaten = await start(dirs[2]!.path, [desa.slice(0, 4)], 'carrier');
    await holdAtRelay(pps, results);
    const hashes = results.photos.flat().map((p) => p.ref.sha256);

    const hop = await fetchAll(ppk, hashes, () => ppk.node.peer.connect(tcpAddress(pps)));
    const rawMBps16k = await rawStream(pps, ppk, rawBytes, PHOTO_CHUNK_BYTES);
    const rawMBps64k = await rawStream(pps, ppk, rawBytes, 64 * 1024);
    const second = await fetchAll(kabupaten, hashes, () => kabupaten.node.peer.connect(tcpAddress(ppk)));
    const photoMBps = results.photoBytes / 1e6 / (hop.transferMs / 1000);
    return {
      photoMBps: round(photoMBps),
      photosMs: Math.round(hop.totalMs),
      rawMBps16k: round(rawMBps16k),
      rawMBps64k: round(rawMBps64k),
      ratio: round(photoMBps / rawMBps16k, 2),
      secondHopMBps: round(results.photoBytes / 1e6 / (second.transferMs / 1000)),
      loadAverage: loadavg()[0]!,
    };
  } finally {
    for (const relay of relays.reverse()) await relay.stop();
    await Promise.all(dirs.map((d) => d.remove()));
  }
}

/**
 * Connects `receiver` (by `connect`) and waits until it holds every photo of `hashes` whole (at most 120 s). Returns
 * the ms from the first chunk received to the last photo complete, and from the dial.
 */
async function fetchAll(receiver: Relay, hashes: readonly string[], connect: () => Promise<unknown>): Promise<{ transferMs: number; totalMs: number }> {
  const pending = new Set(hashes);
  let first = 0;
  let last = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const off = receiver.photos.transfer.onEvent((event) => {
    if (event.type === 'chunk-received' && first === 0) first = performance.now();
    if (event.type === 'photo-complete' && pending.delete(event.photo) && pending.size === 0) {
      last = performance.now();
      done();
    }
  });
  const t0 = performance.now();
  try {
    await connect();
    await withTimeout(finished, 120_000, () => `photos not all fetched in 120 s (${pending.size} of ${hashes.length} missing)`);
  } finally {
    off();
  }
  return { transferMs: last - first, totalMs: last - t0 };
}

/** Sends `total` bytes in frames of `frameBytes` from `from` to `to` on their connection; MB/s (10^6 bytes). */
async function rawStream(from: Relay, to: Relay, total: number, frameBytes: number): Promise<number> {
  let received = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const registration = await handleFrameProtocol(to.node.peer.libp2p, RAW_STREAM_PROTOCOL, async (channel) => {
    for await (const frame of channel.frames()) {
      received += frame.byteLength;
      if (received >= total) done();
    }
  });
  try {
    const channel = await openFrameChannel(from.node.peer.libp2p, to.node.peer.peerId, RAW_STREAM_PROTOCOL);
    const frame = new Uint8Array(frameBytes).fill(0x5a);
    const start = performance.now();
    for (let sent = 0; sent < total; sent += frameBytes) await channel.send(frame);
    await withTimeout(finished, 120_000, () => `raw stream: ${received} of ${total} bytes in 120 s`);
    const seconds = (performance.now() - start) / 1000;
    await channel.close();
    return Math.ceil(total / frameBytes) * frameBytes / 1e6 / seconds;
  } finally {
    await registration.unhandle();
  }
}

async function withTimeout(promise: Promise<void>, ms: number, message: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message())), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
