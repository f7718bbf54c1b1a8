import { sha256 } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { createReceipt, createRecordValidator, createSubmission, type SubmissionRecord } from '@titip/records';
import { openMemoryStore } from '@titip/store';
import { makeTrust, validKwkForm, type TestTrust } from '@titip/testkit';
import { recordObjectValidator } from '../../src/records/record-object-validator.js';
import { Replica } from '../../src/replication/replica.js';
import { BUNDLE_MAGIC, BUNDLE_PREFIX_BYTES } from '../../src/bundle/bundle-format.js';

export const DESA = '1906012001';
export const OTHER_DESA = '1906012002';
export const KECAMATAN = '190601';
export const tpsOf = (desa: string, n: number) => `${desa}${String(n).padStart(3, '0')}`;

/** A replica on a memory store that validates with the real record validator of `trust`. */
export async function recordReplica(trust: TestTrust, scopes: string[]): Promise<Replica> {
  const validator = createRecordValidator({ root: trust.network.root, provider: nodeEd25519, elections: (id) => trust.network.election(id) });
  return Replica.open({ store: await openMemoryStore(), scopes, validator: recordObjectValidator(validator) });
}

/** A signed submission of `tps` by its operator. */
export async function submissionOf(trust: TestTrust, tps: string, votes: Record<string, number> = { '1000526': 120, '1000527': 200 }): Promise<SubmissionRecord> {
  const operator = await trust.operator(tps);
  return createSubmission(
    { keyPair: operator.keyPair, credentials: operator.chain, tps, election: 'pkwkk', form: validKwkForm(votes), photos: [], revision: 1, supersedes: null },
    nodeEd25519,
  );
}

/** A receipt of `submission` signed by the trust's server. */
export async function receiptOf(trust: TestTrust, submission: SubmissionRecord) {
  const server = await trust.server();
  return createReceipt({ keyPair: server.keyPair, credentials: server.chain, submission }, nodeEd25519);
}

/** A trust hierarchy for the bundle tests (deterministic keys). */
export function bundleTrust(label = 'bundle-test'): Promise<TestTrust> {
  return makeTrust(nodeEd25519, { label });
}

/**
 * A replica holding, for two desa, a submission of TPS 1–3 each and a receipt for the first TPS of each: 8 objects
 * in 2 documents, added as their authors would (validated).
 */
export async function populatedReplica(trust: TestTrust, scopes = [KECAMATAN]) {
  const replica = await recordReplica(trust, scopes);
  const records = [];
  for (const desa of [DESA, OTHER_DESA]) {
    const subs = await Promise.all([1, 2, 3].map((n) => submissionOf(trust, tpsOf(desa, n))));
    const receipt = await receiptOf(trust, subs[0]!);
    const entries = [...subs, receipt].map((r) => ({ id: r.id, bytes: r.bytes }));
    await replica.addLocal(desa, entries);
    records.push(...subs, receipt);
  }
  return { replica, records };
}

/** Every object a replica holds, as `docId/id` strings, sorted. */
export function holdings(replica: Replica): string[] {
  return [...replica.objects()].map((o) => `${o.docId}/${o.id}`).sort();
}

/** Recomputes a bundle's declared length and SHA-256 trailer after it was altered (a careful forger's edit). */
export function reseal(altered: Uint8Array): Uint8Array {
  const out = new Uint8Array(altered.length);
  out.set(altered);
  new DataView(out.buffer).setUint32(BUNDLE_MAGIC.length + 2, out.length);
  out.set(sha256(out.subarray(0, out.length - 32)), out.length - 32);
  return out;
}

/** The byte offset where a bundle's entries start. */
export function entriesOffset(bundle: Uint8Array): number {
  return BUNDLE_PREFIX_BYTES + new DataView(bundle.buffer, bundle.byteOffset).getUint32(BUNDLE_MAGIC.length + 6);
}

/** The bytes of a bundle with `edit` applied to a copy of it. */
export function edited(bundle: Uint8Array, edit: (copy: Uint8Array) => Uint8Array | void): Uint8Array {
  const copy = Uint8Array.from(bundle);
  return edit(copy) ?? copy;
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
