import * as A from '@automerge/automerge';
import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MergeRejectedError } from '../../src/replication/errors.js';
import { addObjects, emptyRegionDoc, type RegionDoc } from '../../src/replication/region-document.js';
import { validateRemoteSyncMessage } from '../../src/replication/validate-merge.js';
import { hex, testObject, testValidator } from '../replication/fixtures.js';
import { fuzzParams, fuzzTimeout, mutatedBytes, randomBytes, typedOutcomeAsync } from '@titip/testkit/fuzz';

const DOC = '1906012001';

// The local document, and a remote one that shares its history and adds more; the remote's sync messages to the
// local side (hello with bloom filter, then the changes) are the valid inputs.
const local: RegionDoc = addObjects(emptyRegionDoc(), [1, 2, 3].map((n) => testObject(DOC, `tps ${n}`))).doc;
let remote: RegionDoc = A.merge(emptyRegionDoc(), A.clone(local));
remote = addObjects(remote, [4, 5].map((n) => testObject(DOC, `tps ${n}`))).doc;
remote = addObjects(remote, [testObject(DOC, 'tps 6')]).doc;
const seeds: Uint8Array[] = [];
{
  let l = A.clone(local);
  let r = A.clone(remote);
  let ls = A.initSyncState();
  let rs = A.initSyncState();
  for (let i = 0; i < 10; i++) {
    const [rs2, toLocal] = A.generateSyncMessage(r, rs);
    rs = rs2;
    if (toLocal) {
      seeds.push(toLocal);
      [l, ls] = A.receiveSyncMessage(l, ls, toLocal);
    }
    const [ls2, toRemote] = A.generateSyncMessage(l, ls);
    ls = ls2;
    if (toRemote) [r, rs] = A.receiveSyncMessage(r, rs, toRemote);
    if (!toLocal && !toRemote) break;
  }
}

const localKeys = Object.keys(local);
const localHeads = A.getHeads(local);

/**
 * The validating merge either refuses with MergeRejectedError, leaving the caller's document as it was (same heads,
 * still writable), or accepts only new, validated, hash-keyed objects and keeps every object held. The merge may
 * receive a change-less message on the document itself (then the caller uses the returned document), so each input
 * gets its own copy of the local document.
 */
let runs = 0;
async function check(message: Uint8Array): Promise<void> {
  // let Automerge's finalizers run now and then (they free what the merge copied and dropped)
  if (++runs % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  let decodable = true;
  try {
    A.decodeSyncMessage(message);
  } catch {
    decodable = false; // refused before the document is touched: no copy needed (a copy is the costly part)
  }
  const mine = decodable ? A.clone(local) : local;
  // Documents are freed here: a fuzz loop never yields to the event loop, so Automerge's finalizers would not run and
  // its wasm memory would grow by ~9 KB a copy (on a running peer they do run). A change returns a document on the
  // same backend as its input, so each backend is freed once, through its latest document.
  const freed = new Set<unknown>();
  const free = (doc: RegionDoc) => {
    const backend = A.getBackend(doc);
    if (doc === local || backend === A.getBackend(local) || freed.has(backend)) return;
    freed.add(backend);
    A.free(doc);
  };
  const outcome = await typedOutcomeAsync(
    () => validateRemoteSyncMessage(DOC, mine, A.initSyncState(), message, testValidator, { maxObjectBytes: 65_536 }),
    [MergeRejectedError],
  );
  if (!outcome.ok) {
    expect(A.getHeads(mine)).toEqual(localHeads);
    if (decodable) free(A.emptyChange(mine)); // throws if the merge left the caller's document outdated
    return;
  }
  const { doc, added } = outcome.value;
  for (const key of localKeys) expect(doc[key]).toEqual(local[key]);
  for (const entry of added) {
    expect(hex(sha256(entry.bytes))).toBe(entry.id);
    expect(localKeys).not.toContain(entry.id);
  }
  for (const [key, value] of Object.entries(doc)) {
    expect(value).toBeInstanceOf(Uint8Array);
    expect(hex(sha256(value))).toBe(key);
  }
  free(A.emptyChange(doc)); // the returned document is writable
  free(mine);
}

describe('fuzz: the validating merge of Automerge sync messages (the `data` of `sync` frames)', () => {
  it('has seeds that carry the remote objects', async () => {
    expect(seeds.length).toBeGreaterThanOrEqual(2);
    let doc = A.clone(local);
    let state = A.initSyncState();
    for (const s of seeds) ({ doc, syncState: state } = await validateRemoteSyncMessage(DOC, doc, state, s, testValidator, { maxObjectBytes: 65_536 }));
    expect(Object.keys(doc).sort()).toEqual(Object.keys(remote).sort());
  });
  it('mutated sync messages', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(seeds), check), fuzzParams(1500, 0.8, 11));
  });
  it('random bytes, and random bytes after a sync message header', { timeout: fuzzTimeout }, async () => {
    const arb = fc.oneof(randomBytes(300), fc.tuple(fc.constantFrom(...seeds.map((s) => s.subarray(0, 8))), randomBytes(300)).map(([h, t]) => Uint8Array.from([...h, ...t])));
    await fc.assert(fc.asyncProperty(arb, check), fuzzParams(500, 0.2, 12));
  });
});
