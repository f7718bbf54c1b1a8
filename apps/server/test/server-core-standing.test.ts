import { issueCredential, keyPairFromSeed, sha256 } from '@titip/identity';
import { createRevocation, decodeRecord, docIdOf, type TitipRecord } from '@titip/records';
import { CredentialStanding } from '@titip/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachServerCore } from '../src/server-core.js';
import { memoryReplica, receiptsHeld } from './fixtures/memory-replica.js';
import { bupatiForm, provider, scenario, submit, TPS_A, type Identity, type Scenario } from './fixtures/scenario.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let s: Scenario;
beforeAll(async () => {
  s = await scenario('server-standing');
});

/** An issuer of its own (root-signed) and an operator of TPS_A under it, valid in [from, until). */
async function operatorValid(name: string, from: number, until: number): Promise<Identity & { issuer: Identity }> {
  const key = (n: string) => keyPairFromSeed(sha256(new TextEncoder().encode(`server-standing/${name}/${n}`)), provider);
  const issuerKey = await key('issuer');
  const issuerCred = await issueCredential(s.trust.root, { role: 'issuer', subject: issuerKey.publicKey, regions: ['1906'], elections: ['pkwkk'], validFrom: from - DAY, validUntil: until + DAY }, provider);
  const keyPair = await key('operator');
  const credential = await issueCredential(issuerKey, { role: 'operator', subject: keyPair.publicKey, regions: [TPS_A], elections: ['pkwkk'], validFrom: from, validUntil: until }, provider);
  return { keyPair, chain: [credential.bytes, issuerCred.bytes], issuer: { keyPair: issuerKey, chain: [issuerCred.bytes] } };
}

async function server(start: number) {
  const { replica, store } = await memoryReplica(s.trust.network);
  const clock = { now: start };
  const standing = await CredentialStanding.open({ replica, store, root: s.trust.network.root, provider, now: () => clock.now });
  const core = attachServerCore({ replica, network: s.trust.network, keyPair: s.server.keyPair, credential: s.server.credential, standing, now: () => clock.now });
  const add = async (...records: TitipRecord[]) => {
    for (const r of records) await replica.addLocal(docIdOf(r), [{ id: r.id, bytes: r.bytes }]);
    await standing.whenIdle();
    await core.issuer.idle();
  };
  const kabTotals = () => {
    const t = core.totals.election('pkwkk')!.totals('1906');
    return { tps: t.tps, paslon: Object.fromEntries(t.paslon) };
  };
  return { replica, standing, core, clock, add, kabTotals, receipts: () => receiptsHeld(replica, decodeRecord) };
}

describe('the server counts only what stands at its first witness', () => {
  it('an expired credential with a backdated deviceTime: held, not counted in the totals, not receipted, shown with its reason', async () => {
    const now = Date.now();
    const n = await server(now);
    const expired = await operatorValid('expired', now - 3 * DAY, now - HOUR);
    const forged = await submit(expired, TPS_A, bupatiForm(1, 300), { deviceTime: now - 2 * DAY });
    await n.add(forged);
    expect(n.kabTotals().tps).toBe(0);
    expect(n.receipts().get(forged.id)).toBeUndefined();
    expect(n.core.index.result(TPS_A, 'pkwkk')?.current).toBeNull();
    expect(n.core.index.uncountedOf(TPS_A, 'pkwkk')).toMatchObject([{ record: { id: forged.id }, standing: { reason: 'expired', witnessedAt: now } }]);
    expect(n.core.index.electionsAt(TPS_A)).toEqual(['pkwkk']);
    await n.core.stop();
  });

  it('a result whose phone clock is a year ahead counts and is receipted', async () => {
    const now = Date.now();
    const n = await server(now);
    const honest = await submit(await s.operator(TPS_A), TPS_A, bupatiForm(100, 200), { deviceTime: now + 365 * DAY });
    await n.add(honest);
    expect(n.kabTotals()).toEqual({ tps: 1, paslon: { '1000526': 100, '1000527': 200 } });
    expect(n.receipts().get(honest.id)).toHaveLength(1);
    await n.core.stop();
  });

  it('a revocation: the result before T stays counted, the stolen key\'s later revision is not; a revocation arriving late takes a counted result back out of the totals', async () => {
    const now = Date.now();
    const n = await server(now);
    const op = await operatorValid('stolen', now - DAY, now + DAY);
    const first = await submit(op, TPS_A, bupatiForm(100, 200), { deviceTime: now });
    await n.add(first);
    n.clock.now = now + 2 * HOUR;
    const stolen = await submit(op, TPS_A, bupatiForm(1, 299), { revision: 2, supersedes: first.id, deviceTime: now - HOUR });
    await n.add(stolen);
    expect(n.kabTotals().paslon).toEqual({ '1000526': 1, '1000527': 299 }); // nobody has said the phone is stolen yet
    n.clock.now = now + 3 * HOUR;
    await n.add(await createRevocation({ keyPair: op.issuer.keyPair, credentials: op.issuer.chain, revoked: op.chain[0]!, from: now + HOUR, region: '1906012001', reason: 'HP hilang' }, provider));
    expect(n.kabTotals().paslon).toEqual({ '1000526': 100, '1000527': 200 });
    expect(n.core.index.result(TPS_A, 'pkwkk')?.current?.id).toBe(first.id);
    expect(n.core.index.uncountedOf(TPS_A, 'pkwkk')).toMatchObject([{ record: { id: stolen.id }, standing: { reason: 'revoked' } }]);
    expect(n.core.index.standingOf(first.id)?.counted).toBe(true);
    await n.core.stop();
  });
});
