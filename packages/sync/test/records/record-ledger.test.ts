import { createCredentialCache } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { createReceipt, createRecordValidator, createSubmission, decodeRecord, docIdOf, type SubmissionRecord } from '@titip/records';
import { openMemoryStore } from '@titip/store';
import { makeTrust, validKwkForm, type TestTrust } from '@titip/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { RecordLedger } from '../../src/records/record-ledger.js';
import { recordObjectValidator } from '../../src/records/record-object-validator.js';
import { Replica } from '../../src/replication/replica.js';

const TPS = '1906012001001';
let trust: TestTrust;
let submission: SubmissionRecord;

beforeAll(async () => {
  trust = await makeTrust(nodeEd25519);
  const operator = await trust.operator(TPS);
  submission = await createSubmission(
    { keyPair: operator.keyPair, credentials: operator.chain, tps: TPS, election: 'pkwkk', form: validKwkForm({ '1000526': 120, '1000527': 200 }), photos: [], revision: 1, supersedes: null, deviceTime: Date.now() },
    nodeEd25519,
  );
});

async function replica() {
  const validator = createRecordValidator({ root: trust.network.root, provider: nodeEd25519, cache: createCredentialCache() });
  return Replica.open({ store: await openMemoryStore(), scopes: ['1906'], validator: recordObjectValidator(validator) });
}

describe('RecordLedger', () => {
  it('follows submissions and receipts added to the replica, and resolves whenReceipt', async () => {
    const r = await replica();
    const ledger = new RecordLedger(r);
    const waiting = ledger.whenReceipt(submission.id, 5000);
    await r.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }]);
    expect(ledger.counts()).toEqual({ held: 1, forwarded: 0, acknowledged: 0 });
    const server = await trust.server();
    const receipt = await createReceipt({ keyPair: server.keyPair, credentials: server.chain, submission }, nodeEd25519);
    await r.addLocal(docIdOf(submission), [{ id: receipt.id, bytes: receipt.bytes }]);
    expect((await waiting).id).toBe(receipt.id);
    expect(ledger.counts()).toEqual({ held: 1, forwarded: 1, acknowledged: 1 });
    ledger.close();
  });

  it('keeps the record an entry carries from its validator, and decodes the bytes when the carried one is not this object', async () => {
    const r = await replica();
    const ledger = new RecordLedger(r);
    const carried = decodeRecord(submission.bytes);
    await r.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes, decoded: carried }], { trusted: true });
    expect(ledger.submissions.get(submission.id)?.record).toBe(carried);
    // a decoded value of another id is ignored: the ledger decodes the bytes it holds
    const other = await replica();
    const otherLedger = new RecordLedger(other);
    const wrong = { ...carried, id: '00'.repeat(32) };
    await other.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes, decoded: wrong }], { trusted: true });
    const kept = otherLedger.submissions.get(submission.id)?.record;
    expect(kept).not.toBe(wrong);
    expect(kept?.id).toBe(submission.id);
    expect(kept?.body).toEqual(carried.body);
  });

  it('reads what the replica held when it was made', async () => {
    const r = await replica();
    await r.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }]);
    const ledger = new RecordLedger(r);
    expect(ledger.counts().held).toBe(1);
  });
});
