import { keyId } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { createAttestation, createReceipt, docIdOf } from '@titip/records';
import { describe, expect, it } from 'vitest';
import { signSubmission } from '../../src/operator/sign-submission.js';
import { listSubmissions } from '../../src/operator/submission-status.js';
import { exampleForm } from '../fixtures/forms.js';
import { memoryReplica } from '../fixtures/memory-replica.js';
import { makeTestTrust } from '../fixtures/trust.js';

describe('listSubmissions', () => {
  it('lists every submission with its receipt and attestations, sorted by TPS, election, revision', async () => {
    const trust = await makeTestTrust('status');
    const a = await trust.operator('1906012001002');
    const b = await trust.operator('1906012001001');
    const replica = await memoryReplica(trust);
    const sign = (op: typeof a, tps: string, election: 'pkwkk' | 'pkwkp') =>
      signSubmission({
        keyPair: op.keyPair,
        chain: op.chain,
        tps,
        election,
        form: exampleForm(election === 'pkwkk' ? 'c-hasil-pkwkk.json' : 'c-hasil-pkwkp.json'),
        deviceTime: trust.now,
        root: trust.root.publicKey,
      });
    const s2 = await sign(a, '1906012001002', 'pkwkk');
    const s1k = await sign(b, '1906012001001', 'pkwkk');
    const s1p = await sign(b, '1906012001001', 'pkwkp');
    for (const s of [s2, s1k, s1p]) await replica.addLocal(docIdOf(s), [{ id: s.id, bytes: s.bytes }], { trusted: true });
    const receipt = await createReceipt({ keyPair: trust.server.keyPair, credentials: trust.server.chain, submission: s1k, receivedAt: trust.now + 5000 }, nodeEd25519);
    const relay = await trust.relay('1906012001');
    const seen = await createAttestation({ keyPair: relay.keyPair, credentials: relay.chain, submission: s1k, stage: 'pps', region: '1906012001', seenAt: trust.now + 1000 }, nodeEd25519);
    await replica.addLocal(docIdOf(receipt), [receipt, seen].map((r) => ({ id: r.id, bytes: r.bytes })));

    const statuses = await listSubmissions(replica, { root: trust.root.publicKey });
    expect(statuses.map((s) => [s.tps, s.election])).toEqual([
      ['1906012001001', 'pkwkk'],
      ['1906012001001', 'pkwkp'],
      ['1906012001002', 'pkwkk'],
    ]);
    expect(statuses[0]).toEqual({
      id: s1k.id,
      tps: '1906012001001',
      election: 'pkwkk',
      revision: 1,
      supersedes: null,
      deviceTime: new Date(trust.now).toISOString(),
      signer: keyId(b.keyPair.publicKey),
      overrides: [],
      receipt: { id: receipt.id, receivedAt: new Date(trust.now + 5000).toISOString(), server: keyId(trust.server.keyPair.publicKey) },
      attestations: [{ id: seen.id, stage: 'pps', region: '1906012001', seenAt: new Date(trust.now + 1000).toISOString() }],
    });
    expect(statuses[1]?.receipt).toBeNull();
    expect(statuses[2]?.receipt).toBeNull();
  });

  it('is empty for an empty replica', async () => {
    const trust = await makeTestTrust('status-empty');
    expect(await listSubmissions(await memoryReplica(trust))).toEqual([]);
  });
});
