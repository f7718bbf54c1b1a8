import { docIdOf, type SubmissionRecord } from '@titip/records';
import { eventually, startThrottledLink, type ThrottledLink } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransferEvent } from '../../src/transfer/transfer-progress.js';
import { authorWithPhotos, PhotoPeers, testPhoto, type PhotoPeer, type TestPhoto } from '../node-peers.js';

const DESA = '1906012001';
const KECAMATAN = '190601';
const HOUR = 3_600_000;

let peers: PhotoPeers;
let link: ThrottledLink | undefined;
afterEach(async () => {
  await link?.close();
  link = undefined;
  await peers?.stopAll();
});

/** Resolves with the ms until `condition` holds, or with `capMs` if it does not by then. */
async function timeUntil(condition: () => boolean, capMs: number): Promise<number> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start >= capMs) return capMs;
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

/** Adds submissions without photos at `peer`; the ms until `receiver` holds them all (at most `capMs`). */
async function wave(peers: PhotoPeers, peer: PhotoPeer, receiver: PhotoPeer, tps: readonly string[], capMs: number): Promise<number> {
  const submissions = await Promise.all(tps.map((code) => peers.submission(code, [])));
  const start = Date.now();
  for (const s of submissions) await peer.node.replica.addLocal(docIdOf(s), [{ id: s.id, bytes: s.bytes }]);
  const waited = await timeUntil(() => submissions.every((s) => receiver.node.replica.object(s.id) !== undefined), capMs);
  return waited >= capMs ? capMs : Date.now() - start;
}

interface Figures {
  /** A wave of three results on the idle link. */
  readonly idleWave: number;
  /** Eight results with sixteen photo references, from authoring to all held at the PPK. */
  readonly allNumbers: number;
  readonly firstPhoto: number;
  /** A wave of three results while photo bytes flow. */
  readonly busyWave: number;
  /** Photos in the order they completed, and the order priority asks for. */
  readonly completed: readonly string[];
  readonly expected: readonly string[];
  /** The PPK was still connected to the PPS at the end. */
  readonly connected: boolean;
  /** The most photo bytes requested from the PPS and not yet received, sampled every 50 ms. */
  readonly maxInFlight: number;
  readonly line: string;
}

/**
 * A PPS and a PPK over a 20 KB/s link with 300 ms each way: a baseline wave of numbers, then eight results with two
 * photos each (signed an hour apart, authored in a scrambled order), then another wave of numbers while photos flow.
 */
async function scenario(transfer: { numbersFirst?: boolean; maxInFlightBytes?: number; targetDelayMs?: number }, capMs = 60_000): Promise<Figures> {
  peers = await PhotoPeers.create();
  const pps = await peers.start([DESA], { transfer });
  const ppk = await peers.start([KECAMATAN], { transfer });
  const port = Number(/\/tcp\/(\d+)\//.exec(pps.address)![1]);
  link = await startThrottledLink(port, { bytesPerSecond: 20_000, latencyMs: 300 });
  const events: TransferEvent[] = [];
  let firstCompleteAt: number | undefined;
  ppk.transfer.onEvent((e) => {
    events.push(e);
    if (e.type === 'photo-complete') firstCompleteAt ??= Date.now();
  });
  await ppk.node.peer.connect(`/ip4/127.0.0.1/tcp/${link.port}/p2p/${pps.peerId}`);
  await new Promise((r) => setTimeout(r, 1500));

  let maxInFlight = 0;
  const sampler = setInterval(() => {
    const fromPps = ppk.transfer.peers().find((p) => p.peer === pps.peerId);
    maxInFlight = Math.max(maxInFlight, fromPps?.inFlightBytes ?? 0);
  }, 50);
  const idleWave = await wave(peers, pps, ppk, [`${DESA}101`, `${DESA}102`, `${DESA}103`], capMs);

  const sizes = [
    [40_000, 24_000],
    [30_000, 60_000],
    [50_000, 26_000],
    [34_000, 44_000],
    [28_000, 52_000],
    [46_000, 32_000],
    [38_000, 42_000],
    [36_000, 48_000],
  ];
  const base = Date.now() - 10 * HOUR;
  const results: { submission: SubmissionRecord; photos: TestPhoto[] }[] = [];
  for (const [i, pair] of sizes.entries()) {
    const photos = pair.map((size, page) => testPhoto(size, 100 + 2 * i + page));
    results.push({ submission: await peers.submission(`${DESA}00${i + 1}`, photos, { deviceTime: base + i * HOUR }), photos });
  }
  const start = Date.now();
  for (const i of [5, 2, 7, 0, 4, 1, 6, 3]) await authorWithPhotos(pps, results[i]!.submission, results[i]!.photos, false);
  const arrived = await timeUntil(() => results.every((r) => ppk.node.replica.object(r.submission.id) !== undefined), capMs);
  const allNumbers = arrived >= capMs ? capMs : Date.now() - start;
  await timeUntil(() => firstCompleteAt !== undefined, capMs);
  const firstPhoto = firstCompleteAt === undefined ? capMs : firstCompleteAt - start;
  // Let photo bytes flow for a moment, then a new wave of numbers.
  await new Promise((r) => setTimeout(r, 1000));
  const busyWave = await wave(peers, pps, ppk, [`${DESA}104`, `${DESA}105`, `${DESA}106`], capMs);
  if (transfer.numbersFirst !== false) {
    await eventually(() => events.filter((e) => e.type === 'photo-complete').length >= 4, 'four photos', 90_000);
  }
  clearInterval(sampler);
  const connected = ppk.node.peer.libp2p.getConnections().some((c) => c.remotePeer.toString() === pps.peerId);
  const completed = events.filter((e) => e.type === 'photo-complete').map((e) => (e as { photo: string }).photo);
  const expected = results.flatMap((r) => [...r.photos].sort((a, b) => a.ref.size - b.ref.size)).map((p) => p.ref.sha256);
  const fromPps = ppk.transfer.peers().find((p) => p.peer === pps.peerId)!;
  const line =
    `idle wave ${idleWave} ms, wave during photos ${busyWave} ms, all 8 results ${allNumbers} ms, first photo ${firstPhoto} ms, ` +
    `photo rate ${Math.round(fromPps.rateIn)} B/s, window ${fromPps.windowBytes} B (most in flight ${maxInFlight} B), ${ppk.transfer.progress().totals.complete}/16 photos, ` +
    `link carried ${link.carried.down} B down / ${link.carried.up} B up, ${connected ? 'still connected' : 'connection lost'}`;
  return { idleWave, allNumbers, firstPhoto, busyWave, completed, expected, connected, maxInFlight, line };
}

describe('numbers first, on a throttled link (20 KB/s, 300 ms each way)', () => {
  it('delivers every number before the first photo, fetches photos oldest then smallest first, and new numbers overtake photo bytes', async () => {
    const figures = await scenario({});
    process.stdout.write(`numbers-first figures: ${figures.line}\n`);
    expect(figures.allNumbers).toBeLessThan(figures.firstPhoto);
    // About a second of the link (at most 20 KB here), never more than the window's one-second target allows.
    expect(figures.maxInFlight).toBeLessThanOrEqual(20_000);
    // Each numbers frame waits for at most the photo bytes in flight (one 16 KiB chunk here: 0.8 s on this link).
    expect(figures.busyWave).toBeLessThan(figures.idleWave + 2_500);
    expect(figures.completed.slice(0, 4)).toEqual(figures.expected.slice(0, 4));
    expect(figures.connected).toBe(true);
  });

  it('measures what it buys: without it, and with 128 KiB of photo requests in flight, new numbers wait behind photo bytes', async () => {
    // 128 KiB in flight is 6.5 s of this link: every sync frame queues behind it, and so does libp2p's keep-alive
    // ping (timeout at least 5 s), which then drops the connection. The wave is given 30 s.
    const figures = await scenario({ numbersFirst: false, maxInFlightBytes: 128 * 1024, targetDelayMs: 60_000 }, 30_000);
    process.stdout.write(`without numbers-first: ${figures.line} (30000 ms = not there after 30 s)\n`);
    // Numbers waited behind photo bytes: the wave is late, or the eight results were, or the link was lost.
    expect(figures.busyWave > figures.idleWave + 2_500 || figures.allNumbers >= 30_000 || !figures.connected).toBe(true);
  }, 180_000);
});
