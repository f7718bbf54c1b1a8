import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { hashHex } from '@titip/identity';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceipt } from '../../src/create/create-receipt.js';
import { createSubmission } from '../../src/create/create-submission.js';
import { packEntries } from '../../src/node/entry-pack.js';
import { createPackValidator } from '../../src/node/validate-packed.js';
import type { WorkerConfig, WorkerMessage } from '../../src/node/worker-protocol.js';
import { startRecordWorker } from '../../src/node/worker-spawn.js';
import { ELECTION_DAY, pkwkk1906, provider, scenario, submissionParams } from '../helpers/scenario.js';

async function setup() {
  const s = await scenario();
  const r = await createSubmission(submissionParams(s), provider, pkwkk1906);
  const config: WorkerConfig = { root: s.root.publicKey, elections: [pkwkk1906], clockSkewMs: 3_600_000, maxBytes: 65_536, cacheSize: 100 };
  return { s, r, config };
}

describe('createPackValidator (the work of one worker, run in-process)', () => {
  it('answers each entry of a pack: kind, leaf credential and body (a submission: its TPS only) of a valid record, the failure otherwise', async () => {
    const { s, r, config } = await setup();
    const receipt = await createReceipt({ keyPair: s.server, credentials: s.serverChain, submission: r, receivedAt: ELECTION_DAY }, provider);
    const validate = createPackValidator(config);
    const entries = [r, receipt, { id: 'f'.repeat(64), bytes: r.bytes }, { id: hashHex(Uint8Array.of(1)), bytes: Uint8Array.of(1) }];
    const results = await validate(packEntries(entries.map(({ id, bytes }) => ({ id, bytes }))));
    expect(results[0]).toEqual({ ok: true, kind: 'submission', tps: r.body.tps, credential: expect.objectContaining({ role: 'operator' }) });
    expect(results[1]).toMatchObject({ ok: true, kind: 'receipt', body: { submission: r.id }, credential: { role: 'server' } });
    expect(results[2]).toMatchObject({ ok: false, failure: { code: 'hash-mismatch' } });
    expect(results[3]).toMatchObject({ ok: false, failure: { code: 'malformed' } });
    await expect(validate(new ArrayBuffer(3))).rejects.toBeInstanceOf(RangeError);
  });
});

describe('record-worker (run as a worker thread, speaking its protocol)', () => {
  let worker: Worker | undefined;
  afterEach(async () => {
    await worker?.terminate();
    worker = undefined;
  });

  it('says ready, answers packs in order with the pack returned, and survives a malformed pack', async () => {
    const { r, config } = await setup();
    worker = startRecordWorker(config);
    const messages: WorkerMessage[] = [];
    worker.on('message', (m: WorkerMessage) => messages.push(m));
    const good = packEntries([{ id: r.id, bytes: r.bytes }]);
    const size = good.byteLength;
    worker.postMessage({ id: 1, buffer: new ArrayBuffer(5) });
    worker.postMessage({ id: 2, buffer: good }, [good]);
    expect(good.byteLength).toBe(0); // transferred, not copied
    while (messages.length < 3) await once(worker, 'message');
    expect(messages[0]).toEqual({ type: 'ready' });
    expect(messages[1]).toMatchObject({ type: 'error', id: 1 });
    expect((messages[1] as { message: string }).message).toMatch(/RangeError/);
    expect(messages[2]).toMatchObject({ type: 'results', id: 2, results: [{ ok: true, kind: 'submission' }] });
    expect((messages[2] as { buffer: ArrayBuffer }).buffer.byteLength).toBe(size);
  });
});
