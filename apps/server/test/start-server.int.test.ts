import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toHex } from '@titip/identity';
import { decodeRecord, docIdOf, verifyRecord, type SubmissionRecord } from '@titip/records';
import { RecordLedger } from '@titip/sync';
import { startNodePeer, type RunningNodePeer } from '@titip/sync/node';
import { eventually, tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/start-server.js';
import { getJson, httpRequest, rawExchange } from './fixtures/http-client.js';
import { receiptsHeld } from './fixtures/memory-replica.js';
import { bupatiForm, gubernurForm, provider, scenario, submit, TPS_A, TPS_B, type Scenario } from './fixtures/scenario.js';

let s: Scenario;
let dir: { path: string; remove: () => Promise<void> };
let server: RunningServer;
const operators: RunningNodePeer[] = [];

const startKpu = () =>
  startServer({
    dataDir: join(dir.path, 'kpu'),
    network: s.trust.network,
    keyPair: s.server.keyPair,
    credential: s.server.credential,
    http: { host: '127.0.0.1', port: 0 },
  });

/** An operator's device: a Node peer serving its TPS, connected to the server. */
async function operatorDevice(name: string, tps: string): Promise<{ node: RunningNodePeer; ledger: RecordLedger }> {
  const node = await startNodePeer({
    dataDir: join(dir.path, name),
    scopes: [tps],
    root: s.trust.network.root,
    role: 'operator',
    elections: s.trust.network.elections,
    listen: ['/ip4/127.0.0.1/tcp/0'],
  });
  operators.push(node);
  await node.peer.connect(server.addresses.find((a) => !a.includes('/ws'))!);
  return { node, ledger: new RecordLedger(node.replica) };
}

async function send(device: { node: RunningNodePeer }, sub: SubmissionRecord): Promise<void> {
  await device.node.replica.addLocal(docIdOf(sub), [{ id: sub.id, bytes: sub.bytes }]);
}

beforeAll(async () => {
  s = await scenario('server-int');
  dir = await tempDir('titip-server-');
  server = await startKpu();
});

afterAll(async () => {
  for (const node of operators) await node.stop();
  await server?.stop();
  await dir?.remove();
});

describe('startServer with operators over libp2p', () => {
  let first: SubmissionRecord;
  let opA: Awaited<ReturnType<typeof operatorDevice>>;

  it('stores a submission, sends the receipt back to the operator, and counts it', async () => {
    const status = await getJson(server.httpUrl!, '/api/v1/status');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ role: 'server', peerId: server.peerId, counts: { objects: 0, submissions: 0 } });

    opA = await operatorDevice('operator-a', TPS_A);
    first = await submit(await s.operator(TPS_A), TPS_A, bupatiForm(100, 200, 4));
    await send(opA, first);

    const receipt = await opA.ledger.whenReceipt(first.id, 30_000);
    expect(toHex(receipt.signer)).toBe(toHex(s.server.keyPair.publicKey));
    expect(receipt.body).toMatchObject({ submission: first.id, tps: TPS_A, election: 'pkwkk', revision: 1 });
    expect(server.node.replica.object(first.id)).toEqual(first.bytes);
    expect(await verifyRecord(opA.node.replica.object(receipt.id)!, { root: s.trust.network.root, provider })).toMatchObject({ ok: true });

    await server.idle(); // the receipt leaves in the write that stores the result: the totals follow once it is judged
    const totals = await getJson(server.httpUrl!, '/api/v1/totals/pkwkk/1906');
    expect(totals.status).toBe(200);
    expect(totals.body).toMatchObject({
      election: { id: 'pkwkk', region: '1906' },
      region: { code: '1906', level: 'kabupaten' },
      totals: { tps: 1, sah: 300, tidakSah: 4, paslon: { '1000526': 100, '1000527': 200 } },
      children: [{ region: '190601', level: 'kecamatan', tps: 1, sah: 300, tidakSah: 4, paslon: { '1000526': 100, '1000527': 200 } }],
    });
    const nation = await getJson(server.httpUrl!, '/api/v1/totals/pkwkk/all');
    expect(nation.body.totals).toEqual(totals.body.totals);
    expect(nation.body.children.map((c: { region: string }) => c.region)).toEqual(['19']);
    const desa = await getJson(server.httpUrl!, '/api/v1/totals/pkwkk/1906012001');
    expect(desa.body.children).toEqual([expect.objectContaining({ region: TPS_A, level: 'tps', tps: 1 })]);

    const tps = await getJson(server.httpUrl!, `/api/v1/tps/${TPS_A}`);
    expect(tps.body.elections).toEqual([
      expect.objectContaining({
        election: 'pkwkk',
        known: true,
        counted: true,
        contested: false,
        equivocations: [],
        current: expect.objectContaining({
          id: first.id,
          revision: 1,
          operator: { key: toHex(first.signer), label: `KPPS TPS ${TPS_A}` },
          numbers: first.body.form,
          // The photo is referenced but nobody has it: not held, waiting for a peer that does.
          photos: first.body.photos.map((ref) => ({ ...ref, held: false, state: 'waiting', bytesDone: 0, rate: 0 })),
          overrides: [],
          receipt: { id: receipt.id, signer: toHex(receipt.signer), receivedAt: new Date(receipt.body.receivedAt).toISOString() },
        }),
      }),
    ]);

    const raw = await httpRequest(server.httpUrl!, 'GET', `/api/v1/objects/${first.id}`);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('application/cbor');
    expect(new Uint8Array(raw.body)).toEqual(first.bytes);
    expect(decodeRecord(new Uint8Array(raw.body)).id).toBe(first.id);
  });

  it('replaces revision 1 with revision 2 in the totals, keeping both in the history', async () => {
    const second = await submit(await s.operator(TPS_A), TPS_A, bupatiForm(120, 180, 4), { revision: 2, supersedes: first.id });
    await send(opA, second);
    await opA.ledger.whenReceipt(second.id, 30_000);
    await server.idle();
    const totals = await getJson(server.httpUrl!, '/api/v1/totals/pkwkk/190601');
    expect(totals.body.totals).toEqual({ tps: 1, sah: 300, tidakSah: 4, paslon: { '1000526': 120, '1000527': 180 } });
    const tps = await getJson(server.httpUrl!, `/api/v1/tps/${TPS_A}`);
    const pkwkk = tps.body.elections[0];
    expect(pkwkk.current.id).toBe(second.id);
    expect(pkwkk.history.map((h: { id: string; revision: number; receipt: unknown }) => [h.id, h.revision, h.receipt !== null])).toEqual([
      [first.id, 1, true],
      [second.id, 2, true],
    ]);
  });

  it('flags an equivocation (two revision-1 submissions from two devices) without counting either', async () => {
    const key = await s.operator(TPS_B);
    const one = await operatorDevice('operator-b1', TPS_B);
    const two = await operatorDevice('operator-b2', TPS_B);
    const a = await submit(key, TPS_B, bupatiForm(50, 60));
    const b = await submit(key, TPS_B, bupatiForm(60, 50));
    await send(one, a);
    await send(two, b);
    await Promise.all([one.ledger.whenReceipt(a.id, 30_000), two.ledger.whenReceipt(b.id, 30_000)]);
    await server.idle();

    const tps = await getJson(server.httpUrl!, `/api/v1/tps/${TPS_B}`);
    expect(tps.body.elections[0]).toMatchObject({
      election: 'pkwkk',
      counted: false,
      contested: true,
      current: null,
      equivocations: [{ revision: 1, ids: [a.id, b.id].sort() }],
    });
    expect(tps.body.elections[0].history.every((h: { equivocated: boolean }) => h.equivocated)).toBe(true);
    const desa = await getJson(server.httpUrl!, '/api/v1/totals/pkwkk/1906012001');
    expect(desa.body.totals.tps).toBe(1);
    expect(desa.body.children.map((c: { region: string }) => c.region)).toEqual([TPS_A]);

    const status = await getJson(server.httpUrl!, '/api/v1/status');
    expect(status.body).toMatchObject({
      counts: { submissions: 4, receipts: 4 },
      receipts: { issued: 4, pending: 0 },
      elections: [
        { id: 'pkwkk', tpsReporting: 2, tpsCounted: 1, tpsContested: 1 },
        { id: 'pkwkp', tpsReporting: 0, tpsCounted: 0, tpsContested: 0 },
      ],
      misbehaviourReports: 0,
    });
    expect(status.body.counts.objects).toBe(8);
    // Each equivocating submission is a submission: each got its own receipt.
    expect(receiptsHeld(server.node.replica, decodeRecord).size).toBe(4);
  });

  it('restarts from its data dir with the same totals and no duplicate receipts', async () => {
    const before = {
      totals: (await getJson(server.httpUrl!, '/api/v1/totals/pkwkk/1906')).body,
      tps: (await getJson(server.httpUrl!, `/api/v1/tps/${TPS_B}`)).body,
      peerId: server.peerId,
    };
    await server.stop();
    server = await startKpu();
    await server.idle();
    expect(server.peerId).toBe(before.peerId);
    expect(server.receipts().issued).toBe(0);
    expect((await getJson(server.httpUrl!, '/api/v1/totals/pkwkk/1906')).body).toEqual(before.totals);
    expect((await getJson(server.httpUrl!, `/api/v1/tps/${TPS_B}`)).body).toEqual(before.tps);
    const held = receiptsHeld(server.node.replica, decodeRecord);
    expect([...held.values()].map((ids) => ids.length)).toEqual([1, 1, 1, 1]);

    // Reconnected operators still get receipts for what they send next.
    await opA.node.peer.connect(server.addresses.find((a) => !a.includes('/ws'))!);
    const gubernur = await submit(await s.operator(TPS_A), TPS_A, gubernurForm(200, 100, 4), { election: 'pkwkp' });
    await send(opA, gubernur);
    await opA.ledger.whenReceipt(gubernur.id, 30_000);
    await server.idle(); // the receipt leaves in the write that stores the result: the totals follow once it is judged
    const prov = await getJson(server.httpUrl!, '/api/v1/totals/pkwkp/19');
    expect(prov.body.totals).toEqual({ tps: 1, sah: 300, tidakSah: 4, paslon: { '1000019': 200, '1000020': 100 } });
  });
});

describe('startServer failures', () => {
  it('refuses a taken HTTP port with SERVER_HTTP_LISTEN and releases its store', async () => {
    const port = Number(new URL(server.httpUrl!).port);
    const dataDir = join(dir.path, 'second');
    const options = { dataDir, network: s.trust.network, keyPair: s.server.keyPair, credential: s.server.credential, verifierThreads: 0 };
    await expect(startServer({ ...options, http: { host: '127.0.0.1', port } })).rejects.toMatchObject({ name: 'ServerError', code: 'SERVER_HTTP_LISTEN' });
    expect(existsSync(dataDir)).toBe(false); // the failed start removed the data dir it created
    const retry = await startServer({ ...options, http: false });
    expect(retry.httpUrl).toBeNull();
    await retry.stop();
  });
});

describe('HTTP API on bad input', () => {
  const ID = '0'.repeat(64);
  it.each([
    ['GET', '/api/v1/totals/nope/1906', 404, 'UNKNOWN_ELECTION'],
    ['GET', '/api/v1/totals/PKWKK/1906', 400, 'BAD_ELECTION_ID'],
    ['GET', '/api/v1/totals/pkwkk/1906010', 400, 'BAD_REGION_CODE'],
    ['GET', '/api/v1/totals/pkwkk/abc', 400, 'BAD_REGION_CODE'],
    ['GET', '/api/v1/tps/123', 400, 'BAD_TPS_CODE'],
    ['GET', '/api/v1/tps/1906012001099', 404, 'TPS_NOT_FOUND'],
    ['GET', '/api/v1/objects/xyz', 400, 'BAD_OBJECT_ID'],
    ['GET', `/api/v1/objects/${ID}`, 404, 'OBJECT_NOT_FOUND'],
    ['GET', '/api/v1/status?debug=1', 400, 'UNEXPECTED_QUERY'],
    ['GET', '/api/v1/totals/pkwkk/19?x=%ZZ', 400, 'UNEXPECTED_QUERY'],
    ['GET', '/api/v1/tps/%ZZ', 400, 'BAD_PATH'],
    ['GET', '/api/v1/../../etc/passwd', 404, 'NOT_FOUND'],
    ['GET', '/', 404, 'NOT_FOUND'],
    ['GET', '/api/v1/nothing', 404, 'NOT_FOUND'],
    ['GET', `/api/v1/status?${'a'.repeat(3000)}`, 414, 'URL_TOO_LONG'],
    ['POST', '/api/v1/status', 405, 'METHOD_NOT_ALLOWED'],
    ['DELETE', `/api/v1/objects/${ID}`, 405, 'METHOD_NOT_ALLOWED'],
    ['PUT', '/api/v1/totals/pkwkk/1906', 405, 'METHOD_NOT_ALLOWED'],
    ['OPTIONS', '/api/v1/elections', 405, 'METHOD_NOT_ALLOWED'],
  ])('%s %s → %i %s', async (method, path, status, code) => {
    const answer = await httpRequest(server.httpUrl!, method, path, method === 'POST' ? { body: '{"x":1}', headers: { 'content-type': 'application/json' } } : {});
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.json()).toEqual({ error: { code, message: expect.any(String) } });
    if (status === 405) expect(answer.headers.allow).toBe('GET, HEAD');
  });

  it('answers HEAD like GET without a body', async () => {
    const answer = await httpRequest(server.httpUrl!, 'HEAD', '/api/v1/elections');
    expect(answer.status).toBe(200);
    expect(Number(answer.headers['content-length'])).toBeGreaterThan(0);
    expect(answer.body.length).toBe(0);
  });

  it('refuses oversized headers and garbage requests at the HTTP layer', async () => {
    const huge = await rawExchange(server.httpUrl!, `GET /api/v1/status?${'a'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431/);
    expect(huge).toContain('"code":"HEADERS_TOO_LARGE"');
    const garbage = await rawExchange(server.httpUrl!, 'THIS IS NOT HTTP\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    expect(garbage).toContain('"code":"BAD_PATH"');
  });

  it('answers CONNECT with a 405 JSON error like the other methods, not a silent hang-up', async () => {
    const url = new URL(server.httpUrl!);
    for (const target of [`${url.host}`, '/api/v1/status', 'example.org:443']) {
      const answer = await rawExchange(server.httpUrl!, `CONNECT ${target} HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
      expect(answer).toMatch(/\r\nallow: GET, HEAD\r\n/);
      expect(answer).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/);
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      expect(JSON.parse(body)).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: 'CONNECT is not allowed here; use GET' } });
    }
  });

  it('keeps serving and syncing after all of that', async () => {
    const status = await getJson(server.httpUrl!, '/api/v1/status');
    expect(status.status).toBe(200);
    const elections = await getJson(server.httpUrl!, '/api/v1/elections');
    expect(elections.body.elections.map((e: { id: string }) => e.id)).toEqual(['pkwkk', 'pkwkp']);
    expect(elections.body.elections[0].paslon).toEqual([
      { id: '1000526', nomorUrut: 1, nama: 'BURHANUDIN - ALI REZA MAHENDRA' },
      { id: '1000527', nomorUrut: 2, nama: 'KAMARUDIN MUTEN - KHAIRIL ANWAR' },
    ]);
    await eventually(() => server.node.peer.engine.sessions().length > 0, 'an open sync session');
  });
});
