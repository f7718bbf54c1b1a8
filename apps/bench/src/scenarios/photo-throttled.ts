import { loadavg } from 'node:os';
import { startRelay, type Relay } from '@titip/relay';
import { tempDir, startThrottledLink, type ThrottledLink } from '@titip/testkit';
import { holdAtRelay, photoResults } from './photo-results.js';

/** Options of {@link benchPhotoThrottled}. */
export interface PhotoThrottledOptions {
  /** Results of the kecamatan, spread over its desa (10 TPS each). @default 30 */
  readonly results?: number;
  /** @default 2 */
  readonly photosPerResult?: number;
  /** @default 200,000 bytes */
  readonly photoBytes?: number;
  /** @default 20,000 bytes/s each way */
  readonly bytesPerSecond?: number;
  /** @default 300 ms each way */
  readonly latencyMs?: number;
  /** Fresh relay pairs measured one after the other. @default 3 */
  readonly rounds?: number;
}

/** One round: a fresh pair of relays and link. */
export interface PhotoThrottledRound {
  /** From the dial until the dial resolved (TCP, noise and yamux over the slow link). */
  readonly connectMs: number;
  /** From the dial until the receiver holds every result (all the numbers of the kecamatan). */
  readonly allNumbersMs: number;
  /** From the dial until the first photo is held whole at the receiver. */
  readonly firstPhotoMs: number;
  /** Photo bytes that had arrived when the last number did (numbers first: none). */
  readonly photoBytesBeforeAllNumbers: number;
  /** Bytes the link carried towards the receiver by the first photo, and the photo bytes among them. */
  readonly linkBytesDown: number;
  readonly photoBytesDown: number;
  /** The receiver was still connected at the end (libp2p's ping survived the queued photo bytes). */
  readonly connected: boolean;
  readonly loadAverage: number;
}

/** Figures of {@link benchPhotoThrottled}. */
export interface PhotoThrottledFigures {
  readonly results: number;
  readonly photos: number;
  readonly photoBytes: number;
  readonly submissionBytes: number;
  readonly link: { bytesPerSecond: number; latencyMs: number };
  readonly rounds: PhotoThrottledRound[];
  readonly median: { allNumbersMs: number; firstPhotoMs: number; connectMs: number };
}

/**
 * Time to all numbers on a throttled link: a PPK relay holding a kecamatan's results with their photos, a
 * kabupaten relay dialling it through a TCP relay on 127.0.0.1 that carries `bytesPerSecond` each way with
 * `latencyMs` each way (shared by every stream of the connection, as the photos integration tests simulate a
 * radio link). Measured from the dial: when every result is held at the receiver, and when the first photo is.
 */
export async function benchPhotoThrottled(options: PhotoThrottledOptions = {}): Promise<PhotoThrottledFigures> {
  const count = options.results ?? 30;
  const perResult = options.photosPerResult ?? 2;
  const link = { bytesPerSecond: options.bytesPerSecond ?? 20_000, latencyMs: options.latencyMs ?? 300 };
  const kecamatan = '190601';
  const tps = Array.from({ length: count }, (_, i) => `${kecamatan}${2001 + Math.floor(i / 10)}${String(1 + (i % 10)).padStart(3, '0')}`);
  const results = await photoResults(tps, perResult, options.photoBytes ?? 200_000, 'bench-photo-throttled');
  const rounds: PhotoThrottledRound[] = [];
  for (let r = 0; r < (options.rounds ?? 3); r++) rounds.push(await oneRound(results, kecamatan, link));
  const median = (pick: (round: PhotoThrottledRound) => number) => {
    const sorted = rounds.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  return {
    results: count,
    photos: count * perResult,
    photoBytes: results.photoBytes,
    submissionBytes: results.submissions.reduce((sum, s) => sum + s.bytes.byteLength, 0),
    link,
    rounds,
    median: { allNumbersMs: median((r) => r.allNumbersMs), firstPhotoMs: median((r) => r.firstPhotoMs), connectMs: median((r) => r.connectMs) },
  };
}

async function oneRound(results: Awaited<ReturnType<typeof photoResults>>, kecamatan: string, options: { bytesPerSecond: number; latencyMs: number }): Promise<PhotoThrottledRound> {
  const dirs = await Promise.all([0, 1].map(() => tempDir('titip-bench-photo-slow-')));
  const relays: Relay[] = [];
  let link: ThrottledLink | undefined;
  try {
    const ppk = await startRelay({ dataDir: dirs[0]!.path, network: results.trust.network, scopes: [kecamatan], role: 'ppk', listen: ['/ip4/127.0.0.1/tcp/0'] });
    relays.push(ppk);
    const receiver = await startRelay({ dataDir: dirs[1]!.path, network: results.trust.network, scopes: [kecamatan.slice(0, 4)], role: 'carrier', listen: ['/ip4/127.0.0.1/tcp/0'] });
    relays.push(receiver);
    await holdAtRelay(ppk, results);
    const port = Number(/\/tcp\/(\d+)\//.exec(ppk.node.peer.addresses.find((a) => !a.includes('/ws'))!)![1]);
    link = await startThrottledLink(port, options);

    let photoBytes = 0;
    let firstPhotoAt: number | undefined;
    const off = receiver.photos.transfer.onEvent((event) => {
      if (event.type === 'chunk-received') photoBytes += event.bytes;
      if (event.type === 'photo-complete') firstPhotoAt ??= performance.now();
    });
    const ids = results.submissions.map((s) => s.id);
    const t0 = performance.now();
    await receiver.node.peer.connect(`/ip4/127.0.0.1/tcp/${link.port}/p2p/${ppk.node.peer.peerId}`);
    const connectMs = performance.now() - t0;
    const allNumbersAt = await until(() => ids.every((id) => receiver.node.replica.object(id) !== undefined), t0, 120_000, 'all numbers');
    const photoBytesBeforeAllNumbers = photoBytes;
    await until(() => firstPhotoAt !== undefined, t0, 180_000, 'the first photo');
    off();
    const connected = receiver.node.peer.engine.sessions().length > 0;
    return {
      connectMs: Math.round(connectMs),
      allNumbersMs: Math.round(allNumbersAt - t0),
      firstPhotoMs: Math.round(firstPhotoAt! - t0),
      photoBytesBeforeAllNumbers,
      linkBytesDown: link.carried.down,
      photoBytesDown: photoBytes,
      connected,
      loadAverage: loadavg()[0]!,
    };
  } finally {
    await link?.close();
    for (const relay of relays.reverse()) await relay.stop();
    await Promise.all(dirs.map((d) => d.remove()));
  }
}

/** Polls `condition` every 20 ms; resolves with the time it held, throws past `capMs` after `t0`. */
async function until(condition: () => boolean, t0: number, capMs: number, what: string): Promise<number> {
  while (!condition()) {
    if (performance.now() - t0 > capMs) throw new Error(`${what} not there within ${capMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now();
}
