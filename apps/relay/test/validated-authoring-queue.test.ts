import { createAttestation, docIdOf, type SubmissionRecord } from '@titip/records';
import { collectingLogger, type TestTrust } from '@titip/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttestationSigner } from '../src/attestation-policy.js';
import { ValidatedAuthoringQueue } from '../src/validated-authoring-queue.js';
import { memoryReplica } from './fixtures/memory-replica.js';
import { DESA, provider, relaySigner, submit, TPS_A, TPS_B, trustOf } from './fixtures/scenario.js';

let trust: TestTrust;
beforeAll(async () => {
  trust = await trustOf('relay-queue');
});

async function attestation(signer: AttestationSigner, submission: SubmissionRecord) {
  const record = await createAttestation({ keyPair: signer.keyPair, credentials: signer.credential.chain, submission, stage: signer.stage, region: signer.region }, provider);
  return { docId: docIdOf(record), entry: { id: record.id, bytes: record.bytes } };
}

describe('ValidatedAuthoringQueue', () => {
  it('stores what the validator accepts in one change per document, and drops only what it refuses', async () => {
    const { replica } = await memoryReplica(trust.network, [DESA]);
    const a = await submit(await trust.operator(TPS_A), TPS_A, [1, 2]);
    const b = await submit(await trust.operator(TPS_B), TPS_B, [3, 4]);
    for (const s of [a, b]) await replica.addLocal(docIdOf(s), [{ id: s.id, bytes: s.bytes }]);
    const good = await relaySigner(trust, DESA, 'pps');
    // Signed with a credential for another desa: createAttestation accepts it, every validator refuses it.
    const forged = await relaySigner(trust, '1906012002', 'pps', DESA);

    const logger = collectingLogger();
    const queue = new ValidatedAuthoringQueue(replica, { logger });
    const events: string[][] = [];
    replica.onObjectsAdded((event) => events.push(event.added.map((e) => e.id)));
    const ok1 = await attestation(good, a);
    const bad = await attestation(forged, a);
    const ok2 = await attestation(good, b);
    queue.enqueue(ok1.docId, ok1.entry);
    queue.enqueue(bad.docId, bad.entry);
    queue.enqueue(ok2.docId, ok2.entry);
    await queue.flush();

    expect(replica.object(ok1.entry.id)).toEqual(ok1.entry.bytes);
    expect(replica.object(ok2.entry.id)).toEqual(ok2.entry.bytes);
    expect(replica.object(bad.entry.id)).toBeUndefined();
    expect(events).toEqual([[ok1.entry.id], [ok2.entry.id]]); // the refused batch was retried one by one
    expect(logger.records).toEqual([expect.objectContaining({ level: 'error', fields: expect.objectContaining({ ids: [bad.entry.id] }) })]);

    // A clean batch is one change.
    const c = await submit(await trust.operator('1906012001003'), '1906012001003', [5, 6]);
    const d = await submit(await trust.operator('1906012001004'), '1906012001004', [7, 8]);
    for (const s of [c, d]) await replica.addLocal(docIdOf(s), [{ id: s.id, bytes: s.bytes }]);
    events.length = 0;
    const ok3 = await attestation(good, c);
    const ok4 = await attestation(good, d);
    queue.enqueue(ok3.docId, ok3.entry);
    queue.enqueue(ok4.docId, ok4.entry);
    await new Promise((resolve) => setTimeout(resolve, 20)); // flushes on its own
    await queue.flush();
    expect(events).toEqual([[ok3.entry.id, ok4.entry.id]]);
  });
});
