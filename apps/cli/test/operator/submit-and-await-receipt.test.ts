import { nodeEd25519 } from '@titip/identity/node';
import { createAttestation, createReceipt, docIdOf, type ReceiptRecord, type SubmissionRecord, type TitipRecord } from '@titip/records';
import { beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, ReceiptTimeoutError } from '../../src/errors.js';
import { receiptFor } from '../../src/operator/receipt-for.js';
import { signSubmission } from '../../src/operator/sign-submission.js';
import { submitAndAwaitReceipt } from '../../src/operator/submit-and-await-receipt.js';
import { exampleForm } from '../fixtures/forms.js';
import { memoryReplica } from '../fixtures/memory-replica.js';
import { makeTestTrust, type TestIdentity, type TestTrust } from '../fixtures/trust.js';

const TPS = '1906012001001';
let trust: TestTrust;
let operator: TestIdentity;

beforeAll(async () => {
  trust = await makeTestTrust('await');
  operator = await trust.operator(TPS);
});

function sign(deviceTime = trust.now): Promise<SubmissionRecord> {
  return signSubmission({
    keyPair: operator.keyPair,
    chain: operator.chain,
    tps: TPS,
    election: 'pkwkk',
    form: exampleForm('c-hasil-pkwkk.json'),
    electionDefinition: trust.network.election('pkwkk'),
    root: trust.root.publicKey,
    deviceTime,
  });
}

function receiptOf(submission: SubmissionRecord, server: TestIdentity = trust.server, receivedAt = trust.now + 1000): Promise<ReceiptRecord> {
  return createReceipt({ keyPair: server.keyPair, credentials: server.chain, submission, receivedAt }, nodeEd25519);
}

/** Adds a record as a remote peer's would arrive: through the validator (not trusted). */
async function arrive(replica: Awaited<ReturnType<typeof memoryReplica>>, record: TitipRecord) {
  await replica.addLocal(docIdOf(record), [{ id: record.id, bytes: record.bytes }]);
}

describe('submitAndAwaitReceipt', () => {
  it('queues the submission and resolves with the receipt when it arrives', async () => {
    const replica = await memoryReplica(trust, [TPS]);
    const submission = await sign();
    const receipt = await receiptOf(submission);
    const waiting = submitAndAwaitReceipt({ replica }, submission, { timeoutMs: 5000, root: trust.root.publicKey });
    await new Promise((r) => setTimeout(r, 20));
    expect(replica.object(submission.id)).toEqual(submission.bytes); // queued before any receipt
    await arrive(replica, receipt);
    const got = await waiting;
    expect(got.id).toBe(receipt.id);
    expect(got.body.submission).toBe(submission.id);
  });

  it('ignores receipts of other submissions and attestations, and waits for its own', async () => {
    const replica = await memoryReplica(trust, [TPS]);
    const submission = await sign();
    const other = await sign(trust.now + 5);
    const relay = await trust.relay('190601');
    const waiting = submitAndAwaitReceipt({ replica }, submission, { timeoutMs: 5000 });
    await replica.addLocal(docIdOf(other), [{ id: other.id, bytes: other.bytes }], { trusted: true });
    await arrive(replica, await receiptOf(other));
    await arrive(replica, await createAttestation({ keyPair: relay.keyPair, credentials: relay.chain, submission, stage: 'ppk', region: '190601', seenAt: trust.now }, nodeEd25519));
    const own = await receiptOf(submission);
    await arrive(replica, own);
    expect((await waiting).id).toBe(own.id);
  });

  it('resolves at once when the receipt is already held (a second run)', async () => {
    const replica = await memoryReplica(trust, [TPS]);
    const submission = await sign();
    await replica.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }], { trusted: true });
    const receipt = await receiptOf(submission);
    await arrive(replica, receipt);
    expect((await submitAndAwaitReceipt({ replica }, submission, { timeoutMs: 50 })).id).toBe(receipt.id);
  });

  it('times out with ReceiptTimeoutError and leaves the submission queued', async () => {
    const replica = await memoryReplica(trust, [TPS]);
    const submission = await sign();
    const error = await submitAndAwaitReceipt({ replica }, submission, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReceiptTimeoutError);
    expect(error).toMatchObject({ code: 'CLI_RECEIPT_TIMEOUT', submissionId: submission.id, timeoutMs: 100 });
    expect(replica.object(submission.id)).toEqual(submission.bytes);
  });

  it('stops with AbortedError when the signal aborts', async () => {
    const replica = await memoryReplica(trust, [TPS]);
    const submission = await sign();
    const controller = new AbortController();
    const waiting = submitAndAwaitReceipt({ replica }, submission, { timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(waiting).rejects.toThrow(AbortedError);
    expect(replica.object(submission.id)).toBeDefined();
    await expect(submitAndAwaitReceipt({ replica }, submission, { timeoutMs: 10, signal: controller.signal })).rejects.toThrow(AbortedError);
  });
});

describe('receiptFor', () => {
  it('finds the earliest verified receipt of a submission, or undefined', async () => {
    const replica = await memoryReplica(trust);
    const submission = await sign();
    expect(await receiptFor(replica, submission.id)).toBeUndefined();
    await replica.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }], { trusted: true });
    const late = await receiptOf(submission, trust.server, trust.now + 9000);
    const early = await receiptOf(submission, trust.server, trust.now + 2000);
    await arrive(replica, late);
    await arrive(replica, early);
    expect((await receiptFor(replica, submission.id))?.id).toBe(early.id);
    expect((await receiptFor(replica, submission.id, { root: trust.root.publicKey }))?.id).toBe(early.id);
  });

  it('with a root, re-verifies: a receipt under another root does not count', async () => {
    const replica = await memoryReplica(trust);
    const submission = await sign();
    await arrive(replica, await receiptOf(submission));
    const elsewhere = await makeTestTrust('another-network');
    expect(await receiptFor(replica, submission.id)).toBeDefined(); // searched in every document: the submission is not held
    expect(await receiptFor(replica, submission.id, { root: elsewhere.root.publicKey })).toBeUndefined();
  });
});
