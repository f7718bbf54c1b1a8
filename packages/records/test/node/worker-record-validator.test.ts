import { InvalidElectionDefinitionError, type ElectionDefinition } from '@titip/election';
import { hashHex, issueCredential, toHex } from '@titip/identity';
import { afterEach, describe, expect, it } from 'vitest';
import { createAttestation } from '../../src/create/create-attestation.js';
import { createReceipt } from '../../src/create/create-receipt.js';
import { createRevocation } from '../../src/create/create-revocation.js';
import { createSubmission } from '../../src/create/create-submission.js';
import { docIdOf } from '../../src/doc-id.js';
import { InvalidRecordInputError, WorkerValidatorError } from '../../src/errors.js';
import {
  createWorkerRecordValidator,
  workerValidatorTestHooks,
  type WorkerRecordValidator,
  type WorkerRecordValidatorOptions,
} from '../../src/node/worker-record-validator.js';
import { createRecordValidator, type ValidationEntry } from '../../src/verify/record-validator.js';
import type { VerifyRecordOptions } from '../../src/verify/verify-record.js';
import { failureCases, type Scenario } from '../helpers/failure-cases.js';
import { flipBit } from '../helpers/forge.js';
import { ELECTION_DAY, HOUR, OPERATOR_FROM, OPERATOR_UNTIL, keyNamed, pkwkk1906, provider, scenario, submissionParams } from '../helpers/scenario.js';

const open: WorkerRecordValidator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((v) => v.close()));
});

function workers(options: WorkerRecordValidatorOptions): WorkerRecordValidator {
  const validator = createWorkerRecordValidator(options);
  open.push(validator);
  return validator;
}

/** Submissions of `count` operators (10 TPS), each signed with its own credential under the scenario's issuer. */
async function submissions(s: Scenario, count: number, operators = 10): Promise<ValidationEntry[]> {
  const out: ValidationEntry[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % operators;
    const op = await keyNamed(`worker-op-${k}`);
    const tps = `1906012001${String(k + 1).padStart(3, '0')}`;
    const cred = await issueCredential(s.issuer, { role: 'operator', subject: op.publicKey, regions: [tps], elections: ['pkwkk'], validFrom: OPERATOR_FROM, validUntil: OPERATOR_UNTIL }, provider);
    const r = await createSubmission({ ...submissionParams(s), keyPair: op, credentials: [cred.bytes, s.issuerCred.bytes], tps, deviceTime: OPERATOR_FROM + i * 1000 }, provider, pkwkk1906);
    out.push({ id: r.id, bytes: r.bytes });
  }
  return out;
}

/** Bad entries of every shape the validator meets before decoding. */
function oddEntries(good: ValidationEntry): ValidationEntry[] {
  return [
    { id: good.id.toUpperCase(), bytes: good.bytes }, // an id that is not lowercase hex
    { id: '', bytes: Uint8Array.of(1) },
    { id: 'f'.repeat(64), bytes: good.bytes }, // a well-formed id of other bytes
    { id: good.id, bytes: flipBit(good.bytes, 3) }, // bytes changed under their id
    { id: 'x', bytes: new Uint8Array(70_000) }, // too large
    { id: hashHex(new Uint8Array(0)), bytes: new Uint8Array(0) }, // empty
    { id: 'x', bytes: 'bytes' as unknown as Uint8Array }, // not bytes
    { id: 42 as unknown as string, bytes: good.bytes }, // not a string id
    { id: hashHex(Uint8Array.of(0xa0)), bytes: Uint8Array.of(0xa0) }, // an empty map: not an envelope
  ];
}

/** The worker validator's options matching verifier options (elections as data instead of a lookup). */
function workerOptionsOf(options: VerifyRecordOptions, elections: ElectionDefinition[]): WorkerRecordValidatorOptions {
  return {
    root: options.root,
    threads: 2,
    elections,
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.clockSkewMs === undefined ? {} : { clockSkewMs: options.clockSkewMs }),
    ...(options.checkTimeAt === undefined ? {} : { checkTimeAt: options.checkTimeAt }),
  };
}

describe('createWorkerRecordValidator: the same verdicts as createRecordValidator', () => {
  it('on every failure code, with the same failures (code, message, detail) and the same records', async () => {
    const s = await scenario();
    // Cases checked with the same options run as one mixed batch (with valid records among them).
    const groups = new Map<string, { options: VerifyRecordOptions; elections: ElectionDefinition[]; entries: ValidationEntry[]; codes: string[] }>();
    for (const c of failureCases) {
      const { bytes, id, extra = {} } = await c.make(s);
      const elections = extra.elections === undefined ? [] : [extra.elections('pkwkk')!];
      const options: VerifyRecordOptions = { root: s.root.publicKey, provider, ...extra, ...(elections.length > 0 ? { elections: () => elections[0] } : {}) };
      const key = `${toHex(options.root)} ${String(options.maxBytes)} ${String(options.checkTimeAt)} ${JSON.stringify(elections)}`;
      const group = groups.get(key) ?? { options, elections, entries: [], codes: [] };
      groups.set(key, group);
      group.entries.push({ id: id ?? hashHex(bytes), bytes });
      group.codes.push(c.code);
    }
    const valid = await submissions(s, 6, 3);
    let acceptedValid = 0; // groups whose options accept the valid records (the default one at least)
    for (const group of groups.values()) {
      const entries = [valid[0]!, ...group.entries, ...valid.slice(1)];
      const expected = await createRecordValidator(group.options).batch(entries);
      const codes = expected.map((r) => (r.ok ? 'ok' : r.failure.code));
      expect(codes.slice(1, 1 + group.codes.length)).toEqual(group.codes);
      if (codes.filter((c) => c === 'ok').length === valid.length) acceptedValid += 1;
      const validator = workers(workerOptionsOf(group.options, group.elections));
      expect(await validator.batch(entries)).toEqual(expected);
    }
    expect(groups.size).toBeGreaterThan(1);
    expect(acceptedValid).toBeGreaterThan(0);
  });

  it('on malformed, oversized, non-byte and mis-filed input, never crashing', async () => {
    const s = await scenario();
    const [good] = await submissions(s, 1);
    const entries = [good!, ...oddEntries(good!)];
    const expected = await createRecordValidator({ root: s.root.publicKey, provider }).batch(entries);
    expect(expected.map((r) => (r.ok ? 'ok' : r.failure.code))).toEqual([
      'ok',
      'hash-mismatch',
      'hash-mismatch',
      'hash-mismatch',
      'hash-mismatch',
      'too-large',
      'malformed',
      'malformed',
      'hash-mismatch',
      'malformed',
    ]);
    const validator = workers({ root: s.root.publicKey, threads: 2 });
    expect(await validator.batch(entries)).toEqual(expected);
    for (const [i, e] of entries.entries()) expect(await validator(e.id, e.bytes)).toEqual(expected[i]);
  });

  it('keeps input order across many chunks and both workers, and gives each record its own bytes (all kinds)', async () => {
    const s = await scenario();
    const submission = await createSubmission(submissionParams(s), provider, pkwkk1906);
    const receipt = await createReceipt({ keyPair: s.server, credentials: s.serverChain, submission, receivedAt: ELECTION_DAY + HOUR }, provider);
    const attestation = await createAttestation({ keyPair: s.relay, credentials: s.relayChain, submission, stage: 'ppk', region: '190601', seenAt: ELECTION_DAY + HOUR }, provider);
    const byIssuer = await createRevocation({ keyPair: s.issuer, credentials: [s.issuerCred.bytes], revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: '1906012001', reason: 'HP hilang' }, provider);
    const byRoot = await createRevocation({ keyPair: s.root, revoked: s.issuerCred.bytes, from: ELECTION_DAY, region: '1906', reason: 'kunci bocor' }, provider);
    const others = [receipt, attestation, byIssuer, byRoot].map(({ id, bytes }) => ({ id, bytes }));
    const valid = [...others, ...(await submissions(s, 120, 12)), ...others];
    const entries = valid.map((e, i) => (i % 7 === 3 ? { id: e.id, bytes: flipBit(e.bytes, -3) } : i % 11 === 5 ? { id: 'f'.repeat(64), bytes: e.bytes } : e));
    const expected = await createRecordValidator({ root: s.root.publicKey, provider, elections: () => pkwkk1906 }).batch(entries);
    const validator = workers({ root: s.root.publicKey, threads: 2, chunkSize: 7, elections: [pkwkk1906] });
    const results = await validator.batch(entries);
    expect(results.map((r) => r.ok && docIdOf(r.record))).toEqual(expected.map((r) => r.ok && docIdOf(r.record)));
    expect(results).toEqual(expected);
    const okCount = results.filter((r) => r.ok).length;
    expect(okCount).toBeGreaterThan(90);
    expect(results.filter((r) => r.ok && r.record.kind !== 'submission').length).toBeGreaterThanOrEqual(3); // receipts and attestations too
    expect(results.filter((r) => r.ok && r.record.kind === 'revocation').map((r) => r.ok && docIdOf(r.record))).toContain('1906');
    expect(results.some((r) => r.ok && r.record.kind === 'revocation' && r.credential === null)).toBe(true); // signed by the root itself
    for (const r of results) if (r.ok) expect(r.record.bytes.buffer.byteLength).toBe(r.record.bytes.length);
    const firstOk = results.find((r) => r.ok);
    expect(firstOk?.ok === true && Object.isFrozen(firstOk.credential)).toBe(true);
  });

  it('answers concurrent batches and coalesced single calls correctly', async () => {
    const s = await scenario();
    const valid = await submissions(s, 40);
    const single = createRecordValidator({ root: s.root.publicKey, provider });
    const expected = await single.batch(valid);
    const validator = workers({ root: s.root.publicKey, threads: 2, chunkSize: 5 });
    const [a, b, ...ones] = await Promise.all([
      validator.batch(valid.slice(0, 25)),
      validator.batch(valid.slice(25)),
      ...valid.map((e) => validator(e.id, e.bytes)),
    ]);
    expect([...a!, ...b!]).toEqual(expected);
    expect(ones).toEqual(expected);
    expect(await validator.batch([])).toEqual([]);
  });
});

describe('createWorkerRecordValidator: workers', () => {
  it('close() terminates the workers: pending and later calls reject with WorkerValidatorError (closed); repeatable', async () => {
    const s = await scenario();
    const valid = await submissions(s, 30);
    const validator = createWorkerRecordValidator({ root: s.root.publicKey, threads: 2, chunkSize: 2 });
    const pending = expect(validator.batch(valid)).rejects.toMatchObject({ name: 'WorkerValidatorError', code: 'RECORDS_WORKER_VALIDATOR', reason: 'closed' });
    const pendingSingle = expect(validator(valid[0]!.id, valid[0]!.bytes)).rejects.toBeInstanceOf(WorkerValidatorError);
    await validator.close();
    await pending;
    await pendingSingle;
    await expect(validator.batch(valid)).rejects.toMatchObject({ reason: 'closed' });
    await validator.close();
  });

  it('replaces a worker that dies and retries its chunks on the new one', async () => {
    const s = await scenario();
    const valid = await submissions(s, 40);
    const expected = await createRecordValidator({ root: s.root.publicKey, provider }).batch(valid);
    const validator = workers({ root: s.root.publicKey, threads: 2, chunkSize: 4 });
    expect(await validator.batch(valid.slice(0, 2))).toEqual(expected.slice(0, 2)); // both workers up
    const hooks = workerValidatorTestHooks(validator);
    const before = hooks.threadIds();
    hooks.crashNext = 1;
    expect(await validator.batch(valid)).toEqual(expected);
    const after = hooks.threadIds();
    expect(after).toHaveLength(2);
    expect(after.filter((id, i) => id !== before[i])).toHaveLength(1);
    expect(await validator.batch(valid)).toEqual(expected);
  });

  it('fails only the batch whose chunk kills its worker twice, with WorkerValidatorError (worker-crashed), and goes on', async () => {
    const s = await scenario();
    const valid = await submissions(s, 6);
    const expected = await createRecordValidator({ root: s.root.publicKey, provider }).batch(valid);
    const validator = workers({ root: s.root.publicKey, threads: 1 });
    expect(await validator.batch(valid)).toEqual(expected);
    workerValidatorTestHooks(validator).crashNext = 2;
    await expect(validator.batch(valid)).rejects.toMatchObject({ name: 'WorkerValidatorError', reason: 'worker-crashed' });
    expect(await validator.batch(valid)).toEqual(expected);
  });

  it('bounds its queue: a batch beyond maxQueuedEntries is refused with WorkerValidatorError (queue-full)', async () => {
    const s = await scenario();
    const valid = await submissions(s, 30);
    const validator = workers({ root: s.root.publicKey, threads: 1, maxQueuedEntries: 20 });
    const first = validator.batch(valid.slice(0, 15));
    await expect(validator.batch(valid.slice(15, 25))).rejects.toMatchObject({ reason: 'queue-full' });
    expect((await first).every((r) => r.ok)).toBe(true);
    expect((await validator.batch(valid)).every((r) => r.ok)).toBe(true); // idle: any one batch runs
    // Entries refused before packing (here: not bytes) take no room in the queue.
    const waiting = validator.batch(valid.slice(0, 20));
    expect(await validator.batch([{ id: 'x', bytes: 'no' as unknown as Uint8Array }])).toMatchObject([{ ok: false, failure: { code: 'malformed' } }]);
    await waiting;
  });

  it('refuses nonsensical options and invalid election definitions with typed errors', async () => {
    const s = await scenario();
    const root = s.root.publicKey;
    expect(() => createWorkerRecordValidator({ root, threads: 0 })).toThrow(InvalidRecordInputError);
    expect(() => createWorkerRecordValidator({ root, chunkSize: 1.5 })).toThrow(InvalidRecordInputError);
    expect(() => createWorkerRecordValidator({ root: root.subarray(1) })).toThrow(InvalidRecordInputError);
    expect(() => createWorkerRecordValidator({ root, clockSkewMs: -1 })).toThrow(InvalidRecordInputError);
    expect(() => createWorkerRecordValidator({ root, elections: [{ ...pkwkk1906, paslon: [] }] })).toThrow(InvalidElectionDefinitionError);
    expect(() => createWorkerRecordValidator({ root, elections: [pkwkk1906, pkwkk1906] })).toThrow(InvalidRecordInputError);
    expect(() => workerValidatorTestHooks(createRecordValidator({ root, provider }) as never)).toThrow(InvalidRecordInputError);
  });
});
