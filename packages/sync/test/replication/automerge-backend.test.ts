import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import { generateSyncMessage, newBackend, receiveSyncMessage, type DocBackend } from '../../src/replication/automerge-backend.js';
import { forkWithObjects, objectIdsOf, sortedHeadsOf } from '../../src/replication/region-backend.js';
import { testObject } from './fixtures.js';

const DESA = '1906012001';

/** Syncs two backends with the adapter until neither has anything to send; returns the messages exchanged. */
function syncBackends(a: DocBackend, b: DocBackend): number {
  let sa = A.initSyncState();
  let sb = A.initSyncState();
  let messages = 0;
  for (let round = 0; round < 20; round++) {
    const [na, toB] = generateSyncMessage(a, sa);
    sa = na;
    if (toB) {
      sb = receiveSyncMessage(b, sb, toB);
      messages++;
    }
    const [nb, toA] = generateSyncMessage(b, sb);
    sb = nb;
    if (toA) {
      sa = receiveSyncMessage(a, sa, toA);
      messages++;
    }
    if (!toA && !toB) return messages;
  }
  throw new Error('sync did not settle');
}

describe('Automerge document backends', () => {
  it('sync with each other, and with JS Automerge documents, through the same messages', () => {
    const a = forkWithObjects(newBackend(), [1, 2, 3].map((n) => testObject(DESA, `a${n}`)), () => false).backend;
    const b = forkWithObjects(newBackend(), [testObject(DESA, 'b1')], () => false).backend;
    expect(syncBackends(a, b)).toBeGreaterThan(0);
    expect(sortedHeadsOf(a)).toEqual(sortedHeadsOf(b));
    expect(objectIdsOf(b).sort()).toEqual(objectIdsOf(a).sort());
    // a JS document on the other end
    let doc = A.init<Record<string, Uint8Array>>();
    let mine = A.initSyncState();
    let theirs = A.initSyncState();
    for (let round = 0; round < 20; round++) {
      const [m, toBackend] = A.generateSyncMessage(doc, mine);
      mine = m;
      if (toBackend) theirs = receiveSyncMessage(a, theirs, toBackend);
      const [t, toDoc] = generateSyncMessage(a, theirs);
      theirs = t;
      if (toDoc) [doc, mine] = A.receiveSyncMessage(doc, mine, toDoc);
      if (!toBackend && !toDoc) break;
    }
    expect([...A.getHeads(doc)].sort()).toEqual(sortedHeadsOf(a));
    expect(Object.keys(doc).sort()).toEqual(objectIdsOf(a).sort());
  });

  it('throw on an undecodable message, leaving the backend as it was', () => {
    const a = forkWithObjects(newBackend(), [testObject(DESA, 'x')], () => false).backend;
    const heads = sortedHeadsOf(a);
    expect(() => receiveSyncMessage(a, A.initSyncState(), new Uint8Array([0x42, 1, 2, 3]))).toThrow();
    expect(sortedHeadsOf(a)).toEqual(heads);
  });

});
