import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { startPhotos, type RunningPhotos } from '@titip/photos';
import { createSubmission, docIdOf, type PhotoRef, type SubmissionRecord } from '@titip/records';
import { startNodePeer, type RunningNodePeer } from '@titip/sync/node';
import { eventually, photoBytes, tempDir, testElection } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/start-server.js';
import { getJson, httpRequest } from './fixtures/http-client.js';
import { bupatiForm, provider, scenario, TPS_A, type Scenario } from './fixtures/scenario.js';

// The server fetches the photos of the submissions it holds and serves them by hash next to the numbers: an operator
// peer over real libp2p on 127.0.0.1, LevelDB at both ends, the HTTP API on an ephemeral port.

let s: Scenario;
let dir: { path: string; remove: () => Promise<void> };
let server: RunningServer;
let phone: { node: RunningNodePeer; photos: RunningPhotos } | undefined;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff, 0xe0];

async function signWith(refs: PhotoRef[]): Promise<SubmissionRecord> {
  const operator = await s.operator(TPS_A);
  return createSubmission(
    { keyPair: operator.keyPair, credentials: operator.chain, tps: TPS_A, election: 'pkwkk', form: bupatiForm(100, 200, 4), photos: refs, revision: 1, supersedes: null },
    provider,
    testElection,
  );
}

beforeAll(async () => {
  s = await scenario('server-photos-int');
  dir = await tempDir('titip-server-photos-');
  server = await startServer({
    dataDir: join(dir.path, 'kpu'),
    network: s.trust.network,
    keyPair: s.server.keyPair,
    credential: s.server.credential,
    http: { host: '127.0.0.1', port: 0 },
    verifierThreads: 0,
  });
});

afterAll(async () => {
  await phone?.photos.stop();
  await phone?.node.stop();
  await server?.stop();
  await dir?.remove();
});

describe('photos at the KPU server', () => {
  const pages = [photoBytes('page-1', 210_000, JPEG), photoBytes('page-2', 190_000, PNG)];
  let refs: PhotoRef[];
  let submission: SubmissionRecord;

  it('fetches the photos of a submission it receives and serves each by hash with its type', async () => {
    const node = await startNodePeer({ dataDir: join(dir.path, 'operator'), scopes: [TPS_A], root: s.trust.network.root, role: 'operator', listen: ['/ip4/127.0.0.1/tcp/0'] });
    const photos = await startPhotos({ peer: node.peer, store: node.store, fetch: () => false });
    phone = { node, photos };
    refs = [];
    for (const [i, bytes] of pages.entries()) {
      const { info } = await photos.blobs.put(bytes, { type: i === 0 ? 'image/jpeg' : 'image/png', own: true });
      refs.push({ sha256: info.sha256, page: i + 1, size: info.size, type: info.type });
    }
    submission = await signWith(refs);
    await node.peer.connect(server.addresses.find((a) => !a.includes('/ws'))!);
    await node.replica.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }]);

    await eventually(() => server.index.counts().submissions === 1, 'the numbers at the server');
    await eventually(() => server.photos.transfer.progress().totals.complete === 2, 'both photos at the server', 60_000);
    for (const [i, ref] of refs.entries()) {
      const answer = await httpRequest(server.httpUrl!, 'GET', `/api/v1/photos/${ref.sha256}`);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe(ref.type);
      expect(answer.headers['content-length']).toBe(String(ref.size));
      expect(answer.headers['etag']).toBe(`"${ref.sha256}"`);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(new Uint8Array(answer.body)).toEqual(pages[i]);
      expect(createHash('sha256').update(answer.body).digest('hex')).toBe(ref.sha256);
    }
    const head = await httpRequest(server.httpUrl!, 'HEAD', `/api/v1/photos/${refs[1]!.sha256}`);
    expect([head.status, head.headers['content-type'], head.headers['content-length'], head.body.length]).toEqual([200, 'image/png', String(refs[1]!.size), 0]);
  });

  it('shows in the TPS view, next to the numbers, that it holds each photo and where to get it', async () => {
    const tps = await getJson(server.httpUrl!, `/api/v1/tps/${TPS_A}`);
    expect(tps.body.elections[0].current.numbers).toEqual(submission.body.form);
    expect(tps.body.elections[0].current.photos).toEqual(
      refs.map((ref) => ({ ...ref, held: true, state: 'complete', bytesDone: ref.size, url: `/api/v1/photos/${ref.sha256}` })),
    );
  });

  it('counts the photos in the status, with the bytes each peer gave', async () => {
    const status = await getJson(server.httpUrl!, '/api/v1/status');
    expect(status.body.photos).toEqual({
      referenced: 2,
      held: 2,
      pending: 0,
      bytesTotal: 400_000,
      bytesDone: 400_000,
      rateIn: expect.any(Number),
      rateOut: expect.any(Number),
      peers: [{ peer: phone!.node.peer.peerId, bytesIn: 400_000, rateIn: expect.any(Number), connected: true }],
    });
  });

  it('answers a photo it does not hold with a typed 404, pending or unknown, and a malformed hash with a 400', async () => {
    // A second submission names a photo nobody has: referenced, not here.
    const missing: PhotoRef = { sha256: 'cd'.repeat(32), page: 1, size: 200_000, type: 'image/jpeg' };
    const operator = await s.operator('1906012001002');
    const other = await createSubmission(
      { keyPair: operator.keyPair, credentials: operator.chain, tps: '1906012001002', election: 'pkwkk', form: bupatiForm(50, 60, 1), photos: [missing], revision: 1, supersedes: null },
      provider,
      testElection,
    );
    await server.node.replica.addLocal(docIdOf(other), [{ id: other.id, bytes: other.bytes }]);
    await eventually(() => server.photos.transfer.photo(missing.sha256) !== undefined, 'the missing photo referenced at the server');
    await server.idle(); // judged and indexed: the TPS view shows it as the current result

    const pending = await httpRequest(server.httpUrl!, 'GET', `/api/v1/photos/${missing.sha256}`);
    expect(pending.status).toBe(404);
    expect(pending.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(pending.json()).toEqual({ error: { code: 'PHOTO_PENDING', message: `photo ${missing.sha256} is not here yet: waiting, 0 of 200000 bytes held` } });
    const tps = await getJson(server.httpUrl!, '/api/v1/tps/1906012001002');
    expect(tps.body.elections[0].current.photos).toEqual([{ ...missing, held: false, state: 'waiting', bytesDone: 0, rate: 0 }]);

    const unknown = await httpRequest(server.httpUrl!, 'GET', `/api/v1/photos/${'ef'.repeat(32)}`);
    expect([unknown.status, unknown.json().error.code]).toEqual([404, 'PHOTO_NOT_FOUND']);
    for (const bad of ['EF'.repeat(32), 'ef'.repeat(31), `${'ef'.repeat(32)}.jpg`, 'not-a-hash']) {
      const answer = await httpRequest(server.httpUrl!, 'GET', `/api/v1/photos/${bad}`);
      expect([answer.status, answer.json().error.code]).toEqual([400, 'BAD_PHOTO_HASH']);
    }
    const status = await getJson(server.httpUrl!, '/api/v1/status');
    expect(status.body.photos).toMatchObject({ referenced: 3, held: 2, pending: 1 });
  });

  it('serves its photos again after a restart, from its own disk', async () => {
    await phone!.photos.stop();
    await phone!.node.stop();
    phone = undefined;
    await server.stop();
    server = await startServer({
      dataDir: join(dir.path, 'kpu'),
      network: s.trust.network,
      keyPair: s.server.keyPair,
      credential: s.server.credential,
      http: { host: '127.0.0.1', port: 0 },
      verifierThreads: 0,
    });
    const answer = await httpRequest(server.httpUrl!, 'GET', `/api/v1/photos/${refs[0]!.sha256}`);
    expect([answer.status, answer.headers['content-type']]).toEqual([200, 'image/jpeg']);
    expect(new Uint8Array(answer.body)).toEqual(pages[0]);
  });
});
