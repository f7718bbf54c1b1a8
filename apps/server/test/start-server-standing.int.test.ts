import { join } from 'node:path';
import { issueCredential, keyPairFromSeed, sha256 } from '@titip/identity';
import { createRevocation, docIdOf, type TitipRecord } from '@titip/records';
import { startNodePeer, type RunningNodePeer } from '@titip/sync/node';
import { eventually, tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/start-server.js';
import { getJson } from './fixtures/http-client.js';
import { bupatiForm, provider, scenario, submit, TPS_A, TPS_B, type Identity, type Scenario } from './fixtures/scenario.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let s: Scenario;
let dir: { path: string; remove: () => Promise<void> };
let server: RunningServer;
let device: RunningNodePeer;

/** An issuer of its own under the root, and an operator of `tps` under it valid in [from, until). */
async function operatorValid(name: string, tps: string, from: number, until: number): Promise<Identity & { issuer: Identity }> {
  const key = (n: string) => keyPairFromSeed(sha256(new TextEncoder().encode(`server-standing-int/${name}/${n}`)), provider);
  const issuerKey = await key('issuer');
  const issuerCred = await issueCredential(s.trust.root, { role: 'issuer', subject: issuerKey.publicKey, regions: ['1906'], elections: ['pkwkk'], validFrom: from - DAY, validUntil: until + DAY }, provider);
  const keyPair = await key('operator');
  const credential = await issueCredential(issuerKey, { role: 'operator', subject: keyPair.publicKey, regions: [tps], elections: ['pkwkk'], validFrom: from, validUntil: until }, provider);
  return { keyPair, chain: [credential.bytes, issuerCred.bytes], issuer: { keyPair: issuerKey, chain: [issuerCred.bytes] } };
}

const send = (record: TitipRecord) => device.replica.addLocal(docIdOf(record), [{ id: record.id, bytes: record.bytes }]);

beforeAll(async () => {
  s = await scenario('server-standing-int');
  dir = await tempDir('titip-server-standing-');
  server = await startServer({ dataDir: join(dir.path, 'kpu'), network: s.trust.network, keyPair: s.server.keyPair, credential: s.server.credential, http: { host: '127.0.0.1', port: 0 } });
  // A carrier holding the desa, connected to the server (what it carries may come from anyone).
  device = await startNodePeer({ dataDir: join(dir.path, 'carrier'), scopes: ['1906012001'], root: s.trust.network.root, role: 'carrier', elections: s.trust.network.elections, listen: ['/ip4/127.0.0.1/tcp/0'] });
  await device.peer.connect(server.addresses.find((a) => !a.includes('/ws'))!);
});

afterAll(async () => {
  await device?.stop();
  await server?.stop();
  await dir?.remove();
});

describe('startServer: credentials over time, over libp2p and HTTP', () => {
  it('a result signed with an expired credential (deviceTime backdated) is held, not counted, not receipted, and the TPS view says why; the carrier is not banned', async () => {
    const now = Date.now();
    const expired = await operatorValid('expired', TPS_A, now - 3 * DAY, now - HOUR);
    const forged = await submit(expired, TPS_A, bupatiForm(1, 300), { deviceTime: now - 2 * DAY });
    await send(forged);
    await eventually(async () => (await getJson(server.httpUrl!, `/api/v1/tps/${TPS_A}`)).status === 200, 'the server holds it');
    type View = { elections: { counted: boolean; current: unknown; history: unknown[]; notCounted: { id: string; reason: string; detail: string; firstWitnessed: string; receipt: unknown }[] }[] };
    await eventually(async () => ((await getJson(server.httpUrl!, `/api/v1/tps/${TPS_A}`)).body as View).elections[0]!.notCounted.length === 1, 'judged');
    const election = ((await getJson(server.httpUrl!, `/api/v1/tps/${TPS_A}`)).body as View).elections[0]!;
    expect(election).toMatchObject({ counted: false, current: null, history: [] });
    expect(election.notCounted).toMatchObject([{ id: forged.id, reason: 'expired', receipt: null }]);
    expect(election.notCounted[0]!.detail).toContain('credential 0 expired');
    expect(Date.parse(election.notCounted[0]!.firstWitnessed)).toBeGreaterThanOrEqual(now);
    const totals = await getJson(server.httpUrl!, '/api/v1/totals/pkwkk/1906');
    expect(totals.body).toMatchObject({ totals: { tps: 0 } });
    expect(server.node.peer.engine.reports()).toEqual([]);
  });

  it('a stolen phone revoked: its earlier result stays counted, the thief\'s later revision shows as revoked and the totals keep the earlier numbers', async () => {
    const now = Date.now();
    const op = await operatorValid('stolen', TPS_B, now - DAY, now + DAY);
    const first = await submit(op, TPS_B, bupatiForm(100, 200), { deviceTime: now });
    await send(first);
    await eventually(() => server.receipts().issued >= 1, 'the earlier result is receipted');
    const revocation = await createRevocation({ keyPair: op.issuer.keyPair, credentials: op.issuer.chain, revoked: op.chain[0]!, from: Date.now(), region: '1906012001', reason: 'HP KPPS hilang' }, provider);
    await send(revocation);
    await eventually(() => server.node.replica.object(revocation.id) !== undefined, 'the revocation reaches the server');
    const stolen = await submit(op, TPS_B, bupatiForm(2, 298), { revision: 2, supersedes: first.id, deviceTime: now - HOUR });
    await send(stolen);
    type View = { elections: { current: { id: string } | null; notCounted: { id: string; reason: string; detail: string }[] }[] };
    await eventually(async () => ((await getJson(server.httpUrl!, `/api/v1/tps/${TPS_B}`)).body as View).elections[0]!.notCounted.length === 1, 'the thief\'s revision is judged');
    const election = ((await getJson(server.httpUrl!, `/api/v1/tps/${TPS_B}`)).body as View).elections[0]!;
    expect(election.current?.id).toBe(first.id);
    expect(election.notCounted).toMatchObject([{ id: stolen.id, reason: 'revoked' }]);
    const isoTime = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
    expect(election.notCounted[0]!.detail).toMatch(new RegExp(`revoked from ${isoTime} \\(HP KPPS hilang\\), first witnessed at ${isoTime}$`));
    const totals = (await getJson(server.httpUrl!, '/api/v1/totals/pkwkk/1906')).body;
    expect(totals).toMatchObject({ totals: { tps: 1, paslon: { '1000526': 100, '1000527': 200 } } });
  });
});
