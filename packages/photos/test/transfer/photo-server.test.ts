import { createHash } from 'node:crypto';
import { fromHex } from '@titip/identity';
import { openMemoryStore, scoped, type KeyValueStore } from '@titip/store';
import { createMemoryChannelPair } from '@titip/sync';
import { eventually } from '@titip/testkit';
import { encode } from 'cborg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../../src/constants.js';
import { BlobStore } from '../../src/store/blob-store.js';
import type { PhotoBlobRef } from '../../src/store/photo-types.js';
import { PhotoClient } from '../../src/transfer/photo-client.js';
import { PhotoServer } from '../../src/transfer/photo-server.js';
import { SyncActivity } from '../../src/transfer/sync-activity.js';
import { decodePhotoMessage, encodePhotoMessage } from '../../src/wire/message-codec.js';
import type { PhotoMessage } from '../../src/wire/messages.js';
import { sameBytes, seededBytes } from '../fixtures.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const refOf = (bytes: Uint8Array): PhotoBlobRef => ({ sha256: sha(bytes), size: bytes.length, type: 'image/jpeg' });

let store: KeyValueStore;
let serverBlobs: BlobStore;
let clientBlobs: BlobStore;
let cleanups: (() => Promise<void> | void)[];

beforeEach(async () => {
  store = await openMemoryStore();
  serverBlobs = await BlobStore.open(scoped(store, 's/'));
  clientBlobs = await BlobStore.open(scoped(store, 'c/'));
  cleanups = [];
});
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await store.close();
});

/** A server on one end of a memory pair; the other end returned raw, to speak the protocol by hand. */
function rawServer(options: { activity?: SyncActivity; maxQueuedChunks?: number } = {}) {
  const [clientEnd, serverEnd] = createMemoryChannelPair('client', 'server');
  const misbehaviour: string[] = [];
  const served: string[] = [];
  const server = new PhotoServer({
    channel: serverEnd,
    blobs: serverBlobs,
    updateDelayMs: 20,
    ...options,
    onServed: (photo, index) => served.push(`${photo.slice(0, 6)}/${index}`),
    onMisbehaviour: (code) => misbehaviour.push(code),
  });
  const running = server.run();
  const received: PhotoMessage[] = [];
  const reading = (async () => {
    for await (const frame of clientEnd.frames()) received.push(decodePhotoMessage(frame));
  })().catch(() => undefined);
  cleanups.push(async () => {
    await server.close();
    await running;
    await reading;
  });
  const send = (message: PhotoMessage) => clientEnd.send(encodePhotoMessage(message));
  return { clientEnd, server, running, received, send, misbehaviour, served };
}

/** A client and a server connected in memory; chunks go into `clientBlobs`. */
function pair(options: { activity?: SyncActivity } = {}) {
  const [clientEnd, serverEnd] = createMemoryChannelPair('client', 'server');
  const server = new PhotoServer({ channel: serverEnd, blobs: serverBlobs, updateDelayMs: 20, ...options });
  const refs = new Map<string, PhotoBlobRef>();
  const misbehaviour: string[] = [];
  const client = new PhotoClient({
    channel: clientEnd,
    onChunk: async (photo, chunk) => {
      await clientBlobs.putChunk(refs.get(photo)!, chunk);
    },
    onMisbehaviour: (code) => misbehaviour.push(code),
  });
  const runs = [server.run(), client.run()];
  cleanups.push(async () => {
    await client.close();
    await server.close();
    await Promise.all(runs);
  });
  return { client, server, refs, misbehaviour, clientEnd };
}

describe('PhotoServer', () => {
  it('answers ask with what it holds: whole, from a chunk, or nothing', async () => {
    const whole = seededBytes(3 * CHUNK_SIZE, 1);
    const part = seededBytes(3 * CHUNK_SIZE, 2);
    await serverBlobs.put(whole, { type: 'image/jpeg' });
    const source = await BlobStore.open(scoped(store, 'x/'));
    await source.put(part, { type: 'image/jpeg' });
    await serverBlobs.putChunk(refOf(part), (await source.getChunk(sha(part), 2))!);
    const { send, received } = rawServer();
    const none = new Uint8Array(32);
    await send({ t: 'ask', v: 1, photos: [fromHex(sha(whole)), fromHex(sha(part)), none] });
    await eventually(() => received.length === 1, 'have');
    expect(received[0]).toEqual({ t: 'have', v: 1, photos: [[fromHex(sha(whole)), 0], [fromHex(sha(part)), 2], [none, null]] });
  });

  it('answers want with the manifest once, then the chunks in the order asked, each with its state', async () => {
    const bytes = seededBytes(3 * CHUNK_SIZE + 5, 3);
    await serverBlobs.put(bytes, { type: 'image/png' });
    const { send, received, served } = rawServer();
    const photo = fromHex(sha(bytes));
    await send({ t: 'want', v: 1, photo, chunks: [3, 2] });
    await send({ t: 'want', v: 1, photo, chunks: [1] });
    await eventually(() => received.length === 4, 'manifest and three chunks');
    expect(received[0]).toEqual({ t: 'manifest', v: 1, photo, size: bytes.length, type: 'image/png', chunkSize: CHUNK_SIZE, from: 0 });
    expect(received.slice(1).map((m) => (m.t === 'chunk' ? m.index : -1))).toEqual([3, 2, 1]);
    const chunk = received[1] as Extract<PhotoMessage, { t: 'chunk' }>;
    expect(chunk.data).toEqual(bytes.subarray(3 * CHUNK_SIZE));
    expect(chunk.state).toEqual((await serverBlobs.getChunk(sha(bytes), 3))!.state);
    expect(served).toHaveLength(3);
  });

  it('stops at the first chunk it does not hold and says what it holds; tells askers when it holds more', async () => {
    const bytes = seededBytes(4 * CHUNK_SIZE, 4);
    const ref = refOf(bytes);
    const source = await BlobStore.open(scoped(store, 'x/'));
    await source.put(bytes, { type: 'image/jpeg' });
    await serverBlobs.putChunk(ref, (await source.getChunk(ref.sha256, 3))!);
    const { send, received } = rawServer();
    const photo = fromHex(ref.sha256);
    await send({ t: 'want', v: 1, photo, chunks: [3, 2, 1] });
    await eventually(() => received.length === 3, 'manifest, chunk 3, have');
    expect(received.map((m) => m.t)).toEqual(['manifest', 'chunk', 'have']);
    expect(received[2]).toEqual({ t: 'have', v: 1, photos: [[photo, 3]] });
    // the server gets chunks 2 and 1: the client hears about it (coalesced)
    await serverBlobs.putChunk(ref, (await source.getChunk(ref.sha256, 2))!);
    await serverBlobs.putChunk(ref, (await source.getChunk(ref.sha256, 1))!);
    await eventually(() => received.length === 4, 'have update');
    expect(received[3]).toEqual({ t: 'have', v: 1, photos: [[photo, 1]] });
    await send({ t: 'want', v: 1, photo, chunks: [2, 1] });
    await eventually(() => received.length === 6, 'chunks 2 and 1');
  });

  it('answers want of an unknown photo with have null', async () => {
    const { send, received } = rawServer();
    const photo = new Uint8Array(32).fill(1);
    await send({ t: 'want', v: 1, photo, chunks: [0] });
    await eventually(() => received.length === 1, 'have');
    expect(received[0]).toEqual({ t: 'have', v: 1, photos: [[photo, null]] });
  });

  it.each([
    ['a malformed frame', new Uint8Array([0xff]), 'malformed'],
    ['another version', encode({ t: 'ask', v: 9, photos: [] }), 'version'],
    ['a message only servers send', encodePhotoMessage({ t: 'have', v: 1, photos: [[new Uint8Array(32), null]] }), 'unexpected-message'],
  ])('refuses %s with a reject, reports it and closes', async (_, frame, code) => {
    const { clientEnd, received, misbehaviour, running } = rawServer();
    await clientEnd.send(frame);
    await running;
    expect(misbehaviour).toEqual([code]);
    await eventually(() => received.length === 1, 'reject');
    expect(received[0]).toMatchObject({ t: 'reject', reason: code });
  });

  it('refuses a client that asks for more chunks than it may queue', async () => {
    const bytes = seededBytes(40 * CHUNK_SIZE, 5);
    await serverBlobs.put(bytes, { type: 'image/jpeg' });
    const activity = new SyncActivity({ sessions: () => [{ peer: 'client', phase: 'reconciling', stats: { framesIn: 0, framesOut: 0 } }] });
    const { send, misbehaviour, running } = rawServer({ activity, maxQueuedChunks: 30 });
    const photo = fromHex(sha(bytes));
    await send({ t: 'want', v: 1, photo, chunks: Array.from({ length: 20 }, (_, i) => 39 - i) });
    await send({ t: 'want', v: 1, photo, chunks: Array.from({ length: 20 }, (_, i) => 19 - i) });
    await running;
    expect(misbehaviour).toEqual(['too-many-requests']);
  });

  it('sends nothing while the sync protocol is busy with the peer, and everything once it is quiet', async () => {
    const bytes = seededBytes(2 * CHUNK_SIZE, 6);
    await serverBlobs.put(bytes, { type: 'image/jpeg' });
    const session = { peer: 'client', phase: 'live', stats: { framesIn: 0, framesOut: 0 } };
    const activity = new SyncActivity({ sessions: () => [session], quietMs: 150, pollMs: 10 });
    const { send, received } = rawServer({ activity });
    await send({ t: 'want', v: 1, photo: fromHex(sha(bytes)), chunks: [1, 0] });
    const busyUntil = Date.now() + 400;
    while (Date.now() < busyUntil) {
      session.stats.framesIn++; // numbers keep flowing
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(received).toEqual([]);
    const quietFrom = Date.now();
    await eventually(() => received.length === 3, 'manifest and chunks');
    expect(Date.now() - quietFrom).toBeGreaterThanOrEqual(100);
  });
});

describe('PhotoClient with a PhotoServer', () => {
  it('fetches a photo chunk by chunk into its own store', async () => {
    const bytes = seededBytes(6 * CHUNK_SIZE + 1, 7);
    const ref = refOf(bytes);
    await serverBlobs.put(bytes, { type: 'image/jpeg' });
    const { client, refs } = pair();
    refs.set(ref.sha256, ref);
    client.ask([ref.sha256]);
    await eventually(() => client.holdings.get(ref.sha256) === 0, 'the server holds it');
    const indices = clientBlobs.missingChunks(ref);
    client.want(ref.sha256, indices, indices.map((i) => Math.min(CHUNK_SIZE, ref.size - i * CHUNK_SIZE)));
    expect(client.inFlightBytes).toBe(ref.size);
    await eventually(() => clientBlobs.has(ref.sha256), 'complete');
    expect(sameBytes(await clientBlobs.get(ref.sha256), bytes)).toBe(true);
    expect(client.inFlightBytes).toBe(0);
    expect(client.chunksIn).toBe(7);
    expect(client.windowBytes).toBeGreaterThan(CHUNK_SIZE); // a fast link opens the window
  });

  it('starts with a window of one chunk', () => {
    const { client } = pair();
    expect(client.windowBytes).toBe(CHUNK_SIZE);
    expect(client.canRequest(CHUNK_SIZE)).toBe(true);
    expect(client.canRequest(CHUNK_SIZE + 1)).toBe(false);
    client.want('ab'.repeat(32), [3], [100]);
    expect(client.canRequest(CHUNK_SIZE)).toBe(false);
    expect(client.canRequest(CHUNK_SIZE - 100)).toBe(true);
  });

  it('forgets requests the server cannot serve', async () => {
    const { client } = pair();
    const photo = 'ab'.repeat(32);
    client.want(photo, [1, 0], [CHUNK_SIZE, CHUNK_SIZE]);
    expect(client.inFlightFor(photo)).toEqual([1, 0]);
    await eventually(() => client.holdings.get(photo) === null, 'have null');
    expect(client.inFlightFor(photo)).toEqual([]);
    expect(client.inFlightBytes).toBe(0);
  });

  it('refuses a server that sends a chunk nobody asked for', async () => {
    const [clientEnd, serverEnd] = createMemoryChannelPair('client', 'server');
    const misbehaviour: string[] = [];
    const client = new PhotoClient({ channel: clientEnd, onChunk: async () => undefined, onMisbehaviour: (c) => misbehaviour.push(c) });
    const running = client.run();
    const replies: PhotoMessage[] = [];
    const reading = (async () => {
      for await (const frame of serverEnd.frames()) replies.push(decodePhotoMessage(frame));
    })().catch(() => undefined);
    await serverEnd.send(encodePhotoMessage({ t: 'chunk', v: 1, photo: new Uint8Array(32), index: 0, state: new Uint8Array(32), data: new Uint8Array(5) }));
    await running;
    await reading;
    expect(misbehaviour).toEqual(['unrequested-chunk']);
    expect(replies[0]).toMatchObject({ t: 'reject', reason: 'unrequested-chunk' });
    expect(client.closed).toBe(true);
  });

  it('refuses a server whose manifest the caller rejects', async () => {
    const bytes = seededBytes(CHUNK_SIZE, 8);
    await serverBlobs.put(bytes, { type: 'image/jpeg' });
    const [clientEnd, serverEnd] = createMemoryChannelPair('client', 'server');
    const server = new PhotoServer({ channel: serverEnd, blobs: serverBlobs });
    const misbehaviour: string[] = [];
    const client = new PhotoClient({
      channel: clientEnd,
      onChunk: async () => undefined,
      onManifest: () => {
        throw new Error('not the size the signed reference gives');
      },
      onMisbehaviour: (c) => misbehaviour.push(c),
    });
    const runs = [server.run(), client.run()];
    client.want(sha(bytes), [0], [CHUNK_SIZE]);
    await Promise.all(runs);
    expect(misbehaviour).toEqual(['manifest-mismatch']);
  });
});

